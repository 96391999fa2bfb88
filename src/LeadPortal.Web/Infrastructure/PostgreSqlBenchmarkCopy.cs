using System.Diagnostics;
using System.Globalization;
using LeadPortal.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace LeadPortal.Web.Infrastructure;

/// <summary>
/// <c>benchmark-seed … --postgres "Host=…;Database=…"</c>: after the SQLite file is seeded, migrates the (new, empty)
/// PostgreSQL database and copies every table the seed wrote into it with binary COPY, in foreign-key order, so the
/// benchmark runs on PostgreSQL over the same data. The tables the database keeps itself (the counts, the search
/// text) are not copied: PostgreSQL's own triggers derive them from the copied leads and favorites, as they would in
/// production.
/// </summary>
internal static class PostgreSqlBenchmarkCopy
{
    private static readonly HashSet<string> DerivedTables =
        ["LeadStatusCounts", "LeadDailyCounts", "FavoriteStatusCounts", "LeadSearch", "DataProtectionKeys"];

    public static async Task RunAsync(string sqlitePath, string postgres)
    {
        var timer = Stopwatch.StartNew();
        var options = new DbContextOptionsBuilder<PostgreSqlLeadPortalDbContext>().UseNpgsql(postgres).Options;
        await using (var context = new PostgreSqlLeadPortalDbContext(options))
        {
            await context.Database.MigrateAsync();
            var tables = InForeignKeyOrder(context.Model.GetRelationalModel().Tables.Where(t => !DerivedTables.Contains(t.Name)));

            await using var source = new SqliteConnection($"Data Source={sqlitePath};Mode=ReadOnly");
            await source.OpenAsync();
            await using var target = new NpgsqlConnection(postgres);
            await target.OpenAsync();
            foreach (var table in tables)
            {
                var rows = await CopyAsync(source, target, table);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  copied {rows:N0} rows of {table.Name}"));
            }

            // Identity columns were given explicit ids: the next generated id follows the copied ones.
            foreach (var table in tables.Where(t => t.Columns.Any(c => c.Name == "Id" && c.StoreType is "bigint" or "integer")))
            {
                await using var reseed = new NpgsqlCommand(
                    $"""SELECT setval(pg_get_serial_sequence('"{table.Name}"', 'Id'), (SELECT max("Id") FROM "{table.Name}")) WHERE pg_get_serial_sequence('"{table.Name}"', 'Id') IS NOT NULL AND EXISTS (SELECT 1 FROM "{table.Name}")""",
                    target);
                await reseed.ExecuteNonQueryAsync();
            }

            await using var analyze = new NpgsqlCommand("ANALYZE", target);
            await analyze.ExecuteNonQueryAsync();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"copied into PostgreSQL in {timer.Elapsed.TotalSeconds:F1} s"));
    }

    private static List<ITable> InForeignKeyOrder(IEnumerable<ITable> tables)
    {
        var pending = tables.ToList();
        var ordered = new List<ITable>();
        while (pending.Count > 0)
        {
            var ready = pending.Where(t => t.ForeignKeyConstraints.All(fk => fk.PrincipalTable == t || ordered.Contains(fk.PrincipalTable) || !pending.Contains(fk.PrincipalTable))).ToList();
            if (ready.Count == 0)
            {
                throw new InvalidOperationException("The tables' foreign keys form a cycle: " + string.Join(", ", pending.Select(t => t.Name)));
            }

            ordered.AddRange(ready);
            pending.RemoveAll(ready.Contains);
        }

        return ordered;
    }

    private static async Task<long> CopyAsync(SqliteConnection source, NpgsqlConnection target, ITable table)
    {
        var columns = table.Columns.Where(c => c.ComputedColumnSql is null).ToList();
        var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        await using var read = source.CreateCommand();
        read.CommandText = $"""SELECT {names} FROM "{table.Name}" """;
        await using var reader = await read.ExecuteReaderAsync();
        await using var writer = await target.BeginBinaryImportAsync($"""COPY "{table.Name}" ({names}) FROM STDIN (FORMAT BINARY)""");
        var types = columns.Select(c => TypeOf(c.StoreType)).ToArray();
        while (await reader.ReadAsync())
        {
            await writer.StartRowAsync();
            for (var i = 0; i < columns.Count; i++)
            {
                if (await reader.IsDBNullAsync(i))
                {
                    await writer.WriteNullAsync();
                    continue;
                }

                object value = types[i] switch
                {
                    NpgsqlDbType.Bigint => reader.GetInt64(i),
                    NpgsqlDbType.Integer => reader.GetInt32(i),
                    NpgsqlDbType.Boolean => reader.GetInt64(i) != 0,
                    NpgsqlDbType.Uuid => Guid.Parse(reader.GetString(i)),
                    NpgsqlDbType.Date => DateOnly.Parse(reader.GetString(i), CultureInfo.InvariantCulture),
                    NpgsqlDbType.TimestampTz => DateTime.Parse(reader.GetString(i), CultureInfo.InvariantCulture,
                        DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                    _ => reader.GetString(i),
                };
                await writer.WriteAsync(value, types[i]);
            }
        }

        return (long)await writer.CompleteAsync();
    }

    private static NpgsqlDbType TypeOf(string storeType) => storeType switch
    {
        "bigint" => NpgsqlDbType.Bigint,
        "integer" => NpgsqlDbType.Integer,
        "boolean" => NpgsqlDbType.Boolean,
        "uuid" => NpgsqlDbType.Uuid,
        "date" => NpgsqlDbType.Date,
        "timestamp with time zone" => NpgsqlDbType.TimestampTz,
        _ when storeType == "text" || storeType.StartsWith("character varying", StringComparison.Ordinal) => NpgsqlDbType.Text,
        _ => throw new NotSupportedException($"No copy for the column type {storeType}."),
    };
}
