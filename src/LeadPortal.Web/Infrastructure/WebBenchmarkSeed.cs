using System.Diagnostics;
using System.Globalization;
using LeadPortal.Core.Leads;
using LeadPortal.Core.Organizations;
using LeadPortal.Core.Profiles;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Infrastructure.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Infrastructure;

/// <summary>
/// <c>dotnet LeadPortal.Web.dll benchmark-seed --database /tmp/x.db [--leads 200000] [--partners 2000]</c>: fills a fresh
/// SQLite file with what <c>bench/web.sh</c> measures: one organization with a published profile, a PartnerAdmin and a
/// ReferralsAdmin, that many leads over two years (every type, stage and outcome, contact requests, deals, history,
/// team members, favorites) and that many other published partners for the public directory. The leads are written
/// with set-based INSERT … SELECT over a recursive CTE into the real tables only, so whatever the schema derives from
/// them (triggers, counters, search indexes) is derived the normal way. The data is the same on every run for the
/// same counts, apart from its dates, which are relative to now.
/// </summary>
internal static class WebBenchmarkSeed
{
    public const string Name = "benchmark-seed";
    public const string DefaultEmail = "bench@leadportal.test";
    public const string DefaultPassword = "Benchmark!2026";

    private const long Day = 86_400;
    private const long TwoYears = 730 * Day;
    private const long ResponseWindow = 14 * Day;
    private const long UrgentWindow = 3 * Day;
    private const long ReminderAfter = 12 * Day;

    /// <summary>Points the app at the file given with <c>--database</c> before the services are built.</summary>
    public static void Configure(IConfigurationBuilder configuration, string[] args)
    {
        if (args.Length > 0 && args[0] == Name && Option(args, "database") is { } path)
        {
            configuration.AddInMemoryCollection(
            [
                new("Database:Provider", "Sqlite"),
                new("ConnectionStrings:LeadPortal", $"Data Source={Path.GetFullPath(path)}"),
                new("Jobs:RunServer", "false"),
                new("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning"),
            ]);
        }
    }

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var path = Option(args, "database");
        if (path is null)
        {
            await Console.Error.WriteLineAsync(
                "usage: benchmark-seed --database <new file.db> [--leads 200000] [--partners 2000] [--favorites 2000] [--email e] [--password p] [--postgres <connection string of a new database to copy it into>]");
            return 2;
        }

        if (File.Exists(path))
        {
            await Console.Error.WriteLineAsync($"{path} already exists; benchmark-seed only fills a new file.");
            return 2;
        }

        var leads = IntOption(args, "leads", 200_000);
        var partners = IntOption(args, "partners", 2_000);
        var favorites = IntOption(args, "favorites", 2_000);
        var email = Option(args, "email") ?? DefaultEmail;
        var password = Option(args, "password") ?? DefaultPassword;

        var total = Stopwatch.StartNew();
        await services.PrepareDatabaseAsync(seedDemoData: false);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadPortalDbContext>();
        var setup = scope.ServiceProvider.GetRequiredService<OrganizationSetup>();
        // Whole seconds, like every time the SQL below writes, so "now" sorts with them.
        var now = DateTimeOffset.FromUnixTimeSeconds(scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds());

        var organization = await setup.EnsureOrganizationAsync("Benchmark Partner");
        var admin = await setup.CreateUserAsync(organization, email, "Bailey Benchmark", password, Roles.PartnerAdmin);
        var referrals = await setup.CreateUserAsync(organization, "referrals." + email, "Riley Referrals", password, Roles.ReferralsAdmin);
        if (!admin.Succeeded || !referrals.Succeeded)
        {
            foreach (var error in admin.Errors.Concat(referrals.Errors))
            {
                await Console.Error.WriteLineAsync(error.Description);
            }

            return 1;
        }

        db.BusinessProfiles.Add(OwnProfile(organization.Id, email, now.UtcDateTime));
        await db.SaveChangesAsync();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();

