using LeadPortal.Core.Organizations;
using LeadPortal.Core.Profiles;
using LeadPortal.Infrastructure.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadPortal.Infrastructure.Data.Configurations;

internal sealed class BusinessProfileConfiguration : IEntityTypeConfiguration<BusinessProfile>
{
    public void Configure(EntityTypeBuilder<BusinessProfile> builder)
    {
        builder.ToTable("BusinessProfiles");
        builder.HasOne<Organization>().WithOne().HasForeignKey<BusinessProfile>(p => p.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => p.OrganizationId).IsUnique();
        builder.HasIndex(p => p.IsPublished);
        builder.Property(p => p.CompanyName).HasMaxLength(FieldLengths.Name).IsRequired();
        builder.Property(p => p.Description).HasMaxLength(FieldLengths.LongText);
        builder.Property(p => p.Website).HasMaxLength(FieldLengths.Url);
        builder.Property(p => p.LogoUrl).HasMaxLength(FieldLengths.Url);
        builder.Property(p => p.Keywords).HasMaxLength(FieldLengths.LongText).IsRequired();
        builder.Property(p => p.Industries).HasMaxLength(FieldLengths.LongText).IsRequired();
        builder.Property(p => p.CompanySizes).HasMaxLength(FieldLengths.Name).IsRequired();
        builder.Property(p => p.Countries).HasMaxLength(FieldLengths.LongText).IsRequired();
        builder.Ignore(p => p.KeywordList);
        builder.Ignore(p => p.IndustryList);
        builder.Ignore(p => p.CompanySizeList);
        builder.Ignore(p => p.CountryList);
        builder.OwnsMany(p => p.Locations, l =>
        {
            l.ToTable("ProfileLocations");
            l.WithOwner().HasForeignKey("ProfileId");
            l.HasKey(x => x.Id);
            l.Property(x => x.Id).ValueGeneratedNever();
            l.Property(x => x.Name).HasMaxLength(FieldLengths.Name).IsRequired();
            l.Property(x => x.Address).HasMaxLength(FieldLengths.Name).IsRequired();
            l.Property(x => x.City).HasMaxLength(FieldLengths.Code).IsRequired();
            l.Property(x => x.Country).HasMaxLength(FieldLengths.Code).IsRequired();
            l.Property(x => x.AlertName).HasMaxLength(FieldLengths.Name).IsRequired();
            l.Property(x => x.AlertEmail).HasMaxLength(FieldLengths.Email).IsRequired();
            l.Property(x => x.AlertPhone).HasMaxLength(FieldLengths.Phone);
        });
        builder.Navigation(p => p.Locations).HasField("_locations");
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("ApiKeys");
        builder.HasOne<Organization>().WithMany().HasForeignKey(k => k.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(k => k.Name).HasMaxLength(FieldLengths.Code).IsRequired();
        builder.Property(k => k.Prefix).HasMaxLength(16).IsRequired();
        builder.Property(k => k.SecretHash).HasMaxLength(64).IsRequired();
        builder.Property(k => k.CreatedBy).HasMaxLength(FieldLengths.Name).IsRequired();
        builder.Property(k => k.WebhookUrl).HasMaxLength(FieldLengths.Url);
        builder.Ignore(k => k.IsActive);
        builder.HasIndex(k => k.Prefix).IsUnique();
        builder.HasIndex(k => k.OrganizationId);
    }
}

internal sealed class ReferralSubmissionConfiguration : IEntityTypeConfiguration<ReferralSubmission>
{
    public void Configure(EntityTypeBuilder<ReferralSubmission> builder)
    {
        builder.ToTable("ReferralSubmissions");
        builder.HasOne<ApiKey>().WithMany().HasForeignKey(s => s.ApiKeyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.Lead).WithMany().HasForeignKey(s => s.LeadId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.IdempotencyKey).HasMaxLength(FieldLengths.Code);
        builder.HasIndex(s => new { s.ApiKeyId, s.IdempotencyKey }).IsUnique();
        builder.HasIndex(s => s.LeadId).IsUnique();
    }
}
