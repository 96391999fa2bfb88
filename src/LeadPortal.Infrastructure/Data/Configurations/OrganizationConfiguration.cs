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
    }
}

internal sealed class FavoriteLeadConfiguration : IEntityTypeConfiguration<FavoriteLead>
{
    public void Configure(EntityTypeBuilder<FavoriteLead> builder)
    {
        builder.ToTable("FavoriteLeads");
        builder.HasKey(f => new { f.UserId, f.LeadId });
        builder.HasOne<Identity.ApplicationUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Core.Leads.Lead>().WithMany().HasForeignKey(f => f.LeadId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => new { f.LeadId });
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