        var bulk = Stopwatch.StartNew();
        await db.Database.OpenConnectionAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        RegisterFunctions(connection);
        // The file is thrown away after the benchmark: no need to wait for the disk, and a large cache keeps the
        // random-keyed history index in memory while it grows.
        await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;");
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await InsertLeadsAsync(db, organization.Id, leads, now.ToUnixTimeSeconds());
            await InsertHistoryAsync(db, organization.Id);
            await InsertTeamMembersAsync(db, organization.Id);
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "FavoriteLeads" ("UserId", "LeadId", "CreatedAtUtc")
                SELECT {0}, "Id", min(datetime("ReceivedAtUtc", '+1 hour'), {1})
                FROM "Leads" WHERE "OrganizationId" = {2} AND "Id" % {3} = 0
                ORDER BY "Id" LIMIT {4}
                """, userId, Sql(now), organization.Id, Math.Max(1, leads / Math.Max(1, favorites)), favorites);
            await InsertPartnersAsync(db, organization.Id, partners, now.ToUnixTimeSeconds());
            await transaction.CommitAsync();
        }

        bulk.Stop();
        total.Stop();
        await ReportAsync(db, organization.Id, email, password, now.UtcDateTime, bulk.Elapsed, total.Elapsed);
        if (Option(args, "postgres") is { } postgres)
        {
            await PostgreSqlBenchmarkCopy.RunAsync(path, postgres);
        }

        return 0;
    }

    private static BusinessProfile OwnProfile(int organizationId, string alertEmail, DateTime now)
    {
        var profile = new BusinessProfile(organizationId, "Benchmark Partner");
        profile.Update("Benchmark Partner", "A large partner with years of leads, for measuring the portal at volume.",
            "https://benchmark-partner.example", null, ["cloud migration", "Microsoft 365", "security"], ["Manufacturing", "Retail"],
            ["50-249", "250-999"], ["Taiwan"],
            [new ProfileLocation("Taipei office", "No. 7, Xinyi Rd. Sec. 5", "Taipei", "Taiwan", "Bailey Benchmark", alertEmail, "+886 2 5555 0100")],
            now);
        profile.Publish(now);
        return profile;
    }

    /// <summary>
    /// One row per lead, its fate drawn from its number: received times spaced evenly over two years (a few minutes
    /// apart, so ids follow time as they would), the recent ones mostly still open, the older ones answered, closed or
    /// expired, with a few hundred overdue leads the expiry job has not reached yet.
    /// </summary>
    private static Task<int> InsertLeadsAsync(LeadPortalDbContext db, int organizationId, int count, long now) =>
        db.Database.ExecuteSqlRawAsync("""
            WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < {0}),
            drawn AS MATERIALIZED (
                SELECT n, bench_draw(n, 1) AS d1, bench_draw(n, 2) AS d2, bench_draw(n, 3) AS d3, bench_draw(n, 4) AS d4,
                    ({0} - n) * {3} / {0} + bench_draw(n, 5) % ({3} / {0} + 1) AS age
                FROM seq),
            shaped AS (
                SELECT *,
                    CASE d1 % 4 WHEN 2 THEN 'MarketingQualified' WHEN 3 THEN 'SalesQualified' ELSE 'CustomerInquiry' END AS type,
                    CASE WHEN age < {4} THEN
                            CASE WHEN d2 % 1000 < 560 THEN 'Received' WHEN d2 % 1000 < 800 THEN 'Accepted'
                                 WHEN d2 % 1000 < 900 THEN 'Declined' WHEN d2 % 1000 < 950 THEN 'Won' ELSE 'Lost' END
                         ELSE
                            CASE WHEN d2 % 1000 < 2 THEN 'Received' WHEN d2 % 1000 < 150 THEN 'Accepted'
                                 WHEN d2 % 1000 < 350 THEN 'Won' WHEN d2 % 1000 < 500 THEN 'Lost'
                                 WHEN d2 % 1000 < 750 THEN 'Declined' ELSE 'Expired' END
                    END AS fate,
                    d3 % 40000 AS customer,
                    (d1 / 4) % 100 AS bucket, (d3 / 40000) % 10000 AS within,
                    (d1 / 400) % 5 = 0 AS contact,
                    CASE WHEN (d2 / 1000) % 20 < 12 THEN 'TWD' WHEN (d2 / 1000) % 20 < 19 THEN 'USD' ELSE 'EUR' END AS currency
                FROM drawn),
            timed AS (
                SELECT *, {2} - age AS received,
                    CASE WHEN fate IN ('Accepted', 'Won', 'Lost', 'Declined') THEN min(
                        CASE WHEN bucket < 15 THEN 120 + within * 3480 / 10000
                             WHEN bucket < 40 THEN 3600 + within * 10800 / 10000
                             WHEN bucket < 70 THEN 14400 + within * 72000 / 10000
                             WHEN bucket < 85 THEN 86400 + within * 172800 / 10000
                             WHEN bucket < 95 THEN 259200 + within * 345600 / 10000
                             ELSE 604800 + within * 600000 / 10000 END,
                        max(age - 60, 0)) END AS resp
                FROM shaped),
            settled AS MATERIALIZED (
                SELECT *, received + resp AS answered,
                    CASE fate
                        WHEN 'Declined' THEN received + resp
                        WHEN 'Expired' THEN min(received + {4} + d4 % 300, {2})
                        WHEN 'Won' THEN received + resp + min((1 + (d4 / 300) % 60) * 86400, age - resp)
                        WHEN 'Lost' THEN received + resp + min((1 + (d4 / 300) % 60) * 86400, age - resp)
                    END AS archived,
                    fate IN ('Accepted', 'Won', 'Lost') AS deal,
                    bench_word('declineReason', d3 / 7) AS reason
                FROM timed)
            INSERT INTO "Leads" ("OrganizationId", "Type", "Stage", "Outcome",
                "CustomerCompanyName", "CustomerContactName", "CustomerEmail", "CustomerPhone", "CustomerCountry", "CustomerCity",
                "CustomerCompanySize", "CustomerIndustry", "Need", "SenderKind", "SenderName", "SenderEmail", "ContactRequested",
                "ReceivedAtUtc", "ResponseDeadlineUtc", "AnsweredAtUtc", "ResponseTimeSeconds", "ArchivedAtUtc", "UpdatedAtUtc",
                "DealName", "DealValueMinor", "DealCurrency", "DealPurchaseDate", "DealNotes", "DealCrmId", "DealCampaignId",
                "DeclineReason", "DeclineNotes", "ClosingNotes", "Version", "ContactUrgencyLapsed", "ReminderQueuedAtUtc")
            SELECT {1}, type,
                CASE WHEN fate IN ('Received', 'Accepted') THEN fate ELSE 'Archived' END,
                CASE WHEN fate IN ('Won', 'Lost', 'Declined', 'Expired') THEN fate END,
                bench_company(customer % 20000), bench_contact(customer), bench_email(customer),
                CASE WHEN d4 % 10 < 8 THEN '+886 2 ' || (2000 + (d4 / 10) % 8000) || ' ' || (1000 + (d4 / 80000) % 9000) END,
                bench_word('country', customer / 3), bench_word('city', customer / 3),
                bench_word('size', customer % 20000 / 7), bench_word('industry', customer % 20000 / 11),
                bench_word('need', d4 / 13),
                CASE type WHEN 'CustomerInquiry' THEN 'Customer' WHEN 'MarketingQualified' THEN 'PlatformStaff'
                    ELSE CASE WHEN (d1 / 2000) % 2 = 0 THEN 'PlatformStaff' ELSE 'Partner' END END,
                CASE type WHEN 'CustomerInquiry' THEN bench_contact(customer) WHEN 'MarketingQualified' THEN 'Platform marketing'
                    ELSE CASE WHEN (d1 / 2000) % 2 = 0 THEN bench_word('seller', d1 / 4000) ELSE bench_word('partnerTeam', d1 / 4000) END END,
                CASE type WHEN 'CustomerInquiry' THEN bench_email(customer) WHEN 'MarketingQualified' THEN 'marketing@leadportal.example'
                    ELSE CASE WHEN (d1 / 2000) % 2 = 0 THEN bench_word('sellerEmail', d1 / 4000) ELSE bench_word('partnerTeamEmail', d1 / 4000) END END,
                contact,
                bench_time(received), bench_time(received + {4}), bench_time(answered), resp, bench_time(archived),
                bench_time(coalesce(archived, answered, received)),
                CASE WHEN deal THEN bench_company(customer % 20000) || ' - ' || bench_word('topic', d3 / 3) END,
                CASE WHEN deal THEN CASE currency WHEN 'TWD' THEN (100 + (d4 / 30000) % 4900) ELSE (5 + (d4 / 30000) % 195) END * 100000 END,
                CASE WHEN deal THEN currency END,
                CASE WHEN deal THEN strftime('%Y-%m-%d', answered + (30 + (d3 / 70000) % 150) * 86400, 'unixepoch') END,
                CASE WHEN deal AND (d2 / 20000) % 3 = 0 THEN 'Customer wants a proposal this quarter.' END,
                CASE WHEN deal AND (d2 / 60000) % 2 = 0 THEN 'CRM-' || (100000 + n) END,
                CASE WHEN deal AND type = 'MarketingQualified' THEN 'CMP-' || (200 + (d2 / 120000) % 90) END,
                CASE WHEN fate = 'Declined' THEN reason END,
                CASE WHEN fate = 'Declined' AND reason = 'Other' THEN 'The customer only wants hardware, which we do not sell.'
                     WHEN fate = 'Declined' AND d4 % 4 = 0 THEN 'Talked to the customer on the phone first.' END,
                CASE WHEN fate = 'Won' AND d4 % 2 = 0 THEN 'Signed the contract.'
                     WHEN fate = 'Lost' AND d4 % 2 = 0 THEN 'Customer chose a competitor.' END,
                bench_guid(n, 0),
                contact AND coalesce(resp, age) > {5},
                CASE WHEN coalesce(resp, age) >= {6} THEN bench_time(received + {6} + d4 % 300) END
            FROM settled
            """, count, organizationId, now, TwoYears, ResponseWindow, UrgentWindow, ReminderAfter);

    /// <summary>What the lead's methods would have recorded: the receipt, the answer or expiry, and the close.</summary>
    private static async Task InsertHistoryAsync(LeadPortalDbContext db, int organizationId)
    {
        const string Columns = """
            INSERT INTO "LeadHistory" ("Id", "LeadId", "Sequence", "AtUtc", "Actor", "Action", "FromStage", "ToStage", "Changes")
            """;
        await db.Database.ExecuteSqlRawAsync(Columns + """
            SELECT bench_guid("Id", 1), "Id", 1, "ReceivedAtUtc", "SenderName", 'Receive', NULL, 'Received',
                CASE WHEN "ContactRequested" THEN json_array(json_object('Field', 'ContactRequested', 'To', 'true')) ELSE '[]' END
            FROM "Leads" WHERE "OrganizationId" = {0}
            """, organizationId);
        await db.Database.ExecuteSqlRawAsync(Columns + """
            SELECT bench_guid("Id", 2), "Id", 2, "AnsweredAtUtc", CASE WHEN "Id" % 3 = 0 THEN 'Riley Referrals' ELSE 'Bailey Benchmark' END,
                'Accept', 'Received', 'Accepted',
                json_array(json_object('Field', 'DealName', 'To', "DealName"),
                    json_object('Field', 'EstimatedValue', 'To', printf('%.2f', "DealValueMinor" / 100.0) || ' ' || "DealCurrency"),
                    json_object('Field', 'PurchaseDate', 'To', "DealPurchaseDate"))
            FROM "Leads" WHERE "OrganizationId" = {0} AND "DealName" IS NOT NULL
            """, organizationId);
        await db.Database.ExecuteSqlRawAsync(Columns + """
            SELECT bench_guid("Id", 2), "Id", 2, "AnsweredAtUtc", CASE WHEN "Id" % 3 = 0 THEN 'Riley Referrals' ELSE 'Bailey Benchmark' END,
                'Decline', 'Received', 'Archived',
                CASE WHEN "DeclineNotes" IS NULL THEN json_array(json_object('Field', 'DeclineReason', 'To', "DeclineReason"))
                    ELSE json_array(json_object('Field', 'DeclineReason', 'To', "DeclineReason"), json_object('Field', 'Notes', 'To', "DeclineNotes")) END
            FROM "Leads" WHERE "OrganizationId" = {0} AND "Outcome" = 'Declined'
            """, organizationId);
        await db.Database.ExecuteSqlRawAsync(Columns + """
            SELECT bench_guid("Id", 2), "Id", 2, "ArchivedAtUtc", {1}, 'Expire', 'Received', 'Archived', '[]'
            FROM "Leads" WHERE "OrganizationId" = {0} AND "Outcome" = 'Expired'
            """, organizationId, Lead.SystemActor);
        await db.Database.ExecuteSqlRawAsync(Columns + """
            SELECT bench_guid("Id", 3), "Id", 3, "ArchivedAtUtc", CASE WHEN "Id" % 3 = 0 THEN 'Riley Referrals' ELSE 'Bailey Benchmark' END,
                CASE "Outcome" WHEN 'Won' THEN 'MarkWon' ELSE 'MarkLost' END, 'Accepted', 'Archived',
                CASE WHEN "ClosingNotes" IS NULL THEN '[]' ELSE json_array(json_object('Field', 'Notes', 'To', "ClosingNotes")) END
            FROM "Leads" WHERE "OrganizationId" = {0} AND "Outcome" IN ('Won', 'Lost')
            """, organizationId);
    }

    /// <summary>A colleague on every fourth deal, a second one on every twelfth.</summary>
    private static Task<int> InsertTeamMembersAsync(LeadPortalDbContext db, int organizationId) =>
        db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "LeadTeamMembers" ("Id", "Name", "Phone", "Email", "LeadId")
            SELECT bench_guid("Id", 10 + k), bench_word('teamName', "Id" + k), '+886 2 5555 ' || (1000 + "Id" % 9000),
                bench_word('teamEmail', "Id" + k), "Id"
            FROM "Leads" JOIN (SELECT 0 AS k UNION ALL SELECT 1) ON "Id" % (4 * (k * 2 + 1)) = 0
            WHERE "OrganizationId" = {0} AND "DealName" IS NOT NULL
            """, organizationId);

    /// <summary>Other organizations with a published profile and one location each, for the public directory.</summary>
    private static async Task InsertPartnersAsync(LeadPortalDbContext db, int organizationId, int count, long now)
    {
        await db.Database.ExecuteSqlRawAsync("""
            WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n + 1 < {0})
            INSERT INTO "Organizations" ("Name", "Slug") SELECT bench_partner(n), bench_slug(bench_partner(n)) FROM seq
            """, count);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "BusinessProfiles" ("OrganizationId", "CompanyName", "Description", "Website", "LogoUrl", "Keywords",
                "Industries", "CompanySizes", "Countries", "IsPublished", "PublishedAtUtc", "UpdatedAtUtc")
            SELECT "Id", "Name",
                "Name" || ' helps companies with ' || bench_word('keyword', "Id") || ' and ' || bench_word('keyword', "Id" * 7 + 3) || '.',
                'https://' || "Slug" || '.example', NULL,
                bench_tags('keyword', "Id", 2 + "Id" % 4), bench_tags('industry', "Id", 1 + "Id" % 3),
                bench_tags('size', "Id", 1 + "Id" % 3), bench_tags('partnerCountry', "Id", 1 + "Id" % 2), 1,
                bench_time({1} - ("Id" % 700) * 86400), bench_time({1} - ("Id" % 300) * 86400)
            FROM "Organizations" WHERE "Id" <> {0}
            """, organizationId, now);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "ProfileLocations" ("Id", "Name", "Address", "City", "Country", "AlertName", "AlertEmail", "AlertPhone",
                "Position", "ProfileId")
            SELECT bench_guid(p."Id", 20), 'Head office', 'No. ' || (1 + p."Id" % 300) || ', ' || bench_word('street', p."Id"),
                bench_word('city', p."Id"), bench_word('country', p."Id"), bench_contact(p."Id" * 13 % 40000),
                'leads@' || o."Slug" || '.example', '+886 2 5555 ' || (1000 + p."Id" % 9000), 0, p."Id"
            FROM "BusinessProfiles" p JOIN "Organizations" o ON o."Id" = p."OrganizationId"
            WHERE p."OrganizationId" <> {0}
            """, organizationId);
    }

    /// <summary>Prints the counts, the time, and the sign-in, lead and search terms <c>bench/web.sh</c> reads (the <c>bench.</c> lines).</summary>
    private static async Task ReportAsync(
        LeadPortalDbContext db, int organizationId, string email, string password, DateTime now, TimeSpan bulk, TimeSpan total)
    {
        var leads = db.Leads.Where(l => l.OrganizationId == organizationId);
        var byStage = await leads.GroupBy(l => new { l.Type, l.Stage, l.Outcome })
            .Select(g => new { g.Key.Type, g.Key.Stage, g.Key.Outcome, Count = g.Count() }).ToListAsync();
        var history = await db.Database.SqlQueryRaw<int>("""SELECT count(*) AS "Value" FROM "LeadHistory" """).SingleAsync();
        var team = await db.Database.SqlQueryRaw<int>("""SELECT count(*) AS "Value" FROM "LeadTeamMembers" """).SingleAsync();
        var favorites = await db.FavoriteLeads.CountAsync();
        var profiles = await db.BusinessProfiles.CountAsync(p => p.IsPublished);
        var overdue = byStage.Where(g => g.Stage == LeadStage.Received).Sum(g => g.Count)
            - await leads.CountAsync(l => l.Stage == LeadStage.Received && l.ResponseDeadlineUtc > now);
        var contacts = await leads.CountAsync(l => l.ContactRequested);

        string Line(FormattableString text) => FormattableString.Invariant(text);
        int Count(Func<LeadType, LeadStage, LeadOutcome?, bool> match) => byStage.Where(g => match(g.Type, g.Stage, g.Outcome)).Sum(g => g.Count);
        Console.WriteLine(Line($"seeded {Count((_, _, _) => true):N0} leads, {history:N0} history entries, {team:N0} team members, {favorites:N0} favorites; {profiles:N0} organizations with a published profile; in {total.TotalSeconds:F1} s (bulk inserts {bulk.TotalSeconds:F1} s)"));
        Console.WriteLine(Line($"  types: {string.Join(", ", Enum.GetValues<LeadType>().Select(t => Line($"{t} {Count((type, _, _) => type == t):N0}")))}"));
        Console.WriteLine(Line($"  stages: Received {Count((_, s, _) => s == LeadStage.Received):N0} ({overdue:N0} overdue), Accepted {Count((_, s, _) => s == LeadStage.Accepted):N0}, Archived {Count((_, s, _) => s == LeadStage.Archived):N0} ({string.Join(", ", Enum.GetValues<LeadOutcome>().Select(o => Line($"{o} {Count((_, _, x) => x == o):N0}")))}); {contacts:N0} contact requests"));

        // A customer inquiry from the middle of the two years, with a Latin-script name, gives the search terms.
        var sample = (await leads.Where(l => l.Type == LeadType.CustomerInquiry && l.Id >= leads.Max(x => x.Id) / 2)
                .OrderBy(l => l.Id).Take(50).Select(l => new { l.Customer.CompanyName, l.Customer.ContactName, l.Customer.Email }).ToListAsync())
            .First(l => l.CompanyName.All(char.IsAscii) && l.ContactName.All(char.IsAscii));
        var lead = await leads.Where(l => l.Outcome == LeadOutcome.Won && l.TeamMembers.Count > 1).OrderByDescending(l => l.Id).Select(l => l.Id).FirstAsync();
        Console.WriteLine(Line($"bench.seconds={total.TotalSeconds:F1}"));
        Console.WriteLine($"bench.email={email}");
        Console.WriteLine($"bench.password={password}");
        Console.WriteLine(Line($"bench.lead={lead}"));
        Console.WriteLine($"bench.company={sample.CompanyName}");
        Console.WriteLine($"bench.contact={sample.ContactName}");
        Console.WriteLine($"bench.leademail={sample.Email}");
        Console.WriteLine("bench.keyword=Power BI");
        foreach (var (name, value) in new[] { ("company", sample.CompanyName), ("contact", sample.ContactName), ("e-mail", sample.Email) })
        {
            var pattern = "%" + value + "%";
            var inTab = await leads.Where(l => EF.Functions.Like(l.Customer.CompanyName, pattern) || EF.Functions.Like(l.Customer.ContactName, pattern)
                    || EF.Functions.Like(l.Customer.Email, pattern))
                .GroupBy(l => l.Type == LeadType.CustomerInquiry).Select(g => new { Marketplace = g.Key, Count = g.Count() }).ToListAsync();
            Console.WriteLine(Line($"  '{value}' is in {inTab.Where(t => t.Marketplace).Sum(t => t.Count)} marketplace and {inTab.Where(t => !t.Marketplace).Sum(t => t.Count)} qualified leads ({name})"));
        }
    }

    private static void RegisterFunctions(SqliteConnection connection)
    {
        connection.CreateFunction<long, long, long>("bench_draw", Draw, isDeterministic: true);
        connection.CreateFunction<long, long, string>("bench_guid", (n, salt) => DrawGuid(n, salt), isDeterministic: true);
        connection.CreateFunction<long?, string?>("bench_time", seconds => seconds is { } s ? Sql(DateTimeOffset.FromUnixTimeSeconds(s)) : null, isDeterministic: true);
        connection.CreateFunction<string, long, string>("bench_word", (list, i) => SeedWords.Pick(list, i), isDeterministic: true);
        connection.CreateFunction<string, long, long, string>("bench_tags", (list, seed, count) => SeedWords.Tags(list, seed, (int)count), isDeterministic: true);
        connection.CreateFunction<long, string>("bench_company", SeedWords.Company, isDeterministic: true);
        connection.CreateFunction<long, string>("bench_contact", SeedWords.Contact, isDeterministic: true);
        connection.CreateFunction<long, string>("bench_email", SeedWords.Email, isDeterministic: true);
        connection.CreateFunction<long, string>("bench_partner", SeedWords.Partner, isDeterministic: true);
        connection.CreateFunction<string, string>("bench_slug", Organization.SlugFrom, isDeterministic: true);
    }

    /// <summary>A well-mixed non-negative number from (n, salt) (SplitMix64), so every run draws the same data.</summary>
    internal static long Draw(long n, long salt)
    {
        unchecked
        {
            var z = ((ulong)n * 0x9E3779B97F4A7C15UL) + ((ulong)(salt + 1) * 0xD1B54A32D192ED03UL);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return (long)((z ^ (z >> 31)) >> 2);
        }
    }

    /// <summary>A GUID in the upper-case text form EF Core writes on SQLite.</summary>
    private static string DrawGuid(long n, long salt)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, Draw(n, (salt * 2) + 1000));
        BitConverter.TryWriteBytes(bytes[8..], Draw(n, (salt * 2) + 1001));
        return new Guid(bytes).ToString("D").ToUpperInvariant();
    }

    /// <summary>A UTC time as EF Core stores a <see cref="DateTime"/> on SQLite (whole seconds).</summary>
    private static string Sql(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, $"--{name}");
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        Option(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}

