using Npgsql;

namespace LeadPortal.Web.Tests.Support;

/// <summary>
/// The database one portal under test runs on: a SQLite file of its own (the default), or, when
/// <c>LEADPORTAL_TEST_DATABASE=PostgreSql</c>, a PostgreSQL database of its own on the server named by
/// <c>LEADPORTAL_TEST_POSTGRES</c> (./test.sh starts a throw-away cluster and sets both). Created by the first
/// migration, dropped with the fixture.
/// </summary>
public abstract class TestDatabase : IDisposable
{
    public const string ProviderVariable = "LEADPORTAL_TEST_DATABASE";
    public const string ServerVariable = "LEADPORTAL_TEST_POSTGRES";

    /// <summary>The provider this test run uses: the same test classes run once per provider.</summary>
    public static bool OnPostgreSql { get; } =
        string.Equals(Environment.GetEnvironmentVariable(ProviderVariable), "PostgreSql", StringComparison.OrdinalIgnoreCase);

    public abstract string Provider { get; }

    public abstract string ConnectionString { get; }

    public static TestDatabase Create() => OnPostgreSql ? new PostgreSqlTestDatabase() : new SqliteTestDatabase();

    public void Dispose()
    {
        Drop();
        GC.SuppressFinalize(this);
    }

    protected abstract void Drop();
}

public sealed class SqliteTestDatabase : TestDatabase
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"leadportal-test-{Guid.NewGuid():N}.db");

    public override string Provider => "Sqlite";

    public override string ConnectionString => $"Data Source={Path};Pooling=False";

    protected override void Drop()
    {
        foreach (var path in new[] { Path, Path + "-wal", Path + "-shm" })
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // A file still held by a closing connection is left to the temp folder's cleanup.
            }
        }
    }
}

public sealed class PostgreSqlTestDatabase : TestDatabase
{
    private readonly string _server;

    public PostgreSqlTestDatabase()
    {
        _server = Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"{ProviderVariable}=PostgreSql needs {ServerVariable}, the connection string of a PostgreSQL server on which the tests may create " +
                "and drop databases (./test.sh installs PostgreSQL, starts a throw-away cluster and sets both).");
        Name = $"leadportal_test_{Guid.NewGuid():N}";
        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = Name, IncludeErrorDetail = true }.ConnectionString;
    }

    public string Name { get; }

    public override string Provider => "PostgreSql";

    public override string ConnectionString { get; }

    protected override void Drop()
    {
        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Database = "postgres", Pooling = false }.ConnectionString);
        admin.Open();
        using var drop = new NpgsqlCommand($"""DROP DATABASE IF EXISTS "{Name}" WITH (FORCE)""", admin);
        drop.ExecuteNonQuery();
    }
}
