using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using LeadPortal.Core.Leads;
using LeadPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Tests;

/// <summary>GET /api/v1/referrals: the key's own organization's leads only, filtered, newest change first, paged by nextLink.</summary>
public sealed class ReferralsApiListTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public ReferralsApiListTests(PortalFactory factory)
    {
        _factory = factory;
        factory.SeededAsync().GetAwaiter().GetResult();
    }

    /// <summary>Follows nextLink from <paramref name="firstUrl"/> to the end and returns every item, in order.</summary>
    private static async Task<List<JsonNode>> AllPagesAsync(HttpClient api, string firstUrl)
    {
        var items = new List<JsonNode>();
        string? next = firstUrl;
        for (var pages = 0; next is not null; pages++)
        {
            Assert.True(pages < 100, "The list does not end.");
            var response = await api.GetAsync(new Uri(next, UriKind.RelativeOrAbsolute));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.JsonAsync();
            items.AddRange(page["value"]!.AsArray().Select(v => v!));
            next = page["nextLink"]?.GetValue<string>();
        }

        return items;
    }

    private Task<List<long>> ContosoIdsNewestChangeFirstAsync(Func<IQueryable<Lead>, IQueryable<Lead>>? filter = null) =>
        _factory.WithDbAsync(async db =>
        {
            var organizationId = await db.Organizations.Where(o => o.Slug == "contoso").Select(o => o.Id).SingleAsync();
            var leads = db.LeadsOf(organizationId).AsNoTracking();
            return await (filter ?? (q => q))(leads).OrderByDescending(l => l.UpdatedAtUtc).ThenByDescending(l => l.Id).Select(l => l.Id).ToListAsync();
        });

    [Fact]
    public async Task List_WalkedByNextLink_ShowsEveryOwnLeadOnceNewestChangeFirst_AndNoOtherOrganizations()
    {
        var fabrikamLead = await _factory.CreateLeadAsync(LeadState.Received, "fabrikam");
        var contosoLead = await _factory.CreateLeadAsync(LeadState.Accepted);
        var key = await _factory.CreateApiKeyAsync("admin@contoso.test");
        using var api = _factory.ApiClient(key.FullKey);

        var items = await AllPagesAsync(api, ReferralsApi.Base + "?limit=7");

        var ids = items.Select(i => i["id"]!.GetValue<long>()).ToList();
        Assert.Equal(await ContosoIdsNewestChangeFirstAsync(), ids);
        Assert.Contains(contosoLead, ids);
        Assert.DoesNotContain(fabrikamLead, ids);
        Assert.True(ids.Count > 50);
    }

    [Fact]
    public async Task List_WithoutLimit_AnswersPagesOfFifty()
    {
        var key = await _factory.CreateApiKeyAsync("admin@contoso.test");
        using var api = _factory.ApiClient(key.FullKey);

        var response = await api.GetAsync(new Uri(ReferralsApi.Base, UriKind.Relative));

        var page = await response.JsonAsync();
        Assert.Equal((await ContosoIdsNewestChangeFirstAsync()).Take(50), page["value"]!.AsArray().Select(v => v!["id"]!.GetValue<long>()));
        Assert.StartsWith("http://localhost/api/v1/referrals?after=", page["nextLink"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("customerInquiry", null, null)]
    [InlineData("salesQualified", "accepted", null)]
    [InlineData(null, "received", null)]
    [InlineData(null, "archived", "won")]
    [InlineData(null, null, "declined")]
    [InlineData("MARKETINGQUALIFIED", "Archived", "Expired")]
    public async Task List_FiltersByTypeStageAndOutcome(string? type, string? stage, string? outcome)
    {
        var key = await _factory.CreateApiKeyAsync("admin@contoso.test");
        using var api = _factory.ApiClient(key.FullKey);
        var query = string.Join('&', new[] { ("type", type), ("stage", stage), ("outcome", outcome) }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={p.Item2}").Append("limit=20"));
        var leadType = type is null ? (LeadType?)null : Enum.Parse<LeadType>(type, ignoreCase: true);
        var leadStage = stage is null ? (LeadStage?)null : Enum.Parse<LeadStage>(stage, ignoreCase: true);
        var leadOutcome = outcome is null ? (LeadOutcome?)null : Enum.Parse<LeadOutcome>(outcome, ignoreCase: true);

        var items = await AllPagesAsync(api, ReferralsApi.Base + "?" + query);

        var expected = await ContosoIdsNewestChangeFirstAsync(q => q
            .Where(l => leadType == null || l.Type == leadType)
            .Where(l => leadStage == null || l.Stage == leadStage)
            .Where(l => leadOutcome == null || l.Outcome == leadOutcome));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, items.Select(i => i["id"]!.GetValue<long>()));
        foreach (var item in items)
        {
            if (leadType is { } t)
            {
                Assert.Equal(char.ToLowerInvariant(t.ToString()[0]) + t.ToString()[1..], item["type"]!.GetValue<string>());
            }

            if (leadOutcome is { } o)
            {
                Assert.Equal("Closed", item["status"]!.GetValue<string>());
                Assert.Equal(o.ToString(), item["substatus"]!.GetValue<string>());
            }
            else if (leadStage is { } s)
            {
                Assert.Equal(s switch { LeadStage.Received => "New", LeadStage.Accepted => "Active", _ => "Closed" }, item["status"]!.GetValue<string>());
            }
        }
    }

    [Fact]
    public async Task List_UpdatedSince_ShowsOnlyLeadsChangedSince()
    {
        _factory.Clock.Advance(TimeSpan.FromHours(1));
        var since = _factory.Clock.GetUtcNow().UtcDateTime;
        var sender = await _factory.CreateApiKeyAsync("admin@fabrikam.test");
        var fresh = await _factory.SendReferralAsync(sender, "contoso", ReferralsApi.UniqueCompany("Fresh"));
        var key = await _factory.CreateApiKeyAsync("admin@contoso.test");
        using var api = _factory.ApiClient(key.FullKey);
        var sinceText = Uri.EscapeDataString(since.ToString("O", CultureInfo.InvariantCulture));

        var items = await AllPagesAsync(api, $"{ReferralsApi.Base}?updatedSince={sinceText}");
        var justBefore = await AllPagesAsync(api, $"{ReferralsApi.Base}?updatedSince={Uri.EscapeDataString(since.AddSeconds(-1).ToString("O", CultureInfo.InvariantCulture))}");

        Assert.Equal([fresh], items.Select(i => i["id"]!.GetValue<long>()));
        Assert.Equal([fresh], justBefore.Select(i => i["id"]!.GetValue<long>()));
        Assert.Equal(await ContosoIdsNewestChangeFirstAsync(q => q.Where(l => l.UpdatedAtUtc >= since)), [fresh]);
    }

    [Fact]
    public async Task List_WithBadFilters_Answers400WithAnErrorPerParameter()
    {
        var key = await _factory.CreateApiKeyAsync("admin@contoso.test");
        using var api = _factory.ApiClient(key.FullKey);

        var response = await api.GetAsync(new Uri(ReferralsApi.Base + "?type=hot&stage=1&outcome=maybe&limit=0&after=garbage", UriKind.Relative));
        var tooMany = await api.GetAsync(new Uri(ReferralsApi.Base + "?limit=101", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.JsonAsync())["errors"]!.AsObject().ToDictionary(e => e.Key, e => e.Value![0]!.GetValue<string>(), StringComparer.Ordinal);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["type"] = "Type must be customerInquiry, marketingQualified or salesQualified.",
                ["stage"] = "Stage must be received, accepted or archived.",
                ["outcome"] = "Outcome must be won, lost, declined or expired.",
                ["limit"] = "Limit must be between 1 and 100.",
                ["after"] = "Use the nextLink of the previous page.",
            },
            errors);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal("Limit must be between 1 and 100.", (await tooMany.JsonAsync())["errors"]!["limit"]![0]!.GetValue<string>());
    }
}