/// <summary>The names the benchmark data is made of; every pick is by number, so the data repeats run to run.</summary>
internal static class SeedWords
{
    private static readonly string[] CompanyPrefix =
    [
        "Northwind", "Coastal", "Summit", "Silverline", "Redwood", "Bluebird", "Evergreen", "Granite", "Harbor", "Ironwood",
        "Juniper", "Keystone", "Lakeside", "Meridian", "Northstar", "Oakridge", "Pinecrest", "Quartz", "Riverbend", "Sunrise",
        "Tidewater", "Upland", "Valley", "Westfield", "Yellowstone", "Zenith", "Amber", "Brightwater", "Cedar", "Driftwood",
        "Eastgate", "Foxhill", "Goldleaf", "Highland", "Indigo", "Jadeite", "Kingsbridge", "Lighthouse", "Maple", "Nimbus",
    ];

    private static readonly string[] CompanyTrade =
    [
        "Traders", "Robotics", "Logistics", "Foods", "Textiles", "Electronics", "Pharma", "Motors", "Plastics", "Ceramics",
        "Apparel", "Furniture", "Printing", "Packaging", "Semiconductors", "Optics", "Machinery", "Chemicals", "Metals", "Paper",
        "Toys", "Beverages", "Cosmetics", "Instruments", "Devices", "Materials", "Farms", "Fisheries", "Hotels", "Clinics",
        "Insurance", "Securities", "Travel", "Media", "Publishing", "Studios", "Construction", "Engineering", "Energy", "Solar",
        "Water", "Telecom", "Software", "Analytics", "Retail", "Markets", "Bakery", "Coffee", "Tea", "Bicycles",
    ];

