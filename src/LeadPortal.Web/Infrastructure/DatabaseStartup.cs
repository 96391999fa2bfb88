using LeadPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Infrastructure;

internal static class DatabaseStartup
{
    /// <summary>
    /// Applies the provider's migrations and converts the history entries written as text before them, then, in
    /// Development only, adds the demo organizations and leads.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, bool seedDemoData)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadPortalDbContext>();
        await db.Database.MigrateAsync();
        await LegacyHistoryConversion.RunAsync(db);
        if (db.Database.IsSqlite())
        {
            // SQLite plans without statistics assume an equality on an index matches ten rows, and would walk an
            // organization's leads to find a search's or the hearts' few ids. ANALYZE (bounded by analysis_limit)
            // tells it the sizes; servers keep their statistics themselves.
            await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit = 1000; ANALYZE;");
        }

        if (seedDemoData)
        {
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
        }
    }
}
