using System.Text.RegularExpressions;
using LeadPortal.Infrastructure;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Infrastructure.Jobs;
using LeadPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace LeadPortal.Web.Tests;

/// <summary>
/// No SQL Server runs here, so the raw T-SQL the portal sends to one (the migrations' triggers and backfills, the
/// expiry job's statements) is parsed with Microsoft's own T-SQL parser: a syntax error fails CI instead of the first
/// deployment. Whether it does the right thing is tested on the providers that run (the same logic on PostgreSQL and
/// SQLite); this checks that SQL Server would accept it.
/// </summary>
[Trait(Runs.Trait, Runs.WithoutADatabase)]
public sealed partial class SqlServerScriptTests
{
    private static SqlServerLeadPortalDbContext Context() => new(new DbContextOptionsBuilder<SqlServerLeadPortalDbContext>()
        .UseSqlServer("Server=scripts.invalid;Database=LeadPortal;Trusted_Connection=True;TrustServerCertificate=True").Options);

    private static IList<ParseError> Parse(string sql)
    {
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        return errors;
    }

    private static string Describe(IList<ParseError> errors) =>
        string.Join("\n", errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}"));

    [Fact]
    public void EveryMigrationCommand_IsValidTSql()
    {
        using var db = Context();
        var migrations = db.GetService<IMigrationsAssembly>();
        var generator = db.GetService<IMigrationsSqlGenerator>();
        var commands = migrations.Migrations.OrderBy(m => m.Key)
            .SelectMany(m => generator.Generate(migrations.CreateMigration(m.Value, db.Database.ProviderName!).UpOperations))
            .Select(c => c.CommandText)
            .ToList();

        // Each command is sent on its own (a CREATE TRIGGER must begin its batch), so each is parsed on its own.
        Assert.All(commands, command =>
        {
            var errors = Parse(command);
            Assert.True(errors.Count == 0, Describe(errors) + "\n" + command);
        });
        Assert.Contains(commands, c => c.Contains("CREATE TRIGGER [Leads_Tallies]", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Contains("CREATE TRIGGER [FavoriteLeads_Counts]", StringComparison.Ordinal));
    }

    [Fact]
    public void ExpiryStatements_AreValidTSql()
    {
        var sql = ExpirySql.For(DatabaseProvider.SqlServer, [1, 2, 3]);

        foreach (var statement in new[] { sql.History, sql.Notifications, sql.Webhooks })
        {
            // EF sends the {n} placeholders as parameters @p0, @p1, …
            var errors = Parse(Placeholder().Replace(statement, "@p$1"));
            Assert.True(errors.Count == 0, Describe(errors) + "\n" + statement);
        }

        Assert.Contains("NEWID()", sql.History, StringComparison.Ordinal);
        Assert.Contains("NOT EXISTS", sql.Notifications, StringComparison.Ordinal);
    }

    [Fact]
    public void TheParser_RefusesPostgreSqlsVariant()
    {
        // The control: the check above would catch a statement written for another server.
        var postgres = ExpirySql.For(DatabaseProvider.PostgreSql, [1, 2, 3]).Notifications;

        Assert.NotEmpty(Parse(Placeholder().Replace(postgres, "@p$1")));
    }

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();
}