    private static readonly string[] CompanySuffix =
        ["Ltd.", "Inc.", "Co., Ltd.", "Corporation", "Group", "Holdings", "Industries", "International", "Enterprises", "Trading"];

    private static readonly string[] ZhCity = ["台北", "新竹", "台中", "高雄", "台南", "桃園", "基隆", "嘉義"];
    private static readonly string[] ZhTrade = ["精密", "資訊", "海運", "半導體", "電子", "食品", "紡織", "生技", "光電", "機械"];
    private static readonly string[] ZhSuffix = ["股份有限公司", "有限公司", "企業社"];

    private static readonly string[] FirstNames =
    [
        "Avery", "Jordan", "Morgan", "Taylor", "Riley", "Casey", "Jamie", "Drew", "Skyler", "Quinn",
        "Alex", "Sam", "Chris", "Pat", "Robin", "Jesse", "Kai", "Rowan", "Sage", "Reese",
        "Emerson", "Finley", "Harper", "Hayden", "Logan", "Parker", "Peyton", "Blake", "Cameron", "Dakota",
        "Elliot", "Frankie", "Gray", "Hunter", "Jules", "Kendall", "Lane", "Marley", "Noel", "Oakley",
        "Phoenix", "Remy", "Shawn", "Tatum", "Val", "Wren", "Ari", "Bailey", "Charlie", "Devon",
        "Eden", "Flynn", "Gale", "Hollis", "Indy", "Jody", "Kerry", "Lee", "Micah", "Nico",
        "Ollie", "Perry", "Ray", "Shay", "Toby", "Uri", "Vic", "West", "Yael", "Zion",
        "Ainsley", "Brett", "Corey", "Dallas", "Ellis", "Fran", "Glenn", "Hadley", "Ira", "Jaden",
    ];

