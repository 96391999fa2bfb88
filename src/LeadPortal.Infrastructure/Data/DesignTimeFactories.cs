using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LeadPortal.Infrastructure.Data;

// Used by `dotnet ef` only: migrations are generated per provider without starting the web app.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteLeadPortalDbContext>
{
    public SqliteLeadPortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteLeadPortalDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerLeadPortalDbContext>
{
    public SqlServerLeadPortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerLeadPortalDbContext>()
            .UseSqlServer("Server=localhost;Database=LeadPortal;Integrated Security=true;TrustServerCertificate=true").Options);
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlLeadPortalDbContext>
{
    public PostgreSqlLeadPortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlLeadPortalDbContext>().UseNpgsql("Host=localhost;Database=leadportal;Username=postgres").Options);
}
