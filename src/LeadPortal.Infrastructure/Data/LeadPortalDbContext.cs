using LeadPortal.Core.Leads;
using LeadPortal.Core.Organizations;
using LeadPortal.Core.Profiles;
using LeadPortal.Infrastructure.Identity;
using LeadPortal.Infrastructure.Notifications;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LeadPortal.Infrastructure.Data;

/// <summary>
/// The portal's one unit of work, with the Identity tables. Each database provider has a subclass
/// (<see cref="SqliteLeadPortalDbContext"/>, <see cref="SqlServerLeadPortalDbContext"/>, <see cref="PostgreSqlLeadPortalDbContext"/>)
/// that owns its migrations.
/// </summary>
public abstract class LeadPortalDbContext(DbContextOptions options, IOrganizationScope? scope) : IdentityDbContext<ApplicationUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    /// <summary>
    /// Whether this unit of work is scoped to an organization: made in a web request. Such a context has the model with
    /// the query filters; one made outside a request (a job, the command line) the model without them.
    /// </summary>
    internal bool IsOrganizationScoped { get; } = scope?.OrganizationId is not null;

    /// <summary>Read by the query filters on every query (EF sends it as a parameter).</summary>
    private int ScopedOrganizationId => scope?.OrganizationId ?? IOrganizationScope.Nobody;

    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Lead> Leads => Set<Lead>();

    /// <summary>The leads of every organization, whatever the scope: for the jobs, which sweep them all.</summary>
    public IQueryable<Lead> EveryOrganizationsLeads => Leads.IgnoreQueryFilters();
    public DbSet<FavoriteLead> FavoriteLeads => Set<FavoriteLead>();

    /// <summary>The keys that protect sign-in cookies and antiforgery tokens, shared by every instance of the portal.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<BusinessProfile> BusinessProfiles => Set<BusinessProfile>();
    public DbSet<Api.ApiKey> ApiKeys => Set<Api.ApiKey>();
    public DbSet<Api.ReferralSubmission> ReferralSubmissions => Set<Api.ReferralSubmission>();
    public DbSet<TeamInvitation> TeamInvitations => Set<TeamInvitation>();
    public DbSet<TeamAuditEntry> TeamAuditEntries => Set<TeamAuditEntry>();

    /// <summary>Kept by the database from <see cref="Leads"/>; read only.</summary>
    public IQueryable<LeadStatusCount> LeadStatusCounts => Set<LeadStatusCount>().AsNoTracking();
    public IQueryable<FavoriteStatusCount> FavoriteStatusCounts => Set<FavoriteStatusCount>().AsNoTracking();

    /// <summary>Kept by the database from <see cref="Leads"/>; read only.</summary>
    public IQueryable<LeadDailyCount> LeadDailyCounts => Set<LeadDailyCount>().AsNoTracking();

    /// <summary>Kept by the database from <see cref="Leads"/>; read only.</summary>
    public IQueryable<LeadSearchEntry> LeadSearch => Set<LeadSearchEntry>().AsNoTracking();

    /// <summary>The computed column the Value sort orders by: the deal's value in minor units, or -1 for a lead without a deal.</summary>
    public const string DealSortValue = nameof(DealSortValue);

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

        // Scope by construction (IOrganizationScope): in a web request, each entity that belongs to an organization is
        // filtered to the signed-in user's, a plain equality on its indexed OrganizationId. The users are not filtered:
        // Identity finds a user before anyone is signed in (OrganizationScopeModelTests names the exceptions).
        if (IsOrganizationScoped)
        {
            builder.Entity<Lead>().HasQueryFilter(e => e.OrganizationId == ScopedOrganizationId);
            builder.Entity<BusinessProfile>().HasQueryFilter(e => e.OrganizationId == ScopedOrganizationId);
            builder.Entity<Api.ApiKey>().HasQueryFilter(e => e.OrganizationId == ScopedOrganizationId);
            builder.Entity<TeamInvitation>().HasQueryFilter(e => e.OrganizationId == ScopedOrganizationId);
            builder.Entity<TeamAuditEntry>().HasQueryFilter(e => e.OrganizationId == ScopedOrganizationId);
            builder.Entity<FavoriteLead>().HasQueryFilter(e => e.OrganizationId == ScopedOrganizationId);
            builder.Entity<LeadStatusCount>().HasQueryFilter(e => e.OrganizationId == ScopedOrganizationId);
            builder.Entity<FavoriteStatusCount>().HasQueryFilter(e => e.OrganizationId == ScopedOrganizationId);
            builder.Entity<LeadDailyCount>().HasQueryFilter(e => e.OrganizationId == ScopedOrganizationId);
        }
    }

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        optionsBuilder.ReplaceService<IModelCacheKeyFactory, OrganizationScopeModelCacheKeyFactory>()
            // The outbox and the referral submissions point at filtered leads; only the jobs and intake read them, and
            // those ignore the filters.
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));
    }

    /// <summary>Two models per provider: with the organization filters (web requests) and without (see <see cref="IsOrganizationScoped"/>).</summary>
    private sealed class OrganizationScopeModelCacheKeyFactory : IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime) =>
            (context.GetType(), context is LeadPortalDbContext { IsOrganizationScoped: true }, designTime);
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

public sealed class SqliteLeadPortalDbContext(DbContextOptions<SqliteLeadPortalDbContext> options, IOrganizationScope? scope = null)
    : LeadPortalDbContext(options, scope)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // An FTS5 table's key is its rowid, which is the lead's id.
        builder.Entity<LeadSearchEntry>().Property(e => e.LeadId).HasColumnName("rowid");
    }
}

public sealed class SqlServerLeadPortalDbContext(DbContextOptions<SqlServerLeadPortalDbContext> options, IOrganizationScope? scope = null)
    : LeadPortalDbContext(options, scope)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // A filtered index compares a bit column with a value.
        var leads = builder.Entity<Lead>();
        var filter = Configurations.LeadConfiguration.OpenContactRequestsOnly("\"ContactRequested\" = 1", "\"ContactUrgencyLapsed\" = 0");
        leads.HasIndex(l => l.ReceivedAtUtc, Configurations.LeadConfiguration.OpenContactRequests).HasFilter(filter);
        leads.HasIndex(l => new { l.OrganizationId, l.ReceivedAtUtc }, Configurations.LeadConfiguration.OpenContactRequestsByOrganization)
            .HasFilter(filter);
    }
}

public sealed class PostgreSqlLeadPortalDbContext(DbContextOptions<PostgreSqlLeadPortalDbContext> options, IOrganizationScope? scope = null)
    : LeadPortalDbContext(options, scope)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // PostgreSQL 15 has stored generated columns only.
        builder.Entity<Lead>().Property<long>(DealSortValue).HasComputedColumnSql("COALESCE(\"DealValueMinor\", -1)", stored: true);
    }
}