    private static readonly string[] LastNames =
    [
        "Chen", "Lin", "Wu", "Huang", "Chang", "Liu", "Tsai", "Yang", "Kuo", "Hsu",
        "Wang", "Lee", "Kao", "Cheng", "Hsieh", "Lai", "Tseng", "Chou", "Su", "Yeh",
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Tanaka", "Suzuki", "Sato", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato", "Yoshida",
        "Kim", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han",
        "Nguyen", "Tran", "Le", "Pham", "Hoang", "Phan", "Vu", "Dang", "Bui", "Do",
        "Muller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
        "Tan", "Ong", "Goh", "Teo", "Ng", "Koh", "Chua", "Sim", "Low", "Yeo",
        "Anderson", "Thomas", "Jackson", "White", "Harris", "Martin", "Thompson", "Moore", "Clark", "Lewis",
        "Walker", "Hall", "Allen", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams",
    ];

    private static readonly string[] ZhSurname = ["陳", "林", "黃", "張", "李", "王", "吳", "劉", "蔡", "楊", "許", "鄭", "謝", "郭", "洪", "曾", "邱", "廖", "賴", "周"];

    private static readonly string[] ZhGiven =
    [
        "怡君", "志明", "小美", "家豪", "佳穎", "雅婷", "冠宇", "俊傑", "淑芬", "建宏", "美玲", "宗翰", "欣怡", "承恩", "詩涵",
        "柏翰", "思妤", "宇軒", "筱涵", "品妍", "家瑋", "嘉欣", "韋廷", "郁婷", "彥廷", "佩君", "子晴", "冠廷", "怡萱", "育誠",
    ];

