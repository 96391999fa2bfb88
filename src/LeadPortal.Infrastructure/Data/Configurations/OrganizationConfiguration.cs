using LeadPortal.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadPortal.Infrastructure.Data.Configurations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.ToTable("Organizations");
        builder.Property(o => o.Name).HasMaxLength(FieldLengths.Name).IsRequired();
        builder.Property(o => o.Slug).HasMaxLength(FieldLengths.Code).IsRequired();
        builder.HasIndex(o => o.Slug).IsUnique();
        builder.Property(o => o.TeamVersion).IsConcurrencyToken();
    }
}

internal sealed class FavoriteLeadConfiguration : IEntityTypeConfiguration<FavoriteLead>
{
    /// <summary>Copies the lead's keys into a new favorite (see <see cref="FavoriteLead"/>); Leads_Favorites keeps them.</summary>
    public const string CopyTrigger = "FavoriteLeads_CopyLead";

    /// <summary>Keeps FavoriteStatusCounts.</summary>
    public const string CountTrigger = "FavoriteLeads_Counts";

    public void Configure(EntityTypeBuilder<FavoriteLead> builder)
    {
        builder.ToTable("FavoriteLeads", t =>
        {
            t.HasTrigger(CopyTrigger);
            t.HasTrigger(CountTrigger);
        });
        builder.HasKey(f => new { f.UserId, f.LeadId });
        builder.HasOne<Identity.ApplicationUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Core.Leads.Lead>().WithMany().HasForeignKey(f => f.LeadId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => new { f.LeadId });
        builder.Property(f => f.Type).HasConversion<string>().HasMaxLength(32);
        builder.Property(f => f.Stage).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.Outcome).HasConversion<string>().HasMaxLength(16);
        // A user's favorites in each sort order of the lists (the lead id breaks ties, as in the lists' keyset).
        builder.HasIndex(f => new { f.UserId, f.OrganizationId, f.ReceivedAtUtc, f.LeadId });
        builder.HasIndex(f => new { f.UserId, f.OrganizationId, f.ResponseDeadlineUtc, f.LeadId });
        builder.HasIndex(f => new { f.UserId, f.OrganizationId, f.DealSortValue, f.LeadId });
    }
}

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<Identity.ApplicationUser>
{
    public void Configure(EntityTypeBuilder<Identity.ApplicationUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(FieldLengths.Name);
        builder.HasOne<Organization>().WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => u.OrganizationId);
    }
}

internal sealed class TeamInvitationConfiguration : IEntityTypeConfiguration<TeamInvitation>
{
    public void Configure(EntityTypeBuilder<TeamInvitation> builder)
    {
        builder.ToTable("TeamInvitations");
        builder.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(i => i.Email).HasMaxLength(FieldLengths.Email).IsRequired();
        builder.Property(i => i.Role).HasConversion<string>().HasMaxLength(32);
        builder.Property(i => i.TokenHash).HasMaxLength(64).IsRequired();
        builder.Property(i => i.InvitedBy).HasMaxLength(FieldLengths.Name).IsRequired();
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => new { i.OrganizationId, i.CreatedAtUtc });
    }
}

internal sealed class TeamAuditEntryConfiguration : IEntityTypeConfiguration<TeamAuditEntry>
{
    public void Configure(EntityTypeBuilder<TeamAuditEntry> builder)
    {
        builder.ToTable("TeamAuditEntries");
        builder.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.Actor).HasMaxLength(FieldLengths.Name).IsRequired();
        builder.Property(e => e.Change).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.SubjectEmail).HasMaxLength(FieldLengths.Email).IsRequired();
        builder.Property(e => e.FromRole).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.ToRole).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(e => new { e.OrganizationId, e.AtUtc });
    }
}
