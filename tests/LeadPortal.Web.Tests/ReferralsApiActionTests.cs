using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Notifications;
using LeadPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Tests;

/// <summary>
/// GET /api/v1/referrals/{id} and the actions on it (accept, decline, won, lost, PATCH), with the same rules as the web
/// forms: another organization's lead and a missing id are 404, a stage that does not allow the action and a stale
/// If-Match are 409, a bad body is 400 per field; every refusal changes nothing.
/// </summary>
public sealed class ReferralsApiActionTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;
    private CreatedApiKey? _contosoKey;

    public ReferralsApiActionTests(PortalFactory factory)
    {
        _factory = factory;
        factory.SeededAsync().GetAwaiter().GetResult();
    }

    private DateOnly Today => _factory.Today();

    private async Task<HttpClient> ContosoApiAsync()
    {
        _contosoKey ??= await _factory.CreateApiKeyAsync("admin@contoso.test", name: "Contoso CRM");
        return _factory.ApiClient(_contosoKey.FullKey);
    }

    /// <summary>A lead Fabrikam sent to Contoso through the API, as Contoso's CRM finds it.</summary>
    private async Task<long> ReferralToContosoAsync(bool contactRequested = false)
    {
        var sender = await _factory.CreateApiKeyAsync("admin@fabrikam.test");
        return await _factory.SendReferralAsync(sender, "contoso", ReferralsApi.UniqueCompany("Action"), contactRequested);
    }

    private static JsonObject BodyFor(string action, DateOnly today) => action switch
    {
        "accept" => ReferralsApi.AcceptBody(today.AddDays(30)),
        "decline" => new JsonObject { ["reason"] = "NotAFit", ["notes"] = "Out of our region." },
        "won" => new JsonObject { ["finalValue"] = 9000m, ["notes"] = "Signed." },
        "lost" => new JsonObject { ["notes"] = "Went elsewhere." },
        "patch" => new JsonObject { ["dealName"] = "Renamed deal" },
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not an API action."),
    };

    private static Task<HttpResponseMessage> ActAsync(HttpClient api, long id, string action, JsonNode body, string? ifMatch = null) =>
        action == "patch"
            ? api.SendJsonAsync(HttpMethod.Patch, ReferralsApi.Url(id), body, ifMatch: ifMatch)
            : api.PostJsonAsync(ReferralsApi.Url(id, action), body, ifMatch: ifMatch);

    private static async Task<JsonNode> OkAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var body = await response.JsonAsync();
        Assert.Equal(body["etag"]!.GetValue<string>(), response.Headers.ETag?.ToString());
        return body;
    }

    /// <summary>Checks the RFC 7807 problem: its content type, each member once, and "status" the HTTP status code.</summary>
    private static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        using (var document = System.Text.Json.JsonDocument.Parse(text))
        {
            var members = document.RootElement.EnumerateObject().Select(p => p.Name).ToList();
            Assert.Equal(members.Distinct(StringComparer.Ordinal), members);
            var statuses = document.RootElement.EnumerateObject().Where(p => p.Name == "status").Select(p => p.Value.ToString()).ToList();
            Assert.Equal([((int)status).ToString(CultureInfo.InvariantCulture)], statuses);
        }

        return JsonNode.Parse(text)!;
    }

    [Fact]
    public async Task Get_AnswersTheReferralWithItsETag()
    {
        var id = await ReferralToContosoAsync(contactRequested: true);
        using var api = await ContosoApiAsync();

        var body = await OkAsync(await api.GetAsync(new Uri(ReferralsApi.Url(id), UriKind.Relative)));

        var lead = await _factory.LoadLeadAsync(id);
        Assert.Equal(id, body["id"]!.GetValue<long>());
        Assert.Equal(LeadPortal.Web.Features.Api.ReferralResource.ETagOf(lead.Version), body["etag"]!.GetValue<string>());
        Assert.Equal("New", body["status"]!.GetValue<string>());
        Assert.Equal("Received", body["substatus"]!.GetValue<string>());
        Assert.Equal("salesQualified", body["type"]!.GetValue<string>());
        Assert.Equal("ContactMe", body["callToAction"]!.GetValue<string>());
        Assert.Equal(lead.Customer.CompanyName, body["customerProfile"]!["name"]!.GetValue<string>());
        Assert.Empty(body["team"]!.AsArray());
    }

    [Fact]
    public async Task Get_AnotherOrganizationsLeadOrAMissingId_Is404()
    {
        var fabrikamLead = await _factory.CreateLeadAsync(LeadState.Received, "fabrikam");
        using var api = await ContosoApiAsync();

        var other = await api.GetAsync(new Uri(ReferralsApi.Url(fabrikamLead), UriKind.Relative));
        var missing = await api.GetAsync(new Uri(ReferralsApi.Url(long.MaxValue), UriKind.Relative));

        foreach (var response in new[] { other, missing })
        {
            var problem = await ProblemAsync(response, HttpStatusCode.NotFound);
            Assert.Equal("No such referral.", problem["title"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Accept_Answers200WithTheDealAndTeam_AndTheLeadIsAccepted()
    {
        var id = await ReferralToContosoAsync();
        using var api = await ContosoApiAsync();
        var before = await _factory.LoadLeadAsync(id);
        var closing = Today.AddDays(30);

        var body = await OkAsync(await api.PostJsonAsync(ReferralsApi.Url(id, "accept"), ReferralsApi.AcceptBody(closing)));

        Assert.Equal("Active", body["status"]!.GetValue<string>());
        Assert.Equal("Accepted", body["substatus"]!.GetValue<string>());
        Assert.Equal("API deal", body["name"]!.GetValue<string>());
        Assert.Equal("CRM-42", body["externalReferenceId"]!.GetValue<string>());
        Assert.Equal(12500m, body["details"]!["dealValue"]!.GetValue<decimal>());
        Assert.Equal("USD", body["details"]!["currency"]!.GetValue<string>());
        Assert.Equal(closing.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), body["details"]!["closingDate"]!.GetValue<string>());
        var member = Assert.Single(body["team"]!.AsArray())!;
        Assert.Equal(("Tia Team", "tia@partner.example"), (member["name"]!.GetValue<string>(), member["email"]!.GetValue<string>()));
        Assert.NotNull(body["acceptedDateTime"]);
        Assert.NotEqual(LeadPortal.Web.Features.Api.ReferralResource.ETagOf(before.Version), body["etag"]!.GetValue<string>());
        var lead = await _factory.LoadLeadAsync(id);
        Assert.Equal(LeadStage.Accepted, lead.Stage);
        Assert.Equal(1_250_000, lead.Deal!.ValueMinor);
        Assert.Equal("Tia Team", Assert.Single(lead.TeamMembers).Name);
        Assert.Equal("API key \"Contoso CRM\"", lead.LastHistoryEntry().Actor);
        Assert.Equal(LeadAction.Accept, lead.LastHistoryEntry().Action);
    }

    [Fact]
    public async Task Decline_Answers200Closed_AndTellsTheCustomer()
    {
        var id = await ReferralToContosoAsync();
        using var api = await ContosoApiAsync();

        var body = await OkAsync(await api.PostJsonAsync(ReferralsApi.Url(id, "decline"), new JsonObject { ["reason"] = "notAFit", ["notes"] = "Out of our region." }));

        Assert.Equal("Closed", body["status"]!.GetValue<string>());
        Assert.Equal("Declined", body["substatus"]!.GetValue<string>());
        Assert.Equal("NotAFit", body["statusReason"]!.GetValue<string>());
        Assert.Equal("Out of our region.", body["notes"]!.GetValue<string>());
        Assert.Null(body["acceptedDateTime"]);
        Assert.NotNull(body["closedDateTime"]);
        var lead = await _factory.LoadLeadAsync(id);
        Assert.Equal((LeadStage.Archived, LeadOutcome.Declined, DeclineReason.NotAFit), (lead.Stage, lead.Outcome, lead.DeclineReason));
        Assert.True(await _factory.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.LeadId == id && m.Kind == NotificationKind.LeadDeclined && m.Recipient == "cody@customer.example")));
    }

    [Fact]
    public async Task Won_WithAFinalValue_ClosesTheLeadAsWonAtThatValue()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Accepted);
        using var api = await ContosoApiAsync();

        var body = await OkAsync(await api.PostJsonAsync(ReferralsApi.Url(id, "won"), new JsonObject { ["finalValue"] = 9000m, ["notes"] = "Signed." }));

        Assert.Equal(("Closed", "Won"), (body["status"]!.GetValue<string>(), body["substatus"]!.GetValue<string>()));
        Assert.Equal(9000m, body["details"]!["dealValue"]!.GetValue<decimal>());
        var lead = await _factory.LoadLeadAsync(id);
        Assert.Equal((LeadStage.Archived, LeadOutcome.Won), (lead.Stage, lead.Outcome));
        Assert.Equal(900_000, lead.Deal!.ValueMinor);
        Assert.Equal("Signed.", lead.ClosingNotes);
    }

    [Fact]
    public async Task Lost_ClosesTheLeadAsLost()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Accepted);
        using var api = await ContosoApiAsync();

        var body = await OkAsync(await api.PostJsonAsync(ReferralsApi.Url(id, "lost"), new JsonObject { ["notes"] = "Went elsewhere." }));

        Assert.Equal(("Closed", "Lost"), (body["status"]!.GetValue<string>(), body["substatus"]!.GetValue<string>()));
        var lead = await _factory.LoadLeadAsync(id);
        Assert.Equal((LeadStage.Archived, LeadOutcome.Lost, "Went elsewhere."), (lead.Stage, lead.Outcome, lead.ClosingNotes));
    }

    [Fact]
    public async Task Patch_ChangesTheGivenDealFields_AndKeepsTheOthers()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Accepted);
        using var api = await ContosoApiAsync();
        var before = await _factory.LoadLeadAsync(id);

        var body = await OkAsync(await api.SendJsonAsync(HttpMethod.Patch, ReferralsApi.Url(id), new JsonObject { ["dealName"] = "Bigger deal", ["dealValue"] = 6400.5m }));

        Assert.Equal("Bigger deal", body["name"]!.GetValue<string>());
        Assert.Equal(6400.5m, body["details"]!["dealValue"]!.GetValue<decimal>());
        Assert.Equal("USD", body["details"]!["currency"]!.GetValue<string>());
        var lead = await _factory.LoadLeadAsync(id);
        Assert.Equal(LeadStage.Accepted, lead.Stage);
        Assert.Equal(("Bigger deal", 640_050L, "USD"), (lead.Deal!.Name, lead.Deal.ValueMinor, lead.Deal.Currency));
        Assert.Equal(before.Deal!.EstimatedPurchaseDate, lead.Deal.EstimatedPurchaseDate);
        Assert.Equal(before.Deal.Notes, lead.Deal.Notes);
        Assert.Equal(ActionTestLeads.SeedMemberName, Assert.Single(lead.TeamMembers).Name);
        Assert.Equal(LeadAction.EditDeal, lead.LastHistoryEntry().Action);
    }

    [Theory]
    [InlineData("accept", LeadState.Received)]
    [InlineData("decline", LeadState.Received)]
    [InlineData("won", LeadState.Accepted)]
    [InlineData("lost", LeadState.Accepted)]
    [InlineData("patch", LeadState.Accepted)]
    public async Task Action_OnAnotherOrganizationsLead_Is404_AndChangesNothing(string action, LeadState state)
    {
        var id = await _factory.CreateLeadAsync(state, "fabrikam");
        var before = await _factory.SnapshotAsync(id);
        using var api = await ContosoApiAsync();

        var response = await ActAsync(api, id, action, BodyFor(action, Today));

        await ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(before, await _factory.SnapshotAsync(id));
    }

    [Theory]
    [InlineData("accept")]
    [InlineData("decline")]
    [InlineData("won")]
    [InlineData("lost")]
    [InlineData("patch")]
    public async Task Action_OnAMissingId_Is404(string action)
    {
        using var api = await ContosoApiAsync();

        var response = await ActAsync(api, 987_654_321, action, BodyFor(action, Today));

        await ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("won", LeadState.Received, "New", "Received")]
    [InlineData("lost", LeadState.Received, "New", "Received")]
    [InlineData("patch", LeadState.Received, "New", "Received")]
    [InlineData("accept", LeadState.Accepted, "Active", "Accepted")]
    [InlineData("decline", LeadState.Accepted, "Active", "Accepted")]
    [InlineData("accept", LeadState.ArchivedWon, "Closed", "Won")]
    [InlineData("decline", LeadState.ArchivedExpired, "Closed", "Expired")]
    [InlineData("lost", LeadState.ArchivedDeclined, "Closed", "Declined")]
    [InlineData("patch", LeadState.ArchivedLost, "Closed", "Lost")]
    public async Task Action_TheStageDoesNotAllow_Is409WithTheCurrentStatus_AndChangesNothing(string action, LeadState state, string status, string substatus)
    {
        var id = await _factory.CreateLeadAsync(state);
        var before = await _factory.SnapshotAsync(id);
        var outboxBefore = await _factory.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.LeadId == id));
        using var api = await ContosoApiAsync();

        var response = await ActAsync(api, id, action, BodyFor(action, Today));

        var problem = await ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("The referral's stage does not allow this.", problem["title"]!.GetValue<string>());
        Assert.Equal(status, problem["referralStatus"]?.GetValue<string>());
        Assert.Equal(substatus, problem["substatus"]!.GetValue<string>());
        Assert.Equal(LeadPortal.Web.Features.Api.ReferralResource.ETagOf(before.Version), problem["etag"]!.GetValue<string>());
        Assert.Equal(before, await _factory.SnapshotAsync(id));
        Assert.Equal(outboxBefore, await _factory.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.LeadId == id)));
    }

    [Fact]
    public async Task Action_WithAStaleIfMatch_Is409_AndChangesNothing_WhileTheCurrentETagWorks()
    {
        var id = await ReferralToContosoAsync();
        using var api = await ContosoApiAsync();
        var read = await OkAsync(await api.GetAsync(new Uri(ReferralsApi.Url(id), UriKind.Relative)));
        var firstETag = read["etag"]!.GetValue<string>();
        var accepted = await OkAsync(await api.PostJsonAsync(ReferralsApi.Url(id, "accept"), ReferralsApi.AcceptBody(Today.AddDays(30)), ifMatch: firstETag));
        var currentETag = accepted["etag"]!.GetValue<string>();
        var before = await _factory.SnapshotAsync(id);

        var stale = await api.SendJsonAsync(HttpMethod.Patch, ReferralsApi.Url(id), new JsonObject { ["dealName"] = "Stale edit" }, ifMatch: firstETag);

        var problem = await ProblemAsync(stale, HttpStatusCode.Conflict);
        Assert.Equal("The referral was changed since you read it.", problem["title"]!.GetValue<string>());
        Assert.Equal(currentETag, problem["etag"]!.GetValue<string>());
        Assert.Equal(before, await _factory.SnapshotAsync(id));

        var fresh = await OkAsync(await api.SendJsonAsync(HttpMethod.Patch, ReferralsApi.Url(id), new JsonObject { ["dealName"] = "Fresh edit" }, ifMatch: currentETag));
        Assert.Equal("Fresh edit", fresh["name"]!.GetValue<string>());
        var any = await OkAsync(await api.PostJsonAsync(ReferralsApi.Url(id, "lost"), new JsonObject(), ifMatch: "*"));
        Assert.Equal("Lost", any["substatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task Action_WithAStaleIfMatchAndABadField_IsAConflictNotAValidationError_AsOnThePages()
    {
        // One action path for the pages and the API (LeadActions): a stale version is answered before the input is judged.
        var id = await ReferralToContosoAsync();
        using var api = await ContosoApiAsync();
        var firstETag = (await OkAsync(await api.GetAsync(new Uri(ReferralsApi.Url(id), UriKind.Relative))))["etag"]!.GetValue<string>();
        await OkAsync(await api.PostJsonAsync(ReferralsApi.Url(id, "accept"), ReferralsApi.AcceptBody(Today.AddDays(30)), ifMatch: firstETag));
        var before = await _factory.SnapshotAsync(id);

        var stale = await api.SendJsonAsync(HttpMethod.Patch, ReferralsApi.Url(id), new JsonObject { ["dealName"] = "" }, ifMatch: firstETag);

        var problem = await ProblemAsync(stale, HttpStatusCode.Conflict);
        Assert.Equal("The referral was changed since you read it.", problem["title"]!.GetValue<string>());
        Assert.Equal(before, await _factory.SnapshotAsync(id));
    }

    [Theory]
    [InlineData("accept", "dealValue", -5, "The deal value must be more than zero.")]
    [InlineData("accept", "currency", "XYZ", "Currency must be an ISO 4217 code, like USD.")]
    [InlineData("accept", "closingDate", null, "Give the estimated closing date (yyyy-MM-dd).")]
    [InlineData("accept", "closingDate", "PAST", "PAST")]
    [InlineData("accept", "dealName", "", "Enter the deal name.")]
    [InlineData("decline", "reason", "Bored", "Reason must be one of: ")]
    [InlineData("decline", "reason", "3", "Reason must be one of: ")]
    public async Task Action_WithABadField_Is400OnThatField_AndChangesNothing(string action, string field, object? value, string message)
    {
        var id = await _factory.CreateLeadAsync(LeadState.Received);
        var before = await _factory.SnapshotAsync(id);
        using var api = await ContosoApiAsync();
        var body = BodyFor(action, Today);
        body[field] = value switch
        {
            null => null,
            "PAST" => Today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            int number => number,
            string text => text,
            _ => throw new ArgumentOutOfRangeException(nameof(value)),
        };

        var response = await ActAsync(api, id, action, body);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var error = Assert.Single(problem["errors"]!.AsObject());
        Assert.Equal(field.ToLowerInvariant(), error.Key.ToLowerInvariant());
        var shown = error.Value![0]!.GetValue<string>();
        if (message == "PAST")
        {
            Assert.Contains("past", shown, StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            Assert.StartsWith(message, shown, StringComparison.Ordinal);
        }

        Assert.Equal(before, await _factory.SnapshotAsync(id));
    }

    [Fact]
    public async Task Patch_WithABlankDealName_Is400_AndChangesNothing()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Accepted);
        var before = await _factory.SnapshotAsync(id);
        using var api = await ContosoApiAsync();

        var response = await api.SendJsonAsync(HttpMethod.Patch, ReferralsApi.Url(id), new JsonObject { ["dealName"] = " " });

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("dealname", Assert.Single(problem["errors"]!.AsObject()).Key.ToLowerInvariant());
        Assert.Equal(before, await _factory.SnapshotAsync(id));
    }
}
