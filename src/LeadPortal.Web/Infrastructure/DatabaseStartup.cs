using LeadPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Infrastructure;

internal static class DatabaseStartup
{
    /// <summary>Applies the provider's migrations, then, in Development only, adds the demo organizations and leads.</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, bool seedDemoData)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeadPortalDbContext>();
        await db.Database.MigrateAsync();
        if (seedDemoData)
        {
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
        }
    }
}
