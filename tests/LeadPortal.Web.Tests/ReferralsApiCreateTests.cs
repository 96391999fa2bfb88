using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Notifications;
using LeadPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Tests;

/// <summary>POST /api/v1/referrals: a sender's key sends a qualified lead to another, published organization.</summary>
public sealed partial class ReferralsApiCreateTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public ReferralsApiCreateTests(PortalFactory factory)
    {
        _factory = factory;
        factory.SeededAsync().GetAwaiter().GetResult();
    }

    [GeneratedRegex("^\"[0-9a-f]{32}\"$")]
    private static partial Regex ETagShape();

    private static void AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>The problem's per-field errors, with the field names lower-cased (the API's JSON is camelCase).</summary>
    private static async Task<Dictionary<string, string>> FieldErrorsAsync(HttpResponseMessage response)
    {
        var problem = await response.JsonAsync();
        Assert.Equal(400, problem["status"]!.GetValue<int>());
        return problem["errors"]!.AsObject().ToDictionary(e => e.Key.ToLowerInvariant(), e => e.Value![0]!.GetValue<string>(), StringComparer.Ordinal);
    }

    [Fact]
    public async Task Create_Answers201WithTheReferral_AndTheLeadArrivesAtTheTargetOrganization()
    {
        var key = await _factory.CreateApiKeyAsync("admin@fabrikam.test");
        using var api = _factory.ApiClient(key.FullKey);
        var company = ReferralsApi.UniqueCompany("Created");
        var now = _factory.Clock.GetUtcNow().UtcDateTime;

        var response = await api.PostJsonAsync(ReferralsApi.Base, ReferralsApi.NewReferral("contoso", company, contactRequested: true));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = (await response.JsonAsync()).AsObject();
        var id = body["id"]!.GetValue<long>();
        Assert.True(id > 0);
        Assert.Equal("New", body["status"]!.GetValue<string>());
        Assert.Equal("Received", body["substatus"]!.GetValue<string>());
        Assert.Equal("salesQualified", body["type"]!.GetValue<string>());
        Assert.Equal("SalesQualified", body["qualification"]!.GetValue<string>());
        Assert.Equal("ContactMe", body["callToAction"]!.GetValue<string>());
        Assert.Equal(company, body["name"]!.GetValue<string>());
        Assert.Equal(now, body["createdDateTime"]!.GetValue<DateTime>().ToUniversalTime());
        Assert.Equal(now.AddDays(14), body["expirationDateTime"]!.GetValue<DateTime>().ToUniversalTime());
        var customer = body["customerProfile"]!.AsObject();
        Assert.Equal(company, customer["name"]!.GetValue<string>());
        Assert.Equal("Cody Customer", customer["contactName"]!.GetValue<string>());
        Assert.Equal("cody@customer.example", customer["email"]!.GetValue<string>());
        Assert.Equal("Manufacturing", customer["industry"]!.GetValue<string>());
        Assert.Equal("250-999", customer["size"]!.GetValue<string>());
        Assert.Equal("partner", body["sender"]!["kind"]!.GetValue<string>());
        Assert.Equal("A data platform for three factories.", body["need"]!.GetValue<string>());
        Assert.False(body.ContainsKey("details"));
        Assert.Empty(body["team"]!.AsArray());
        Assert.Matches(ETagShape(), body["etag"]!.GetValue<string>());

        var lead = await _factory.LoadLeadAsync(id);
        Assert.Equal(await _factory.OrganizationIdAsync("contoso"), lead.OrganizationId);
        Assert.Equal(LeadType.SalesQualified, lead.Type);
        Assert.Equal(LeadStage.Received, lead.Stage);
        Assert.True(lead.ContactRequested);
        Assert.Equal((SenderKind.Partner, "Paul Partner", "paul@sender.example"), (lead.Sender.Kind, lead.Sender.Name, lead.Sender.Email));
        Assert.Equal(ReferralResource(lead.Version), body["etag"]!.GetValue<string>());
        var submission = await _factory.WithDbAsync(db => db.ReferralSubmissions.AsNoTracking().SingleAsync(s => s.LeadId == id));
        Assert.Equal(key.Id, submission.ApiKeyId);
        var alerts = await _factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.LeadId == id).OrderBy(m => m.Recipient).ToListAsync());
        Assert.Equal(
            [(NotificationKind.LeadReceived, "admin@contoso.test"), (NotificationKind.LeadReceived, "referrals@contoso.test")],
            alerts.Select(m => (m.Kind, m.Recipient)));

        using var contoso = await _factory.SignInAsync("referrals@contoso.test");
        var list = await contoso.GetPageAsync($"/leads/qualified?stage=received&q={Uri.EscapeDataString(company)}");
        var row = list.QuerySelector("tr[data-lead-id]");
        Assert.NotNull(row);
        Assert.NotNull(row.QuerySelector("[data-testid=flame]"));
    }

    private static string ReferralResource(Guid version) => LeadPortal.Web.Features.Api.ReferralResource.ETagOf(version);

    [Fact]
    public async Task Create_RetriedWithTheSameIdempotencyKey_MakesOneLead_AndAnswersWithTheSameReferral()
    {
        var key = await _factory.CreateApiKeyAsync("admin@fabrikam.test");
        using var api = _factory.ApiClient(key.FullKey);
        var company = ReferralsApi.UniqueCompany("Idempotent");
        var idempotencyKey = Guid.NewGuid().ToString();

        var first = await api.PostJsonAsync(ReferralsApi.Base, ReferralsApi.NewReferral("contoso", company), idempotencyKey);
        var retry = await api.PostJsonAsync(ReferralsApi.Base, ReferralsApi.NewReferral("contoso", company), idempotencyKey);
        var another = await api.PostJsonAsync(ReferralsApi.Base, ReferralsApi.NewReferral("contoso", company), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.Created, another.StatusCode);
        var firstBody = await first.JsonAsync();
        var retryBody = await retry.JsonAsync();
        var firstId = firstBody["id"]!.GetValue<long>();
        Assert.Equal(firstId, retryBody["id"]!.GetValue<long>());
        Assert.Equal(firstBody["etag"]!.GetValue<string>(), retryBody["etag"]!.GetValue<string>());
        Assert.NotEqual(firstId, (await another.JsonAsync())["id"]!.GetValue<long>());
        Assert.Equal(2, (await _factory.LeadsOfCompanyAsync(company)).Count);
        Assert.Equal(2, await _factory.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.LeadId == firstId)));
    }

    [Fact]
    public async Task Create_WithAnIdempotencyKeyOver100Characters_Answers400OnIt_AndStoresNothing()
    {
        var key = await _factory.CreateApiKeyAsync("admin@fabrikam.test");
        using var api = _factory.ApiClient(key.FullKey);
        var company = ReferralsApi.UniqueCompany("Long Key");

        var response = await api.PostJsonAsync(ReferralsApi.Base, ReferralsApi.NewReferral("contoso", company), new string('k', 101));

        AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.Equal(
            new Dictionary<string, string> { ["idempotency-key"] = "The Idempotency-Key can be at most 100 characters." },
            await FieldErrorsAsync(response));
        Assert.Empty(await _factory.LeadsOfCompanyAsync(company));
    }

    [Fact]
    public async Task Create_TheSameIdempotencyKeyFromAnotherKey_IsANewReferral()
    {
        var first = await _factory.CreateApiKeyAsync("admin@fabrikam.test");
        var second = await _factory.CreateApiKeyAsync("admin@fabrikam.test");
        using var api1 = _factory.ApiClient(first.FullKey);
        using var api2 = _factory.ApiClient(second.FullKey);
        var company = ReferralsApi.UniqueCompany("Two Keys");
        var idempotencyKey = Guid.NewGuid().ToString();

        var one = await api1.PostJsonAsync(ReferralsApi.Base, ReferralsApi.NewReferral("contoso", company), idempotencyKey);
        var two = await api2.PostJsonAsync(ReferralsApi.Base, ReferralsApi.NewReferral("contoso", company), idempotencyKey);

        Assert.Equal(HttpStatusCode.Created, one.StatusCode);
        Assert.Equal(HttpStatusCode.Created, two.StatusCode);
        Assert.Equal(2, (await _factory.LeadsOfCompanyAsync(company)).Count);
    }

    [Fact]
    public async Task Create_WithInvalidFields_Answers400WithAnErrorPerField_AndStoresNothing()
    {
        var key = await _factory.CreateApiKeyAsync("admin@fabrikam.test");
        using var api = _factory.ApiClient(key.FullKey);
        var body = ReferralsApi.NewReferral("", "ignored");
        body["type"] = "hot";
        body["need"] = " ";
        body["customer"]!["companyName"] = null;
        body["customer"]!["email"] = "not-an-email";
        body["customer"]!["phone"] = "call me";
        body["sender"]!["kind"] = "robot";
        var leadsBefore = await _factory.WithDbAsync(db => db.Leads.CountAsync());

        var response = await api.PostJsonAsync(ReferralsApi.Base, body);

        AssertProblem(response, HttpStatusCode.BadRequest);
        var errors = await FieldErrorsAsync(response);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["targetorganization"] = "Enter the target organization.",
                ["type"] = "Type must be marketingQualified or salesQualified.",
                ["need"] = "Enter the need.",
                ["customer.companyname"] = "Enter the company name.",
                ["customer.email"] = "Enter a valid email address, like name@example.com.",
                ["customer.phone"] = "Enter a phone number of digits, spaces and + ( ) - . only, like +886 2 1234 5678.",
                ["sender.kind"] = "Sender kind must be platformStaff or partner.",
            },
            errors);
        Assert.Equal(leadsBefore, await _factory.WithDbAsync(db => db.Leads.CountAsync()));
        Assert.False(await _factory.WithDbAsync(db => db.ReferralSubmissions.AnyAsync(s => s.ApiKeyId == key.Id)));
    }

    [Fact]
    public async Task Create_WithoutCustomerAndSender_Answers400OnThem()
    {
        var key = await _factory.CreateApiKeyAsync("admin@fabrikam.test");
        using var api = _factory.ApiClient(key.FullKey);
        var body = ReferralsApi.NewReferral("contoso", "ignored");
        body.Remove("customer");
        body.Remove("sender");

        var response = await api.PostJsonAsync(ReferralsApi.Base, body);

        AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.Equal(
            new Dictionary<string, string> { ["customer"] = "Describe the customer.", ["sender"] = "Say who sends the lead." },
            await FieldErrorsAsync(response));
    }

    [Theory]
    [InlineData("nobody", "This organization does not receive leads: it has no published business profile.")]
    [InlineData("fabrikam", "A key sends leads to other organizations, not to its own.")]
    [InlineData(" FABRIKAM ", "A key sends leads to other organizations, not to its own.")]
    public async Task Create_ForAnOrganizationThatCannotReceiveIt_Answers400OnTargetOrganization(string target, string message)
    {
        var key = await _factory.CreateApiKeyAsync("admin@fabrikam.test");
        using var api = _factory.ApiClient(key.FullKey);
        var company = ReferralsApi.UniqueCompany("Wrong Target");

        var response = await api.PostJsonAsync(ReferralsApi.Base, ReferralsApi.NewReferral(target, company));

        AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.Equal(new Dictionary<string, string> { ["targetorganization"] = message }, await FieldErrorsAsync(response));
        Assert.Empty(await _factory.LeadsOfCompanyAsync(company));
    }

    [Fact]
    public async Task Create_MarketingQualifiedFromPlatformStaff_IsStoredWithThatTypeAndSender()
    {
        var key = await _factory.CreateApiKeyAsync("admin@contoso.test");
        using var api = _factory.ApiClient(key.FullKey);
        var company = ReferralsApi.UniqueCompany("Marketing");
        var body = ReferralsApi.NewReferral("FABRIKAM", company, type: "MarketingQualified");
        body["sender"] = new JsonObject { ["kind"] = "platformStaff", ["name"] = "Sue Staff", ["email"] = "sue@platform.example" };

        var response = await api.PostJsonAsync(ReferralsApi.Base, body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.JsonAsync();
        Assert.Equal("marketingQualified", json["type"]!.GetValue<string>());
        Assert.Equal("None", json["callToAction"]!.GetValue<string>());
        var lead = Assert.Single(await _factory.LeadsOfCompanyAsync(company));
        Assert.Equal(await _factory.OrganizationIdAsync("fabrikam"), lead.OrganizationId);
        Assert.Equal(LeadType.MarketingQualified, lead.Type);
        Assert.Equal(SenderKind.PlatformStaff, lead.Sender.Kind);
    }
}
