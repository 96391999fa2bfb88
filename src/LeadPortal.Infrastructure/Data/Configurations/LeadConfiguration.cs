using LeadPortal.Core.Leads;
using LeadPortal.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadPortal.Infrastructure.Data.Configurations;

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public const string ReceivedByDeadline = "IX_Leads_Received_ResponseDeadlineUtc";
    public const string ReceivedByOrganizationAndDeadline = "IX_Leads_Received_OrganizationId_ResponseDeadlineUtc";
    public const string OpenContactRequests = "IX_Leads_OpenContactRequests";
    public const string OpenContactRequestsByOrganization = "IX_Leads_OpenContactRequests_OrganizationId";

    private const string ReceivedOnly = "\"Stage\" = 'Received'";

    /// <summary>
    /// The filter of the contact-request indexes, given how the provider tests a flag: SQLite uses a partial index only
    /// for a query that states each of its filter's terms, and EF states the flags as the bare column and NOT (column).
    /// </summary>
    public static string OpenContactRequestsOnly(string contactRequested, string notLapsed) =>
        $"{contactRequested} AND \"Stage\" <> 'Archived' AND {notLapsed}";

    public const string TallyTrigger = "Leads_Tallies";
    public const string FavoritesTrigger = "Leads_Favorites";

    public void Configure(EntityTypeBuilder<Lead> builder)
    {
        // The triggers keep LeadStatusCounts, LeadDailyCounts and LeadSearch, and the keys copied into FavoriteLeads;
        // EF must not rely on OUTPUT/RETURNING here.
        builder.ToTable("Leads", t =>
        {
            t.HasTrigger(TallyTrigger);
            t.HasTrigger(FavoritesTrigger);
        });
        builder.HasKey(l => l.Id);
        builder.HasOne<Organization>().WithMany().HasForeignKey(l => l.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(l => l.Type).HasConversion<string>().HasMaxLength(32);
        builder.Property(l => l.Stage).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.DeclineReason).HasConversion<string>().HasMaxLength(32);
        builder.Property(l => l.Need).HasMaxLength(FieldLengths.LongText).IsRequired();
        builder.Property(l => l.DeclineNotes).HasMaxLength(FieldLengths.LongText);
        builder.Property(l => l.ClosingNotes).HasMaxLength(FieldLengths.LongText);
        builder.Property(l => l.Version).IsConcurrencyToken();
        builder.Ignore(l => l.Events);

        builder.OwnsOne(l => l.Customer, c =>
        {
            c.Property(p => p.CompanyName).HasColumnName("CustomerCompanyName").HasMaxLength(FieldLengths.Name).IsRequired();
            c.Property(p => p.ContactName).HasColumnName("CustomerContactName").HasMaxLength(FieldLengths.Name).IsRequired();
            c.Property(p => p.Email).HasColumnName("CustomerEmail").HasMaxLength(FieldLengths.Email).IsRequired();
            c.Property(p => p.Phone).HasColumnName("CustomerPhone").HasMaxLength(FieldLengths.Phone);
            c.Property(p => p.Country).HasColumnName("CustomerCountry").HasMaxLength(FieldLengths.Code).IsRequired();
            c.Property(p => p.City).HasColumnName("CustomerCity").HasMaxLength(FieldLengths.Code);
            c.Property(p => p.CompanySize).HasColumnName("CustomerCompanySize").HasMaxLength(FieldLengths.Code);
            c.Property(p => p.Industry).HasColumnName("CustomerIndustry").HasMaxLength(FieldLengths.Code);
            c.HasIndex(p => p.CompanyName);
        });
        builder.Navigation(l => l.Customer).IsRequired();

        builder.OwnsOne(l => l.Sender, s =>
        {
            s.Property(p => p.Kind).HasColumnName("SenderKind").HasConversion<string>().HasMaxLength(16);
            s.Property(p => p.Name).HasColumnName("SenderName").HasMaxLength(FieldLengths.Name).IsRequired();
            s.Property(p => p.Email).HasColumnName("SenderEmail").HasMaxLength(FieldLengths.Email).IsRequired();
        });
        builder.Navigation(l => l.Sender).IsRequired();

        builder.OwnsOne(l => l.Deal, d =>
        {
            d.Property(p => p.Name).HasColumnName("DealName").HasMaxLength(FieldLengths.Name).IsRequired();
            d.Property(p => p.ValueMinor).HasColumnName("DealValueMinor");
            d.Property(p => p.Currency).HasColumnName("DealCurrency").HasMaxLength(3).IsRequired();
            d.Property(p => p.EstimatedPurchaseDate).HasColumnName("DealPurchaseDate");
            d.Property(p => p.Notes).HasColumnName("DealNotes").HasMaxLength(FieldLengths.LongText);
            d.Property(p => p.CrmId).HasColumnName("DealCrmId").HasMaxLength(FieldLengths.Code);
            d.Property(p => p.CampaignId).HasColumnName("DealCampaignId").HasMaxLength(FieldLengths.Code);
            d.Ignore(p => p.EstimatedValue);
        });

        builder.OwnsMany(l => l.TeamMembers, t =>
        {
            t.ToTable("LeadTeamMembers");
            t.WithOwner().HasForeignKey("LeadId");
            t.HasKey(m => m.Id);
            t.Property(m => m.Id).ValueGeneratedNever();
            t.Property(m => m.Name).HasMaxLength(FieldLengths.Name).IsRequired();
            t.Property(m => m.Phone).HasMaxLength(FieldLengths.Phone);
            t.Property(m => m.Email).HasMaxLength(FieldLengths.Email).IsRequired();
        });
        builder.Navigation(l => l.TeamMembers).HasField("_teamMembers");

        builder.OwnsMany(l => l.History, h =>
        {
            h.ToTable("LeadHistory");
            h.WithOwner().HasForeignKey("LeadId");
            h.HasKey(e => e.Id);
            h.Property(e => e.Id).ValueGeneratedNever();
            h.Property(e => e.Actor).HasMaxLength(FieldLengths.Name).IsRequired();
            h.Property(e => e.Action).HasConversion<string>().HasMaxLength(32);
            h.Property(e => e.FromStage).HasConversion<string>().HasMaxLength(16);
            h.Property(e => e.ToStage).HasConversion<string>().HasMaxLength(16);
            h.Property(e => e.Changes).HasConversion(LeadChangesJson.Converter, LeadChangesJson.Comparer).IsRequired();
            h.Property(e => e.LegacyDetails).HasMaxLength(FieldLengths.LongText);
            // The entries still holding text from before StructuredHistory, which the start-up conversion looks for:
            // without it, every start would read the whole history to find none.
            h.HasIndex(e => e.Id, "IX_LeadHistory_LegacyDetails").HasFilter("\"LegacyDetails\" IS NOT NULL");
        });
        builder.Navigation(l => l.History).HasField("_history");

        builder.Property<long>(LeadPortalDbContext.DealSortValue).HasComputedColumnSql("COALESCE(\"DealValueMinor\", -1)", stored: false);

        // A list page reads, per (type, stage, outcome), the first rows in the order of its sort key, then merges them;
        // so each sort has one index that starts with that partition and delivers the order (keyset on key, Id).
        builder.HasIndex(l => new { l.OrganizationId, l.Type, l.Stage, l.Outcome, l.ReceivedAtUtc, l.Id });
        builder.HasIndex(l => new { l.OrganizationId, l.Type, l.Stage, l.Outcome, l.ResponseDeadlineUtc, l.Id });
        builder.HasIndex(nameof(Lead.OrganizationId), nameof(Lead.Type), nameof(Lead.Stage), nameof(Lead.Outcome), LeadPortalDbContext.DealSortValue, nameof(Lead.Id));

        // A list of every stage reads each type of the tab the same way, through indexes without stage and outcome
        // (which the expiry sweep's updates therefore leave alone).
        builder.HasIndex(l => new { l.OrganizationId, l.Type, l.ReceivedAtUtc, l.Id });
        builder.HasIndex(l => new { l.OrganizationId, l.Type, l.ResponseDeadlineUtc, l.Id });
        builder.HasIndex(nameof(Lead.OrganizationId), nameof(Lead.Type), LeadPortalDbContext.DealSortValue, nameof(Lead.Id));

        // A tab of several types that holds most of the organization's leads reads the organization's leads in order
        // and skips the other types (the ReceivedAtUtc one is below, with the insights').
        builder.HasIndex(l => new { l.OrganizationId, l.ResponseDeadlineUtc, l.Id });
        builder.HasIndex(nameof(Lead.OrganizationId), LeadPortalDbContext.DealSortValue, nameof(Lead.Id));

        // Leads about to expire, and the expiry sweep, find Received leads by deadline. Partial indexes hold only the
        // leads they serve (a few percent of all), so the sweep's updates delete their entries and write none.
        builder.HasIndex(l => new { l.OrganizationId, l.ResponseDeadlineUtc }, ReceivedByOrganizationAndDeadline).HasFilter(ReceivedOnly);
        builder.HasIndex(l => l.ResponseDeadlineUtc, ReceivedByDeadline).HasFilter(ReceivedOnly);

        // Contact requests still flagged urgent on active leads (the flame): the urgency job across organizations, the
        // insights' attention list within one. Once lapsed or archived a lead leaves them.
        builder.HasIndex(l => l.ReceivedAtUtc, OpenContactRequests).HasFilter(OpenContactRequestsOnly("\"ContactRequested\"", "NOT (\"ContactUrgencyLapsed\")"));
        builder.HasIndex(l => new { l.OrganizationId, l.ReceivedAtUtc }, OpenContactRequestsByOrganization)
            .HasFilter(OpenContactRequestsOnly("\"ContactRequested\"", "NOT (\"ContactUrgencyLapsed\")"));

        // The insights' percentiles walk the answered leads in response-time order; ReceivedAtUtc makes it covering.
        builder.HasIndex(l => new { l.OrganizationId, l.ResponseTimeSeconds, l.ReceivedAtUtc });
        builder.HasIndex(l => new { l.OrganizationId, l.ReceivedAtUtc, l.Id });
    }
}