    private static readonly string[] PartnerFirst =
    [
        "Blue", "Bright", "Clear", "Silver", "Golden", "Green", "Red", "Swift", "Smart", "True",
        "Prime", "First", "Next", "North", "South", "East", "West", "Open", "Deep", "High",
        "Rapid", "Solid", "Agile", "Bold", "Calm", "Fresh", "Grand", "Iron", "Lunar", "Solar",
        "Urban", "Vivid", "Wise", "Zen", "Alpha", "Nova", "Omni", "Sky", "Sea", "Star",
    ];

    private static readonly string[] PartnerSecond =
    [
        "Cloud", "Data", "Byte", "Pixel", "Signal", "Vector", "Circuit", "Matrix", "Quantum", "Orbit",
        "Vertex", "Bridge", "Beacon", "Anchor", "Compass", "Harbor", "Summit", "Peak", "River", "Stone",
        "Forge", "Spark", "Pulse", "Wave", "Stream", "Grid", "Node", "Link", "Path", "Gate",
        "Core", "Edge", "Point", "Line", "Shift", "Scale", "Logic", "Mind", "Sense", "Sight",
        "Craft", "Works", "Loop", "Stack", "Layer", "Frame", "Field", "Port", "Hub", "Arc",
    ];

    private static readonly string[] PartnerSuffix =
        ["Consulting", "Solutions", "Partners", "Group", "Services", "Technologies", "Systems", "Labs", "Digital", "Advisors"];

