namespace LeadPortal.Web.Tests.Support;

/// <summary>
/// Which runs of the suite a test belongs to. The suite runs once per provider (see <see cref="TestDatabase"/>); the
/// PostgreSQL run leaves out, with <c>--filter "Runs!=SqliteOnly&amp;Runs!=WithoutADatabase"</c>, the tests that read
/// SQLite's own plans and those that use no portal database at all (they ran in the SQLite run already).
/// </summary>
public static class Runs
{
    public const string Trait = "Runs";
    public const string OnSqliteOnly = "SqliteOnly";
    public const string WithoutADatabase = "WithoutADatabase";
}
