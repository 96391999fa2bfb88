using LeadPortal.Core.Leads;
using LeadPortal.Core.Organizations;
using LeadPortal.Core.Profiles;
using LeadPortal.Infrastructure.Identity;
using LeadPortal.Infrastructure.Notifications;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LeadPortal.Infrastructure.Data;

/// <summary>
/// The portal's one unit of work, with the Identity tables. Each database provider has a subclass
/// (<see cref="SqliteLeadPortalDbContext"/>, <see cref="SqlServerLeadPortalDbContext"/>, <see cref="PostgreSqlLeadPortalDbContext"/>)
/// that owns its migrations.
/// </summary>
public abstract class LeadPortalDbContext(DbContextOptions options) : IdentityDbContext<ApplicationUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Lead> Leads => Set<Lead>();
    public DbSet<FavoriteLead> FavoriteLeads => Set<FavoriteLead>();

    /// <summary>The keys that protect sign-in cookies and antiforgery tokens, shared by every instance of the portal.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<BusinessProfile> BusinessProfiles => Set<BusinessProfile>();
    public DbSet<Api.ApiKey> ApiKeys => Set<Api.ApiKey>();
    public DbSet<Api.ReferralSubmission> ReferralSubmissions => Set<Api.ReferralSubmission>();

    /// <summary>Kept by the database from <see cref="Leads"/>; read only.</summary>
    public IQueryable<LeadStatusCount> LeadStatusCounts => Set<LeadStatusCount>().AsNoTracking();
    public IQueryable<FavoriteStatusCount> FavoriteStatusCounts => Set<FavoriteStatusCount>().AsNoTracking();

    /// <summary>Kept by the database from <see cref="Leads"/>; read only.</summary>
    public IQueryable<LeadDailyCount> LeadDailyCounts => Set<LeadDailyCount>().AsNoTracking();

    /// <summary>Kept by the database from <see cref="Leads"/>; read only.</summary>
    public IQueryable<LeadSearchEntry> LeadSearch => Set<LeadSearchEntry>().AsNoTracking();

    /// <summary>The computed column the Value sort orders by: the deal's value in minor units, or -1 for a lead without a deal.</summary>
    public const string DealSortValue = nameof(DealSortValue);

    /// <summary>The only way to read leads for a signed-in user: another organization's leads do not exist here.</summary>
    public IQueryable<Lead> LeadsOf(int organizationId) => Leads.Where(l => l.OrganizationId == organizationId);

    /// <summary>
    /// Saves, and writes the outbox messages that the saved leads' events call for in the same transaction,
    /// so a notification exists exactly when its change does.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var leads = ChangeTracker.Entries<Lead>().Select(e => e.Entity).Where(l => l.Events.Count > 0).ToList();
        if (leads.Count > 0)
        {
            await OutboxWriter.AddMessagesAsync(this, [.. leads.SelectMany(l => l.Events)], cancellationToken);
        }

        int written;
        try
        {
            written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateException e) when (leads.Count > 0 && e is not DbUpdateConcurrencyException && IsDuplicateOutboxMessage(e.InnerException))
        {
            // Two saves of the same change raced, and the other committed first. A server that runs a save's statements
            // as one batch (PostgreSQL, SQL Server) reports the message the winner already queued (the outbox's unique
            // index) before EF sees that the lead's version check matched no row: it is the same lost race.
            throw new DbUpdateConcurrencyException("The lead was changed by another save at the same time.", e);
        }

        leads.ForEach(l => l.ClearEvents());
        return written;
    }

    private static bool IsDuplicateOutboxMessage(Exception? error) => error switch
    {
        Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation } pg => pg.TableName == "OutboxMessages" || pg.ConstraintName?.Contains("OutboxMessages", StringComparison.Ordinal) == true,
        Microsoft.Data.Sqlite.SqliteException { SqliteExtendedErrorCode: 2067 } sqlite => sqlite.Message.Contains("OutboxMessages.", StringComparison.Ordinal),
        Microsoft.Data.SqlClient.SqlException { Number: 2601 or 2627 } sql => sql.Message.Contains("OutboxMessages", StringComparison.Ordinal),
        _ => false,
    };

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(LeadPortalDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    /// <summary>SQLite hands times back without a kind; every time in the portal is UTC.</summary>
    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v.HasValue ? (v.Value.Kind == DateTimeKind.Utc ? v.Value : v.Value.ToUniversalTime()) : v,
        v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}

public sealed class SqliteLeadPortalDbContext(DbContextOptions<SqliteLeadPortalDbContext> options) : LeadPortalDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // An FTS5 table's key is its rowid, which is the lead's id.
        builder.Entity<LeadSearchEntry>().Property(e => e.LeadId).HasColumnName("rowid");
    }
}

public sealed class SqlServerLeadPortalDbContext(DbContextOptions<SqlServerLeadPortalDbContext> options) : LeadPortalDbContext(options);

public sealed class PostgreSqlLeadPortalDbContext(DbContextOptions<PostgreSqlLeadPortalDbContext> options) : LeadPortalDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // PostgreSQL 15 has stored generated columns only.
        builder.Entity<Lead>().Property<long>(DealSortValue).HasComputedColumnSql("COALESCE(\"DealValueMinor\", -1)", stored: true);
    }
}