    private static readonly Dictionary<string, string[]> Lists = new(StringComparer.Ordinal)
    {
        ["declineReason"] = Enum.GetNames<DeclineReason>(),
        ["country"] = ["Taiwan", "Taiwan", "Taiwan", "Taiwan", "Taiwan", "Taiwan", "Japan", "Japan", "Singapore", "United States", "Germany", "Hong Kong"],
        ["city"] = ["Taipei", "Taipei", "Taichung", "Kaohsiung", "Hsinchu", "Tainan", "Tokyo", "Osaka", "Singapore", "Seattle", "Berlin", "Hong Kong"],
        ["size"] = [.. ProfileChoices.CompanySizes],
        ["industry"] = [.. ProfileChoices.Industries],
        ["need"] =
        [
            "We want to move our on-premises file servers to the cloud and need help planning the migration.",
            "Looking for a partner to roll out Teams and train 200 staff across three offices.",
            "Need a security assessment and a plan for multi-factor authentication.",
            "We need a CRM set up for our sales team of 25 people, with data migrated from spreadsheets.",
            "Our ERP is out of support; we want a partner to evaluate cloud ERP options.",
            "Build a Power BI dashboard over our production data.",
            "Our backups are tapes in a drawer; we want something we can restore from in an hour.",
            "We are opening an office in Japan and need the IT set up before April.",
            "希望導入雲端備份方案，並協助員工教育訓練。",
            "需要協助將工廠的生產資料整合到雲端平台。",
        ],
        ["topic"] =
        [
            "cloud migration", "modern workplace", "security assessment", "Power BI dashboards", "ERP upgrade", "CRM rollout",
            "backup and recovery", "Teams rollout",
        ],
        ["seller"] = ["Morgan Seller", "Dana Inside Sales", "Lee Channel Manager"],
        ["sellerEmail"] = ["seller@leadportal.example", "dana.sales@leadportal.example", "lee.channel@leadportal.example"],
        ["partnerTeam"] = ["Litware Partner Team", "Proseware Alliances", "Trey Research Referrals", "Adatum Partner Desk"],
        ["partnerTeamEmail"] = ["referrals@litware.example", "alliances@proseware.example", "referrals@treyresearch.example", "partners@adatum.example"],
        ["teamName"] = ["Sam Engineer", "Alex Architect", "Pat Project Manager", "Jo Consultant", "Kim Presales", "Lou Support"],
        ["teamEmail"] =
        [
            "sam.engineer@benchmark-partner.example", "alex.architect@benchmark-partner.example", "pat.pm@benchmark-partner.example",
            "jo.consultant@benchmark-partner.example", "kim.presales@benchmark-partner.example", "lou.support@benchmark-partner.example",
        ],
        ["keyword"] =
        [
            "cloud migration", "Microsoft 365", "security", "Teams", "Power BI", "data platform", "AI", "ERP", "CRM", "Dynamics 365",
            "Azure", "backup", "networking", "DevOps", "SharePoint", "identity", "compliance", "IoT", "SAP", "training",
            "managed services", "Copilot", "cybersecurity", "data warehouse", "low-code", "Power Apps", "Windows 11",
            "endpoint management", "disaster recovery", "e-commerce",
        ],
        ["partnerCountry"] =
            ["Taiwan", "Japan", "Singapore", "United States", "Germany", "Hong Kong", "Malaysia", "Vietnam", "South Korea", "Australia"],
        ["street"] = ["Zhongshan Rd.", "Xinyi Rd. Sec. 5", "Renai Rd. Sec. 4", "Minsheng E. Rd.", "Guangfu S. Rd.", "Keelung Rd. Sec. 1"],
    };

