using System.Diagnostics;
using System.Globalization;
using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Infrastructure;

/// <summary>
/// <c>dotnet run -c Release --project src/LeadPortal.Web -- benchmark-expiry [--leads 100000] [--postgres "Host=…;Database=new"]</c>:
/// seeds a fresh SQLite file (or, with <c>--postgres</c>, a new PostgreSQL database) with that many overdue Received
/// leads (in SQL, so seeding costs the process no memory), runs the expiry job once and prints the time it took and the
/// process's peak memory.
/// </summary>
internal static class ExpiryBenchmark
{
    public const string Name = "benchmark-expiry";

    public static string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"leadportal-benchmark-{Environment.ProcessId}.db");

    public static IEnumerable<KeyValuePair<string, string?>> SettingsFor(string[] args)
    {
        var index = Array.IndexOf(args, "--postgres");
        return index >= 0 && index + 1 < args.Length
            ? [new("Database:Provider", "PostgreSql"), new("ConnectionStrings:LeadPortal", args[index + 1]), new("Jobs:RunServer", "false")]
            : [new("Database:Provider", "Sqlite"), new("ConnectionStrings:LeadPortal", $"Data Source={DatabasePath}"), new("Jobs:RunServer", "false")];
    }

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var index = Array.IndexOf(args, "--leads");
        var count = index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : 100_000;
        try
        {
            await services.PrepareDatabaseAsync(seedDemoData: false);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LeadPortalDbContext>();
            var setup = scope.ServiceProvider.GetRequiredService<LeadPortal.Infrastructure.Identity.OrganizationSetup>();
            var organization = await setup.EnsureOrganizationAsync("Benchmark Partner");
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

            var seeding = Stopwatch.StartNew();
            await SeedOverdueLeadsAsync(db, organization.Id, count, now);
            seeding.Stop();
            Console.WriteLine($"seeded {count:N0} overdue leads in {seeding.Elapsed.TotalSeconds:F1} s");

            GC.Collect();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var peakBefore = process.PeakWorkingSet64;

            var job = scope.ServiceProvider.GetRequiredService<LeadExpiryJob>();
            var timer = Stopwatch.StartNew();
            var expired = await job.RunAsync(CancellationToken.None);
            timer.Stop();

            process.Refresh();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var history = await db.Leads.Where(l => l.Outcome == LeadOutcome.Expired).SelectMany(l => l.History).CountAsync(h => h.Action == LeadAction.Expire);
            var messages = await db.OutboxMessages.CountAsync();
            Console.WriteLine($"expiry job: {expired:N0} leads expired in {timer.Elapsed.TotalSeconds:F2} s ({expired / timer.Elapsed.TotalSeconds:N0} leads/s)");
            Console.WriteLine($"history entries written: {history:N0}; outbox messages written: {messages:N0}");
            Console.WriteLine($"peak working set: {process.PeakWorkingSet64 / 1048576.0:F0} MiB (before the job: {peakBefore / 1048576.0:F0} MiB); managed allocations during the job: {allocated / 1048576.0:F0} MiB");
            return expired == count && history == count && messages == count ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(DatabasePath + suffix);
            }
        }
    }

    private static async Task SeedOverdueLeadsAsync(LeadPortalDbContext db, int organizationId, int count, DateTime now)
    {
        var received = now.AddDays(-20);
        var deadline = now.AddDays(-6);
        const string Leads = """
            INSERT INTO "Leads" ("OrganizationId", "Type", "Stage", "CustomerCompanyName", "CustomerContactName", "CustomerEmail",
                "CustomerCountry", "Need", "SenderKind", "SenderName", "SenderEmail", "ContactRequested", "ReceivedAtUtc",
                "ResponseDeadlineUtc", "UpdatedAtUtc", "Version", "ContactUrgencyLapsed")
            SELECT {1}, 'SalesQualified', 'Received', 'Customer ' || n, 'Contact ' || n, 'c' || n || '@example.com',
                'Taiwan', 'A need', 'PlatformStaff', 'Seller', 'seller@example.com',
            """;
        const string History = """
            INSERT INTO "LeadHistory" ("Id", "LeadId", "Sequence", "AtUtc", "Actor", "Action", "FromStage", "ToStage", "Changes")
            """;
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync(Leads + """
                FALSE, {2}, {3}, {2}, gen_random_uuid(), FALSE FROM generate_series(1, {0}) AS n
                """, count, organizationId, received, deadline);
            await db.Database.ExecuteSqlRawAsync(History + """
                SELECT gen_random_uuid(), "Id", 1, "ReceivedAtUtc", 'Seller', 'Receive', NULL, 'Received', '[]' FROM "Leads"
                """);
            await db.Database.ExecuteSqlRawAsync("""ANALYZE "Leads", "LeadHistory" """);
            return;
        }

        const string RandomGuid =
            "upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6)))";
        await db.Database.ExecuteSqlRawAsync("WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < {0})\n" + Leads + $$"""
            0, {2}, {3}, {2}, {{RandomGuid}}, 0 FROM seq
            """, count, organizationId, received, deadline);
        await db.Database.ExecuteSqlRawAsync(History + $"""
            SELECT {RandomGuid}, "Id", 1, "ReceivedAtUtc", 'Seller', 'Receive', NULL, 'Received', '[]' FROM "Leads"
            """);
    }
}
