using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Text.RegularExpressions;
using LeadPortal.Infrastructure;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Infrastructure.Jobs;
using LeadPortal.Web.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LeadPortal.Web.Tests;

/// <summary>
/// Every query a list, count, search, insights, export or lead page runs is explained by SQLite's EXPLAIN QUERY PLAN:
/// none may scan the leads table (or a whole index of it), and none but a search or the Favorites tab (which sort
/// their few matches) may sort with a temporary B-tree. So a change that loses an index fails here, not in production.
/// </summary>
public sealed partial class QueryPlanTests(QueryPlanTests.CapturingFactory factory, ITestOutputHelper output)
    : IClassFixture<QueryPlanTests.CapturingFactory>
{
    public sealed class CapturingFactory : PortalFactory
    {
        public CommandCapture Capture { get; } = new();

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                services.ConfigureDbContext<SqliteLeadPortalDbContext>(options => options.AddInterceptors(Capture));
                services.ConfigureDbContext<PostgreSqlLeadPortalDbContext>(options => options.AddInterceptors(Capture));
            });
        }
    }

    /// <summary>Keeps the text and parameters of each SELECT, in the order they ran.</summary>
    public sealed class CommandCapture : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<(string Sql, (string Name, object? Value)[] Parameters, bool Cancellable)> _commands = new();

        /// <summary>When set, a query blocks until its cancellation token fires, and the token is handed here.</summary>
        public TaskCompletionSource<CancellationToken>? Hold { get; set; }

        public IReadOnlyList<(string Sql, (string Name, object? Value)[] Parameters, bool Cancellable)> Drain()
        {
            var list = new List<(string, (string, object?)[], bool)>();
            while (_commands.TryDequeue(out var command))
            {
                list.Add(command);
            }

            return list;
        }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("SELECT", StringComparison.Ordinal))
            {
                _commands.Enqueue((command.CommandText,
                    [.. command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value))], cancellationToken.CanBeCanceled));
                if (Hold is { } hold && command.CommandText.Contains("\"LeadDailyCounts\"", StringComparison.Ordinal))
                {
                    hold.TrySetResult(cancellationToken);
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
            }

            return result;
        }

        /// <summary>Keeps the set-based updates of leads too (the jobs'), which are explained like the queries.</summary>
        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.StartsWith("UPDATE \"Leads\" AS", StringComparison.Ordinal))
            {
                _commands.Enqueue((command.CommandText,
                    [.. command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value))], cancellationToken.CanBeCanceled));
            }

            return ValueTask.FromResult(result);
        }
    }

    public static TheoryData<string, bool> Pages => new()
    {
        { "/leads/marketplace", false },
        { "/leads/marketplace?stage=received", false },
        { "/leads/marketplace?stage=accepted", false },
        { "/leads/marketplace?stage=archived", false },
        { "/leads/marketplace?stage=archived&outcome=won", false },
        { "/leads/marketplace?sort=deadline", false },
        { "/leads/marketplace?sort=value", false },
        { "/leads/marketplace?sort=value&dir=asc&stage=accepted", false },
        { "/leads/marketplace?after=639000000000000000_100", false },
        { "/leads/marketplace?sort=deadline&before=639000000000000000_100", false },
        { "/leads/marketplace?sort=value&after=500000_100", false },
        { "/leads/qualified", false },
        { "/leads/qualified?type=salesqualified&stage=received&sort=deadline&dir=asc", false },
        { "/leads/qualified?stage=archived&after=639000000000000000_100", false },
        { "/leads/marketplace/export.csv", false },
        { "/leads/qualified/export.csv?sort=value&stage=archived", false },
        { "/insights?period=30", false },
        { "/insights?period=365", false },
        { "/leads/marketplace?q=Coho", true },
        { "/leads/qualified?q=jordan%40&sort=deadline", true },
        { "/leads/favorites", true },
    };

    [Theory]
    [Trait(Runs.Trait, Runs.OnSqliteOnly)]
    [MemberData(nameof(Pages))]
    public async Task Page_ReadsLeadsThroughIndexes(string url, bool sortsItsMatches)
    {
        await factory.SeededAsync();
        using var client = await factory.SignInAsync("admin@contoso.test");
        factory.Capture.Drain();

        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await response.Content.ReadAsByteArrayAsync();

        var captured = factory.Capture.Drain();
        Assert.All(captured, c => Assert.True(c.Cancellable, $"runs without the request's cancellation token: {c.Sql}"));
        var commands = captured.Where(c => c.Sql.Contains("\"Leads\"", StringComparison.Ordinal)
            || c.Sql.Contains("\"LeadStatusCounts\"", StringComparison.Ordinal) || c.Sql.Contains("\"LeadDailyCounts\"", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(commands);
        var problems = new List<string>();
        foreach (var (sql, parameters, _) in commands)
        {
            var plan = await ExplainAsync(sql, parameters);
            var shown = string.Join('\n', plan.Select(p => $"{p.Id}<{p.Parent}: {p.Detail}"));
            output.WriteLine(sql + "\n--\n" + shown + "\n====");
            var leadAliases = LeadAlias().Matches(sql).Select(m => m.Groups[1].Value).ToHashSet();
            // A tab's page merges the first rows of each partition (a LIMITed subquery, run as a co-routine): sorting
            // those few rows is the plan. Any other sort is of a whole filter's rows.
            var coroutines = plan.Select(p => CoRoutine().Match(p.Detail)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToHashSet();
            var sortsMergedPartitions = plan.Where(p => ScanLine().Match(p.Detail) is { Success: true } m && coroutines.Contains(m.Groups[1].Value))
                .Select(p => p.Parent).ToHashSet();
            if (!sortsItsMatches && leadAliases.Count > 0 && sql.Contains("GROUP BY", StringComparison.Ordinal))
            {
                problems.Add($"counts leads on each request\n  in {sql}");
            }

            foreach (var (_, parent, detail) in plan)
            {
                var scan = ScanLine().Match(detail);
                if (scan.Success && leadAliases.Contains(scan.Groups[1].Value))
                {
                    problems.Add($"{detail}\n{shown}\n  in {sql}");
                }

                if (!sortsItsMatches && detail.StartsWith("USE TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal)
                    && !sortsMergedPartitions.Contains(parent))
                {
                    problems.Add($"{detail}\n{shown}\n  in {sql}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
    }

    [Fact]
    [Trait(Runs.Trait, Runs.OnSqliteOnly)]
    public async Task Jobs_FindTheirLeadsThroughThePartialIndexes_AndTheExpiryUpdatesByIds()
    {
        await factory.SeededAsync();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        await factory.AddLeadAsync("contoso", now.AddDays(-15));
        await factory.AddLeadAsync("contoso", now.AddDays(-4), contactRequested: true);
        factory.Capture.Drain();

        using (var scope = factory.Services.CreateScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<LeadExpiryJob>().RunAsync(CancellationToken.None) >= 1);
            Assert.True((await scope.ServiceProvider.GetRequiredService<ContactUrgencyJob>().RunAsync(CancellationToken.None)).UrgencyLapsed >= 1);
        }

        var plans = new List<string>();
        foreach (var (sql, parameters, _) in factory.Capture.Drain().Where(c => LeadAlias().IsMatch(c.Sql)))
        {
            var plan = await ExplainAsync(sql, parameters);
            var shown = string.Join('\n', plan.Select(p => p.Detail));
            output.WriteLine(sql + "\n--\n" + shown + "\n====");
            Assert.DoesNotContain(plan, p => ScanLine().IsMatch(p.Detail) || p.Detail.StartsWith("USE TEMP B-TREE", StringComparison.Ordinal));
            plans.Add(shown);
        }

        Assert.Contains(plans, p => p.Contains("IX_Leads_Received_ResponseDeadlineUtc", StringComparison.Ordinal));
        Assert.Contains(plans, p => p.Contains("IX_Leads_OpenContactRequests", StringComparison.Ordinal));

        // Without statistics SQLite would take the deadline index for the update's own conditions and read every
        // Received lead for each batch; the update goes by its ids.
        var update = ExpirySql.For(DatabaseProvider.Sqlite, [1, 2, 3]).Update;
        var updatePlan = await ExplainAsync(update.Replace("{0}", "'2026-01-01 00:00:00'", StringComparison.Ordinal).Replace("{1}", "'x'", StringComparison.Ordinal), []);
        Assert.Equal("SEARCH Leads USING INTEGER PRIMARY KEY (rowid=?)", Assert.Single(updatePlan).Detail);
    }

    [Fact]
    public async Task LeadPage_ReadsEachCollectionInItsOwnQuery()
    {
        await factory.SeededAsync();
        var id = await factory.WithDbAsync(db => db.Leads.Where(l => l.TeamMembers.Any()).Select(l => l.Id).FirstAsync());
        using var client = await factory.SignInAsync("admin@contoso.test");
        factory.Capture.Drain();

        var response = await client.GetAsync($"/leads/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var commands = factory.Capture.Drain().Select(c => c.Sql).ToList();
        Assert.DoesNotContain(commands, sql => sql.Contains("\"LeadHistory\"", StringComparison.Ordinal) && sql.Contains("\"LeadTeamMembers\"", StringComparison.Ordinal));
        Assert.Contains(commands, sql => sql.Contains("\"LeadHistory\"", StringComparison.Ordinal));
        Assert.Contains(commands, sql => sql.Contains("\"LeadTeamMembers\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AbandonedRequest_CancelsItsQuery()
    {
        await factory.SeededAsync();
        using var client = await factory.SignInAsync("admin@contoso.test");
        var held = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        factory.Capture.Hold = held;
        try
        {
            using var abandon = new CancellationTokenSource();
            var request = client.Http.GetAsync("/insights?period=365", abandon.Token);
            var queryToken = await held.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.False(queryToken.IsCancellationRequested);

            await abandon.CancelAsync();

            var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var registration = queryToken.Register(() => stopped.TrySetResult());
            await stopped.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        }
        finally
        {
            factory.Capture.Hold = null;
        }
    }

    private async Task<List<(int Id, int Parent, string Detail)>> ExplainAsync(string sql, (string Name, object? Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var lines = new List<(int, int, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add((reader.GetInt32(0), reader.GetInt32(1), reader.GetString(3)));
        }

        return lines;
    }

    [GeneratedRegex("\"Leads\" AS \"(\\w+)\"")]
    private static partial Regex LeadAlias();

    [GeneratedRegex("^CO-ROUTINE (\\w+)")]
    private static partial Regex CoRoutine();

    [GeneratedRegex("^SCAN (\\w+)")]
    private static partial Regex ScanLine();
}