    public static string Pick(string list, long i)
    {
        var words = Lists[list];
        return words[(int)(i % words.Length)];
    }

    /// <summary>Up to <paramref name="count"/> different values of a list, in the "|a|b|" form of a profile column.</summary>
    public static string Tags(string list, long seed, int count)
    {
        var words = Lists[list];
        var picked = new List<string>();
        for (var salt = 0; picked.Count < Math.Min(count, words.Length) && salt < 100; salt++)
        {
            var word = words[(int)(WebBenchmarkSeed.Draw(seed, 50 + salt) % words.Length)];
            if (!picked.Contains(word))
            {
                picked.Add(word);
            }
        }

        return LeadPortal.Core.Profiles.TagList.Join(picked);
    }

    /// <summary>Company number 0–19,999: mostly "Coastal Robotics Ltd." style names, one in ten Chinese.</summary>
    public static string Company(long c) => c % 10 == 3
        ? ZhCity[c / 10 % ZhCity.Length] + ZhTrade[c / 80 % ZhTrade.Length] + ZhSuffix[c / 800 % ZhSuffix.Length]
        : $"{CompanyPrefix[c % CompanyPrefix.Length]} {CompanyTrade[c / CompanyPrefix.Length % CompanyTrade.Length]} {CompanySuffix[c / (CompanyPrefix.Length * CompanyTrade.Length) % CompanySuffix.Length]}";

    /// <summary>Customer number 0–39,999 (each sends about five leads): the person, one in eight with a Chinese name.</summary>
    public static string Contact(long customer)
    {
        var p = Person(customer);
        return p % 8 == 5
            ? ZhSurname[p % ZhSurname.Length] + ZhGiven[p / ZhSurname.Length % ZhGiven.Length]
            : $"{FirstNames[p % FirstNames.Length]} {LastNames[p / FirstNames.Length % LastNames.Length]}";
    }

    public static string Email(long customer)
    {
        var p = Person(customer);
        var company = customer % 20000;
        var domain = company % 10 == 3
            ? $"tw{company}.example"
            : $"{CompanyPrefix[company % CompanyPrefix.Length]}{CompanyTrade[company / CompanyPrefix.Length % CompanyTrade.Length]}.example";
        var local = p % 8 == 5 ? $"contact{p}" : $"{FirstNames[p % FirstNames.Length]}.{LastNames[p / FirstNames.Length % LastNames.Length]}";
        return $"{local}@{domain}".ToLowerInvariant();
    }

    /// <summary>Partner number 0, 1, …: "Swift Byte Labs" style names, unique for the first 2,000.</summary>
    public static string Partner(long n)
    {
        var combinations = PartnerFirst.Length * PartnerSecond.Length;
        var name = $"{PartnerFirst[n % PartnerFirst.Length]} {PartnerSecond[n / PartnerFirst.Length % PartnerSecond.Length]} {PartnerSuffix[(n * 3 + (n / PartnerFirst.Length)) % PartnerSuffix.Length]}";
        return n < combinations ? name : $"{name} {(n / combinations) + 1}";
    }

    /// <summary>Spreads the customers over the names, so a name does not follow its company.</summary>
    private static long Person(long customer) => WebBenchmarkSeed.Draw(customer, 77) % 40000;
}
