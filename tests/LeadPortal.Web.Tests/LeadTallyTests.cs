using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Infrastructure.Jobs;
using LeadPortal.Web.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadPortal.Web.Tests;

/// <summary>
/// The database keeps LeadStatusCounts, LeadDailyCounts and LeadSearch with triggers on Leads, the lead's keys copied
/// into each of its FavoriteLeads, and FavoriteStatusCounts from those. After every kind of change (the seed, each
/// action on the lead page and through the API, a public inquiry, the jobs, set-based SQL and concurrent writers)
/// these tables equal a recount of the leads with the documented rules, for all organizations. Every check first
/// hearts each lead that has no heart yet (by a user of its organization, in one INSERT … SELECT), so that every
/// change is also a change to a favorite.
/// </summary>
public sealed class LeadTallyTests : IClassFixture<LeadTallyTests.TallyPortal>
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const string Admin = "admin@contoso.test";

    private static int s_counter;

    private readonly TallyPortal _factory;

    public LeadTallyTests(TallyPortal factory)
    {
        _factory = factory;
        factory.SeededAsync().GetAwaiter().GetResult();
    }

    /// <summary>A portal of this class's own: its tests share one database, each with leads of its own.</summary>
    public sealed class TallyPortal : PortalFactory;

    private sealed record StatusKey(int OrganizationId, LeadType Type, LeadStatus Status)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"(organization {OrganizationId}, {Type}, {Status})");
    }

    private sealed record DailyKey(int OrganizationId, LeadMeasure Measure, DateOnly Day, LeadType Type, string Value, string Currency)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"(organization {OrganizationId}, {Measure}, {Day:yyyy-MM-dd}, {Type}, '{Value}', currency '{Currency}')");
    }

    private readonly record struct DailyTotals(int Count, long DealValueMinor)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"count {Count}, value {DealValueMinor}");
    }

    private sealed record FavoriteKey(string UserId, long LeadId)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"(user {UserId}, lead {LeadId})");
    }

    private sealed record FavoriteCountKey(string UserId, int OrganizationId, LeadType Type, LeadStatus Status)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"(user {UserId}, organization {OrganizationId}, {Type}, {Status})");
    }

    /// <summary>The tables, without the rows whose count went back to zero.</summary>
    private sealed record Tallies(
        IReadOnlyDictionary<StatusKey, int> StatusCounts,
        IReadOnlyDictionary<DailyKey, DailyTotals> DailyCounts,
        IReadOnlyDictionary<long, string> Search,
        IReadOnlyDictionary<FavoriteKey, string> FavoriteKeys,
        IReadOnlyDictionary<FavoriteCountKey, int> FavoriteCounts)
    {
        public int Count(int organizationId, LeadType type, LeadStatus status) =>
            StatusCounts.GetValueOrDefault(new StatusKey(organizationId, type, status));

        public int Count(LeadStatus status) => StatusCounts.Where(c => c.Key.Status == status).Sum(c => c.Value);

        public int Total => StatusCounts.Values.Sum();

        public DailyTotals Daily(int organizationId, LeadStatus status, string dealCurrency)
        {
            var rows = DailyCounts.Where(d => d.Key.OrganizationId == organizationId && d.Key.Measure == LeadMeasure.Deal
                && d.Key.Value == status.ToString() && d.Key.Currency == dealCurrency).ToList();
            return new DailyTotals(rows.Sum(d => d.Value.Count), rows.Sum(d => d.Value.DealValueMinor));
        }
    }

    /// <summary>The columns of a lead that the triggers read.</summary>
    private sealed record TalliedLead(
        long Id,
        int OrganizationId,
        LeadType Type,
        LeadStage Stage,
        LeadOutcome? Outcome,
        DateTime ReceivedAtUtc,
        DeclineReason? DeclineReason,
        long? ResponseTimeSeconds,
        string? DealCurrency,
        long? DealValueMinor,
        string? DealName,
        string CompanyName,
        string ContactName,
        string Email);

    private static async Task<Tallies> StoredAsync(PortalFactory factory) => await factory.WithDbAsync(async db =>
    {
        var status = await db.LeadStatusCounts.Where(c => c.Count != 0).ToListAsync();
        var daily = await db.LeadDailyCounts.Where(c => c.Count != 0 || c.DealValueMinor != 0).ToListAsync();
        var search = await db.LeadSearch.ToListAsync();
        var favorites = await db.FavoriteLeads.AsNoTracking().ToListAsync();
        var favoriteCounts = await db.FavoriteStatusCounts.Where(c => c.Count != 0).ToListAsync();
        return new Tallies(
            status.ToDictionary(c => new StatusKey(c.OrganizationId, c.Type, c.Status), c => c.Count),
            daily.ToDictionary(
                c => new DailyKey(c.OrganizationId, c.Measure, c.Day, c.Type, c.Value, c.Currency),
                c => new DailyTotals(c.Count, c.DealValueMinor)),
            search.ToDictionary(s => s.LeadId, s => s.Text),
            favorites.ToDictionary(f => new FavoriteKey(f.UserId, f.LeadId),
                f => FavoriteKeysText(f.OrganizationId, f.Type, f.Stage, f.Outcome, f.ReceivedAtUtc, f.ResponseDeadlineUtc, f.DealSortValue)),
            favoriteCounts.ToDictionary(c => new FavoriteCountKey(c.UserId, c.OrganizationId, c.Type, c.Status), c => c.Count));
    });

    private static string FavoriteKeysText(int organizationId, LeadType type, LeadStage stage, LeadOutcome? outcome, DateTime received, DateTime deadline, long dealSortValue) =>
        string.Create(CultureInfo.InvariantCulture, $"organization {organizationId}, {type}, {stage}/{outcome}, received {received:O}, deadline {deadline:O}, deal {dealSortValue}");

    /// <summary>Hearts, in one statement, every lead that has no heart, by the first user of its organization.</summary>
    private static Task<int> HeartEveryLeadAsync(PortalFactory factory) => factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""
        INSERT INTO "FavoriteLeads" ("UserId", "LeadId", "CreatedAtUtc")
        SELECT (SELECT MIN(u."Id") FROM "AspNetUsers" AS u WHERE u."OrganizationId" = l."OrganizationId"), l."Id", '2026-01-01 00:00:00'
        FROM "Leads" AS l
        WHERE NOT EXISTS (SELECT 1 FROM "FavoriteLeads" AS f WHERE f."LeadId" = l."Id")
          AND EXISTS (SELECT 1 FROM "AspNetUsers" AS u WHERE u."OrganizationId" = l."OrganizationId")
        """));

    /// <summary>The tables as the rules define them, computed here from every lead and heart.</summary>
    private static async Task<Tallies> RecountAsync(PortalFactory factory)
    {
        var hearts = await factory.WithDbAsync(db => db.FavoriteLeads.AsNoTracking()
            .Join(db.Leads.AsNoTracking(), f => f.LeadId, l => l.Id, (f, l) => new
            {
                f.UserId,
                f.LeadId,
                l.OrganizationId,
                l.Type,
                l.Stage,
                l.Outcome,
                l.ReceivedAtUtc,
                l.ResponseDeadlineUtc,
                DealValueMinor = l.Deal == null ? (long?)null : l.Deal.ValueMinor,
            })
            .ToListAsync());
        var leads = await factory.WithDbAsync(db => db.Leads.AsNoTracking().Select(l => new TalliedLead(
            l.Id, l.OrganizationId, l.Type, l.Stage, l.Outcome, l.ReceivedAtUtc, l.DeclineReason, l.ResponseTimeSeconds,
            l.Deal == null ? null : l.Deal.Currency,
            l.Deal == null ? null : l.Deal.ValueMinor,
            l.Deal == null ? null : l.Deal.Name,
            l.Customer.CompanyName, l.Customer.ContactName, l.Customer.Email)).ToListAsync());

        return new Tallies(
            leads.GroupBy(l => new StatusKey(l.OrganizationId, l.Type, LeadStatuses.Of(l.Stage, l.Outcome)))
                .ToDictionary(g => g.Key, g => g.Count()),
            leads.SelectMany(DailyRows)
                .GroupBy(r => r.Key)
                .ToDictionary(g => g.Key, g => new DailyTotals(g.Count(), g.Sum(r => r.DealValueMinor))),
            leads.ToDictionary(l => l.Id, l => string.Join('\n', l.CompanyName, l.ContactName, l.Email, l.DealName ?? string.Empty)),
            hearts.ToDictionary(h => new FavoriteKey(h.UserId, h.LeadId),
                h => FavoriteKeysText(h.OrganizationId, h.Type, h.Stage, h.Outcome, h.ReceivedAtUtc, h.ResponseDeadlineUtc, h.DealValueMinor ?? -1)),
            hearts.GroupBy(h => new FavoriteCountKey(h.UserId, h.OrganizationId, h.Type, LeadStatuses.Of(h.Stage, h.Outcome)))
                .ToDictionary(g => g.Key, g => g.Count()));
    }

    /// <summary>The daily measures a lead counts in: its status always, its response bucket once answered, its reason once declined, its deal while it has one.</summary>
    private static IEnumerable<(DailyKey Key, long DealValueMinor)> DailyRows(TalliedLead lead)
    {
        var day = DateOnly.FromDateTime(lead.ReceivedAtUtc);
        var status = LeadStatuses.Of(lead.Stage, lead.Outcome).ToString();
        yield return (new DailyKey(lead.OrganizationId, LeadMeasure.Status, day, lead.Type, status, string.Empty), 0);
        if (lead.ResponseTimeSeconds is not null)
        {
            var bucket = ResponseBuckets.Of(lead.ResponseTimeSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            yield return (new DailyKey(lead.OrganizationId, LeadMeasure.ResponseBucket, day, lead.Type, bucket, string.Empty), 0);
        }

        if (lead.DeclineReason is { } reason)
        {
            yield return (new DailyKey(lead.OrganizationId, LeadMeasure.DeclineReason, day, lead.Type, reason.ToString(), string.Empty), 0);
        }

        if (lead.DealCurrency is { } currency)
        {
            yield return (new DailyKey(lead.OrganizationId, LeadMeasure.Deal, day, lead.Type, status, currency), lead.DealValueMinor ?? 0);
        }
    }

    /// <summary>Fails with every differing row when the stored tables are not what a recount of the leads gives; returns them.</summary>
    private static async Task<Tallies> AssertTalliesEqualRecountAsync(PortalFactory factory)
    {
        await HeartEveryLeadAsync(factory);
        var stored = await StoredAsync(factory);
        var recount = await RecountAsync(factory);
        var differences = Differences(stored, recount);
        if (differences.Count > 0)
        {
            Assert.Fail($"The tallies differ from a recount of the leads ({differences.Count} rows):\n"
                + string.Join('\n', differences.Take(60))
                + (differences.Count > 60 ? "\n…" : string.Empty));
        }

        return stored;
    }

    private static List<string> Differences(Tallies stored, Tallies expected) =>
    [
        .. Differences("LeadStatusCounts", stored.StatusCounts, expected.StatusCounts, c => c.ToString(CultureInfo.InvariantCulture)),
        .. Differences("LeadDailyCounts", stored.DailyCounts, expected.DailyCounts, d => d.ToString()),
        .. Differences("LeadSearch", stored.Search, expected.Search, t => $"\"{t.Replace("\n", "⏎", StringComparison.Ordinal)}\""),
        .. Differences("FavoriteLeads", stored.FavoriteKeys, expected.FavoriteKeys, k => k),
        .. Differences("FavoriteStatusCounts", stored.FavoriteCounts, expected.FavoriteCounts, c => c.ToString(CultureInfo.InvariantCulture)),
    ];

    private static IEnumerable<string> Differences<TKey, TValue>(
        string table, IReadOnlyDictionary<TKey, TValue> stored, IReadOnlyDictionary<TKey, TValue> expected, Func<TValue, string> show)
        where TKey : notnull
    {
        var lines = new List<string>();
        foreach (var key in stored.Keys.Union(expected.Keys))
        {
            var isStored = stored.TryGetValue(key, out var storedValue);
            var isExpected = expected.TryGetValue(key, out var expectedValue);
            if (isStored != isExpected || !EqualityComparer<TValue>.Default.Equals(storedValue, expectedValue))
            {
                lines.Add($"{table} {key}: stored {(isStored ? show(storedValue!) : "no row")}, recount {(isExpected ? show(expectedValue!) : "no row")}");
            }
        }

        return lines.Order(StringComparer.Ordinal);
    }

    private Task<int> ContosoAsync() => _factory.OrganizationIdAsync("contoso");

    /// <summary><paramref name="label"/> and 12 characters no other test has.</summary>
    private static string Unique(string label) =>
        label + string.Create(CultureInfo.InvariantCulture, $"{Interlocked.Increment(ref s_counter)}x{Guid.NewGuid():N}")[..12];

    private static async Task AssertOkAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task AfterTheDemoSeed_TheTalliesEqualARecount()
    {
        await _factory.SeededAsync();

        var tallies = await AssertTalliesEqualRecountAsync(_factory);

        var leads = await _factory.WithDbAsync(db => db.Leads.CountAsync());
        Assert.True(leads > 0);
        Assert.Equal(leads, tallies.Total);
        Assert.Equal(leads, tallies.DailyCounts.Where(d => d.Key.Measure == LeadMeasure.Status).Sum(d => d.Value.Count));
        Assert.Equal(leads, tallies.Search.Count);
        Assert.True(tallies.FavoriteKeys.Count > 0);
        Assert.Equal(tallies.FavoriteKeys.Count, tallies.FavoriteCounts.Values.Sum());
        Assert.True(tallies.StatusCounts.Keys.Select(k => k.OrganizationId).Distinct().Count() >= 2);
    }

    [Fact]
    public async Task HeartToggledOnTheList_CountsInTheUsersFavoritesAndLeavesThem()
    {
        var contoso = await ContosoAsync();
        var id = await _factory.CreateLeadAsync(LeadState.Accepted);
        var type = (await _factory.LoadStoredLeadAsync(id)).Type;
        // A user of Contoso other than the one that hearts every lead (the first by id).
        var (admin, email) = await _factory.WithDbAsync(async db =>
        {
            var users = await db.Users.Where(u => u.OrganizationId == contoso).OrderBy(u => u.Id).Select(u => new { u.Id, u.Email }).ToListAsync();
            return (users[1].Id, users[1].Email!);
        });
        int Hearts(Tallies t) => t.FavoriteCounts.GetValueOrDefault(new FavoriteCountKey(admin, contoso, type, LeadStatus.Accepted));
        var before = await AssertTalliesEqualRecountAsync(_factory);
        Assert.False(before.FavoriteKeys.ContainsKey(new FavoriteKey(admin, id)));
        using var client = await _factory.SignInAsync(email);

        var page = await client.GetPageAsync(LeadPage.Url(id));
        await AssertOkAsync(await client.SubmitAsync(page, $"form[action='/leads/{id}/favorite']"), HttpStatusCode.Redirect);
        var hearted = await AssertTalliesEqualRecountAsync(_factory);
        page = await client.GetPageAsync(LeadPage.Url(id));
        await AssertOkAsync(await client.SubmitAsync(page, $"form[action='/leads/{id}/favorite']"), HttpStatusCode.Redirect);
        var unhearted = await AssertTalliesEqualRecountAsync(_factory);

        Assert.Equal(Hearts(before) + 1, Hearts(hearted));
        Assert.True(hearted.FavoriteKeys.ContainsKey(new FavoriteKey(admin, id)));
        Assert.Equal(Hearts(before), Hearts(unhearted));
        Assert.False(unhearted.FavoriteKeys.ContainsKey(new FavoriteKey(admin, id)));
    }

    [Theory]
    [InlineData("accept", LeadState.Received, LeadStatus.Received, LeadStatus.Accepted)]
    [InlineData("decline", LeadState.Received, LeadStatus.Received, LeadStatus.Declined)]
    [InlineData("edit", LeadState.Accepted, LeadStatus.Accepted, LeadStatus.Accepted)]
    [InlineData("team", LeadState.Accepted, LeadStatus.Accepted, LeadStatus.Accepted)]
    [InlineData("team/remove", LeadState.Accepted, LeadStatus.Accepted, LeadStatus.Accepted)]
    [InlineData("won", LeadState.Accepted, LeadStatus.Accepted, LeadStatus.Won)]
    [InlineData("lost", LeadState.Accepted, LeadStatus.Accepted, LeadStatus.Lost)]
    public async Task LeadPageAction_KeepsTheTalliesEqualToARecount(string action, LeadState state, LeadStatus from, LeadStatus to)
    {
        var contoso = await ContosoAsync();
        var id = await _factory.CreateLeadAsync(state);
        var lead = await _factory.LoadStoredLeadAsync(id);
        var before = await AssertTalliesEqualRecountAsync(_factory);
        using var client = await _factory.SignInAsync(Admin);
        var page = await client.GetPageAsync(LeadPage.Url(id));
        Guid? memberId = lead.TeamMembers.Count > 0 ? lead.TeamMembers[0].Id : null;
        var form = action == "team/remove"
            ? $"form[action='{ActionBodies.Route(id, action)}']:has(input[value='{memberId}'])"
            : $"form#{action}-form";

        var response = await client.SubmitAsync(page, form, ActionBodies.Valid(action, lead.Version, _factory.Today(), memberId));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(lead.History.Count + 1, (await _factory.LoadStoredLeadAsync(id)).History.Count);
        var after = await AssertTalliesEqualRecountAsync(_factory);
        var type = lead.Type;
        if (from == to)
        {
            Assert.Equal(before.Count(contoso, type, from), after.Count(contoso, type, from));
        }
        else
        {
            Assert.Equal(before.Count(contoso, type, from) - 1, after.Count(contoso, type, from));
            Assert.Equal(before.Count(contoso, type, to) + 1, after.Count(contoso, type, to));
        }
    }

    [Fact]
    public async Task EditDeal_ChangingValueAndCurrency_MovesTheDealBetweenTheDailyCurrencyRows()
    {
        var contoso = await ContosoAsync();
        var id = await _factory.CreateLeadAsync(LeadState.Accepted);
        var before = await AssertTalliesEqualRecountAsync(_factory);
        using var client = await _factory.SignInAsync(Admin);
        var page = await client.GetPageAsync(LeadPage.Url(id));

        var response = await client.SubmitAsync(page, "form#edit-form", new Dictionary<string, string>
        {
            ["Edit.EstimatedValue"] = "8200",
            ["Edit.Currency"] = "EUR",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var deal = (await _factory.LoadStoredLeadAsync(id)).Deal!;
        Assert.Equal((820_000L, "EUR"), (deal.ValueMinor, deal.Currency));
        var after = await AssertTalliesEqualRecountAsync(_factory);
        var usdBefore = before.Daily(contoso, LeadStatus.Accepted, "USD");
        var eurBefore = before.Daily(contoso, LeadStatus.Accepted, "EUR");
        Assert.Equal(new DailyTotals(usdBefore.Count - 1, usdBefore.DealValueMinor - 500_000), after.Daily(contoso, LeadStatus.Accepted, "USD"));
        Assert.Equal(new DailyTotals(eurBefore.Count + 1, eurBefore.DealValueMinor + 820_000), after.Daily(contoso, LeadStatus.Accepted, "EUR"));
    }

    [Fact]
    public async Task ReferralCreatedThroughTheApi_IsCountedAsReceived()
    {
        var contoso = await ContosoAsync();
        var sender = await _factory.CreateApiKeyAsync("admin@fabrikam.test");
        var before = await AssertTalliesEqualRecountAsync(_factory);

        var id = await _factory.SendReferralAsync(sender, "contoso", ReferralsApi.UniqueCompany("Tally"));

        var after = await AssertTalliesEqualRecountAsync(_factory);
        Assert.Equal(before.Count(contoso, LeadType.SalesQualified, LeadStatus.Received) + 1, after.Count(contoso, LeadType.SalesQualified, LeadStatus.Received));
        Assert.Equal(before.Total + 1, after.Total);
        Assert.True(after.Search.ContainsKey(id));
    }

    [Theory]
    [InlineData("accept", false, LeadStatus.Received, LeadStatus.Accepted)]
    [InlineData("decline", false, LeadStatus.Received, LeadStatus.Declined)]
    [InlineData("patch", true, LeadStatus.Accepted, LeadStatus.Accepted)]
    [InlineData("won", true, LeadStatus.Accepted, LeadStatus.Won)]
    [InlineData("lost", true, LeadStatus.Accepted, LeadStatus.Lost)]
    public async Task ReferralsApiAction_KeepsTheTalliesEqualToARecount(string action, bool acceptFirst, LeadStatus from, LeadStatus to)
    {
        var contoso = await ContosoAsync();
        var sender = await _factory.CreateApiKeyAsync("admin@fabrikam.test");
        var receiver = await _factory.CreateApiKeyAsync(Admin);
        var id = await _factory.SendReferralAsync(sender, "contoso", ReferralsApi.UniqueCompany("Tally"));
        using var api = _factory.ApiClient(receiver.FullKey);
        if (acceptFirst)
        {
            await AssertOkAsync(await api.PostJsonAsync(ReferralsApi.Url(id, "accept"), ReferralsApi.AcceptBody(_factory.Today().AddDays(30))));
        }

        var before = await AssertTalliesEqualRecountAsync(_factory);
        var version = (await _factory.LoadLeadAsync(id)).Version;

        var response = action switch
        {
            "accept" => await api.PostJsonAsync(ReferralsApi.Url(id, "accept"), ReferralsApi.AcceptBody(_factory.Today().AddDays(30))),
            "decline" => await api.PostJsonAsync(ReferralsApi.Url(id, "decline"), new JsonObject { ["reason"] = "timelineTooShort" }),
            "patch" => await api.SendJsonAsync(HttpMethod.Patch, ReferralsApi.Url(id), new JsonObject { ["dealValue"] = 6400.5m, ["currency"] = "EUR" }),
            "won" => await api.PostJsonAsync(ReferralsApi.Url(id, "won"), new JsonObject { ["finalValue"] = 9000m }),
            "lost" => await api.PostJsonAsync(ReferralsApi.Url(id, "lost"), new JsonObject { ["notes"] = "Went elsewhere." }),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not an API action."),
        };

        await AssertOkAsync(response);
        Assert.NotEqual(version, (await _factory.LoadLeadAsync(id)).Version);
        var after = await AssertTalliesEqualRecountAsync(_factory);
        if (from == to)
        {
            var usdBefore = before.Daily(contoso, LeadStatus.Accepted, "USD");
            var eurBefore = before.Daily(contoso, LeadStatus.Accepted, "EUR");
            Assert.Equal(new DailyTotals(usdBefore.Count - 1, usdBefore.DealValueMinor - 1_250_000), after.Daily(contoso, LeadStatus.Accepted, "USD"));
            Assert.Equal(new DailyTotals(eurBefore.Count + 1, eurBefore.DealValueMinor + 640_050), after.Daily(contoso, LeadStatus.Accepted, "EUR"));
        }
        else
        {
            Assert.Equal(before.Count(contoso, LeadType.SalesQualified, from) - 1, after.Count(contoso, LeadType.SalesQualified, from));
            Assert.Equal(before.Count(contoso, LeadType.SalesQualified, to) + 1, after.Count(contoso, LeadType.SalesQualified, to));
        }
    }

    [Fact]
    public async Task PublicInquiry_IsCountedAsAReceivedCustomerInquiry()
    {
        var contoso = await ContosoAsync();
        var company = InquiryForms.UniqueCompany("Tally");
        var before = await AssertTalliesEqualRecountAsync(_factory);
        using var customer = _factory.CreatePortalClient();

        var response = await customer.SendInquiryAsync("contoso", InquiryForms.Valid(company, contactMe: true));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var lead = Assert.Single(await _factory.LeadsOfCompanyAsync(company));
        var after = await AssertTalliesEqualRecountAsync(_factory);
        Assert.Equal(before.Count(contoso, LeadType.CustomerInquiry, LeadStatus.Received) + 1, after.Count(contoso, LeadType.CustomerInquiry, LeadStatus.Received));
        Assert.StartsWith(company + "\n", after.Search[lead.Id], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpiryJob_PastTheDeadline_MovesTheExpiredLeadsFromReceivedToExpired()
    {
        // Leads of two organizations, two types and two days, some with a heart: the batch moves each group's counts.
        var now = _factory.Clock.GetUtcNow().UtcDateTime;
        var id = await _factory.AddLeadAsync("contoso", now, company: InquiryForms.UniqueCompany("Tally expiry"));
        await _factory.AddLeadAsync("contoso", now.AddDays(-1), LeadType.MarketingQualified, company: InquiryForms.UniqueCompany("Tally expiry"));
        await _factory.AddLeadAsync("fabrikam", now.AddDays(-1), company: InquiryForms.UniqueCompany("Tally expiry"));
        await HeartEveryLeadAsync(_factory);
        await _factory.AddLeadAsync("fabrikam", now, LeadType.CustomerInquiry, company: InquiryForms.UniqueCompany("Tally expiry"));
        var before = await AssertTalliesEqualRecountAsync(_factory);

        _factory.Clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromMinutes(1));
        int expired;
        using (var scope = _factory.Services.CreateScope())
        {
            expired = await scope.ServiceProvider.GetRequiredService<LeadExpiryJob>().RunAsync(CancellationToken.None);
        }

        Assert.True(expired >= 1);
        Assert.Equal(LeadOutcome.Expired, (await _factory.LoadLeadAsync(id)).Outcome);
        var after = await AssertTalliesEqualRecountAsync(_factory);
        Assert.Equal(before.Count(LeadStatus.Received) - expired, after.Count(LeadStatus.Received));
        Assert.Equal(before.Count(LeadStatus.Expired) + expired, after.Count(LeadStatus.Expired));
        if (!TestDatabase.OnPostgreSql)
        {
            // The row triggers stood aside for the batch only: a change after it is counted by them again.
            Assert.Equal(0, await _factory.WithDbAsync(db => db.Database.SqlQueryRaw<int>("""SELECT COUNT(*) AS "Value" FROM "LeadTriggersPaused" """).SingleAsync()));
            await _factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""UPDATE "Leads" SET "Stage" = 'Received', "Outcome" = NULL WHERE "Id" = {0}""", id));
            await AssertTalliesEqualRecountAsync(_factory);
        }
    }

    [Fact]
    public async Task UrgencyJob_LapsingAContactRequest_KeepsTheTalliesAsTheyWere()
    {
        var id = await _factory.AddLeadAsync("contoso", _factory.Clock.GetUtcNow().UtcDateTime, LeadType.CustomerInquiry, contactRequested: true,
            company: InquiryForms.UniqueCompany("Tally urgency"));
        var before = await AssertTalliesEqualRecountAsync(_factory);

        _factory.Clock.Advance(TimeSpan.FromHours(73));
        ContactUrgencyJob.Result result;
        using (var scope = _factory.Services.CreateScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<ContactUrgencyJob>().RunAsync(CancellationToken.None);
        }

        Assert.True(result.UrgencyLapsed >= 1);
        Assert.True((await _factory.LoadLeadAsync(id)).ContactUrgencyLapsed);
        var after = await AssertTalliesEqualRecountAsync(_factory);
        Assert.Empty(Differences(after, before));
    }

    [Fact]
    public async Task BulkInsertUpdateAndDelete_InSetBasedSql_KeepTheTalliesEqualToARecount()
    {
        const int Count = 300;
        var contoso = await ContosoAsync();
        var prefix = Unique("Tally Bulk ") + " ";
        var now = _factory.Clock.GetUtcNow().UtcDateTime;
        var before = await AssertTalliesEqualRecountAsync(_factory);
        IQueryable<Lead> Bulk(LeadPortalDbContext db) => db.Leads.Where(l => l.OrganizationId == contoso && l.Customer.CompanyName.StartsWith(prefix));

        // Received leads over five days, half of each qualified type.
        const string Columns = """
            INSERT INTO "Leads" ("OrganizationId", "Type", "Stage", "CustomerCompanyName", "CustomerContactName", "CustomerEmail",
                "CustomerCountry", "Need", "SenderKind", "SenderName", "SenderEmail", "ContactRequested", "ReceivedAtUtc",
                "ResponseDeadlineUtc", "UpdatedAtUtc", "Version", "ContactUrgencyLapsed")
            SELECT {1}, CASE n % 2 WHEN 0 THEN 'SalesQualified' ELSE 'MarketingQualified' END, 'Received', {2} || n, 'Contact ' || n,
                'bulk' || n || '@example.com', 'Taiwan', 'A need', 'PlatformStaff', 'Seller', 'seller@example.com',
            """;
        var insert = TestDatabase.OnPostgreSql
            ? Columns + """
                FALSE, {3} - make_interval(days => n % 5, hours => n % 7), {4}, {3}, gen_random_uuid(), FALSE
                FROM generate_series(1, {0}) AS n
                """
            : "WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < {0})\n" + Columns + """
                0, datetime({3}, '-' || (n % 5) || ' days', '-' || (n % 7) || ' hours'), {4}, {3},
                upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))), 0
                FROM seq
                """;
        var inserted = await _factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(insert, Count, contoso, prefix, now, now.AddDays(30)));

        Assert.Equal(Count, inserted);
        var afterInsert = await AssertTalliesEqualRecountAsync(_factory);
        Assert.Equal(before.Count(contoso, LeadType.SalesQualified, LeadStatus.Received) + Count / 2, afterInsert.Count(contoso, LeadType.SalesQualified, LeadStatus.Received));
        Assert.Equal(before.Count(contoso, LeadType.MarketingQualified, LeadStatus.Received) + Count / 2, afterInsert.Count(contoso, LeadType.MarketingQualified, LeadStatus.Received));

        // Three in four answered at once: accepted, declined or won, with a response time over every bucket, and received
        // earlier, so some move to another day.
        var answered = await _factory.WithDbAsync(db => Bulk(db).Where(l => l.Id % 4 != 0).ExecuteUpdateAsync(s => s
            .SetProperty(l => l.Stage, l => l.Id % 4 == 1 ? LeadStage.Accepted : LeadStage.Archived)
            .SetProperty(l => l.Outcome, l => l.Id % 4 == 1 ? (LeadOutcome?)null : l.Id % 4 == 2 ? LeadOutcome.Declined : LeadOutcome.Won)
            .SetProperty(l => l.DeclineReason, l => l.Id % 4 == 2 ? DeclineReason.NotAFit : (DeclineReason?)null)
            .SetProperty(l => l.ResponseTimeSeconds, l => l.Id % 9 * 170_000)
            .SetProperty(l => l.ReceivedAtUtc, l => l.ReceivedAtUtc.AddHours(-(l.Id % 3) * 11))));

        Assert.True(answered > Count / 2);
        var afterAnswer = await AssertTalliesEqualRecountAsync(_factory);
        Assert.Equal(afterInsert.Count(LeadStatus.Received) - answered, afterAnswer.Count(LeadStatus.Received));

        // The accepted and won ones get a deal, in USD or EUR.
        var purchase = DateOnly.FromDateTime(now).AddDays(60);
        var withDeal = await _factory.WithDbAsync(db => Bulk(db).Where(l => l.Id % 4 == 1 || l.Id % 4 == 3).ExecuteUpdateAsync(s => s
            .SetProperty(l => l.Deal!.Name, "Bulk deal")
            .SetProperty(l => l.Deal!.Currency, l => l.Id % 8 < 4 ? "USD" : "EUR")
            .SetProperty(l => l.Deal!.ValueMinor, l => l.Id * 100)
            .SetProperty(l => l.Deal!.EstimatedPurchaseDate, purchase)));

        Assert.True(withDeal > 0);
        var afterDeal = await AssertTalliesEqualRecountAsync(_factory);
        Assert.True(afterDeal.Daily(contoso, LeadStatus.Won, "EUR").DealValueMinor > afterAnswer.Daily(contoso, LeadStatus.Won, "EUR").DealValueMinor);

        // Half of the accepted ones lost, with their values, response times and days changed again.
        var lost = await _factory.WithDbAsync(db => Bulk(db).Where(l => l.Stage == LeadStage.Accepted && l.Id % 8 == 1).ExecuteUpdateAsync(s => s
            .SetProperty(l => l.Stage, LeadStage.Archived)
            .SetProperty(l => l.Outcome, LeadOutcome.Lost)
            .SetProperty(l => l.ResponseTimeSeconds, l => l.ResponseTimeSeconds + 100_000)
            .SetProperty(l => l.ReceivedAtUtc, l => l.ReceivedAtUtc.AddDays(-1))
            .SetProperty(l => l.Deal!.ValueMinor, l => l.Deal!.ValueMinor * 3)));

        Assert.True(lost > 0);
        var afterLost = await AssertTalliesEqualRecountAsync(_factory);
        Assert.Equal(afterDeal.Count(LeadStatus.Accepted) - lost, afterLost.Count(LeadStatus.Accepted));
        Assert.Equal(afterDeal.Count(LeadStatus.Lost) + lost, afterLost.Count(LeadStatus.Lost));

        // A fifth deleted, in every status; the raw leads have no history, team or favorites to delete first.
        var deleted = await _factory.WithDbAsync(db => Bulk(db).Where(l => l.Id % 5 == 0).ExecuteDeleteAsync());

        Assert.True(deleted > 0);
        var afterDelete = await AssertTalliesEqualRecountAsync(_factory);
        Assert.Equal(afterLost.Total - deleted, afterDelete.Total);
        Assert.Equal(Count - deleted, await _factory.WithDbAsync(db => Bulk(db).CountAsync()));
    }

    [Fact]
    public async Task ConcurrentWriters_ReceivingAndAnsweringDistinctLeads_KeepTheTalliesEqualToARecount()
    {
        const int Writers = 8;
        var contoso = await ContosoAsync();
        var before = await AssertTalliesEqualRecountAsync(_factory);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var writers = Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
        {
            await go.Task;
            var now = _factory.Clock.GetUtcNow().UtcDateTime;
            var company = InquiryForms.UniqueCompany("Tally concurrent");
            var id = await InOwnScopeRetryingOnBusyAsync(async db =>
            {
                var lead = Lead.Receive(contoso, LeadType.SalesQualified,
                    new CustomerProfile(company, "Connie Current", $"connie{i}@example.com", null, "Taiwan", null, null, null),
                    "Needs a cloud migration.", new LeadSender(SenderKind.PlatformStaff, "Sam Seller", "sam.seller@platform.example"),
                    false, now, TimeSpan.FromDays(14));
                db.Leads.Add(lead);
                await db.SaveChangesAsync();
                return lead.Id;
            });
            return await InOwnScopeRetryingOnBusyAsync(async db =>
            {
                var lead = await db.Leads.SingleAsync(l => l.Id == id);
                if (i % 2 == 0)
                {
                    lead.Accept(TestLeads.SampleDeal(now), [], "Tally tester", now.AddMinutes(i));
                }
                else
                {
                    lead.Decline(DeclineReason.Duplicate, null, "Tally tester", now.AddMinutes(i));
                }

                await db.SaveChangesAsync();
                return lead.Id;
            });
        })).ToList();
        go.SetResult();
        var ids = await Task.WhenAll(writers);

        Assert.Equal(Writers, ids.Distinct().Count());
        var after = await AssertTalliesEqualRecountAsync(_factory);
        Assert.Equal(before.Count(contoso, LeadType.SalesQualified, LeadStatus.Received), after.Count(contoso, LeadType.SalesQualified, LeadStatus.Received));
        Assert.Equal(before.Count(contoso, LeadType.SalesQualified, LeadStatus.Accepted) + Writers / 2, after.Count(contoso, LeadType.SalesQualified, LeadStatus.Accepted));
        Assert.Equal(before.Count(contoso, LeadType.SalesQualified, LeadStatus.Declined) + Writers / 2, after.Count(contoso, LeadType.SalesQualified, LeadStatus.Declined));
    }

    /// <summary>
    /// One unit of work in a scope (and so a connection) of its own. SQLite serializes writers and the driver waits out a
    /// lock; should it still answer busy, nothing was committed and the unit starts again.
    /// </summary>
    private async Task<T> InOwnScopeRetryingOnBusyAsync<T>(Func<LeadPortalDbContext, Task<T>> work)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await _factory.WithDbAsync(work);
            }
            catch (DbUpdateException e) when (attempt < 5 && IsBusy(e.InnerException))
            {
            }
            catch (SqliteException e) when (attempt < 5 && IsBusy(e))
            {
            }
        }
    }

    private static bool IsBusy(Exception? e) => e is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked };

    [Fact]
    public async Task SearchTable_FollowsADealRenameAndARawEmailChange_AndTheListSearchFindsTheNewEmail()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Accepted);
        var lead = await _factory.LoadStoredLeadAsync(id);
        var dealName = Unique("Renamed deal ");
        using var client = await _factory.SignInAsync(Admin);
        var page = await client.GetPageAsync(LeadPage.Url(id));

        var edited = await client.SubmitAsync(page, "form#edit-form", new Dictionary<string, string> { ["Edit.DealName"] = dealName });

        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var afterEdit = await AssertTalliesEqualRecountAsync(_factory);
        Assert.Equal(string.Join('\n', lead.Customer.CompanyName, lead.Customer.ContactName, lead.Customer.Email, dealName), afterEdit.Search[id]);

        var token = Unique("zq").ToLowerInvariant();
        var email = $"renamed.{token}@customer.example";
        var changed = await _factory.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""UPDATE "Leads" SET "CustomerEmail" = {email} WHERE "Id" = {id}"""));

        Assert.Equal(1, changed);
        var afterUpdate = await AssertTalliesEqualRecountAsync(_factory);
        Assert.Equal(string.Join('\n', lead.Customer.CompanyName, lead.Customer.ContactName, email, dealName), afterUpdate.Search[id]);
        var found = await client.GetPageAsync($"/leads/marketplace?q={Uri.EscapeDataString(token)}");
        var byOldEmail = await client.GetPageAsync($"/leads/marketplace?q={Uri.EscapeDataString(lead.Customer.Email)}");
        var byDealName = await client.GetPageAsync($"/leads/marketplace?q={Uri.EscapeDataString(dealName)}");
        var rowId = id.ToString(CultureInfo.InvariantCulture);
        Assert.Equal([rowId], found.QuerySelectorAll("tr[data-lead-id]").Select(r => r.GetAttribute("data-lead-id")));
        Assert.Equal([rowId], byDealName.QuerySelectorAll("tr[data-lead-id]").Select(r => r.GetAttribute("data-lead-id")));
        Assert.DoesNotContain(rowId, byOldEmail.QuerySelectorAll("tr[data-lead-id]").Select(r => r.GetAttribute("data-lead-id")));
    }
}
