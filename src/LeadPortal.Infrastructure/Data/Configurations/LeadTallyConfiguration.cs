using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadPortal.Infrastructure.Data.Configurations;

internal sealed class LeadStatusCountConfiguration : IEntityTypeConfiguration<LeadStatusCount>
{
    public void Configure(EntityTypeBuilder<LeadStatusCount> builder)
    {
        builder.ToTable("LeadStatusCounts");
        builder.HasKey(c => new { c.OrganizationId, c.Type, c.Status });
        builder.Property(c => c.Type).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
    }
}

internal sealed class FavoriteStatusCountConfiguration : IEntityTypeConfiguration<FavoriteStatusCount>
{
    public void Configure(EntityTypeBuilder<FavoriteStatusCount> builder)
    {
        builder.ToTable("FavoriteStatusCounts");
        builder.HasKey(c => new { c.UserId, c.OrganizationId, c.Type, c.Status });
        builder.Property(c => c.Type).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
    }
}

internal sealed class LeadDailyCountConfiguration : IEntityTypeConfiguration<LeadDailyCount>
{
    public void Configure(EntityTypeBuilder<LeadDailyCount> builder)
    {
        builder.ToTable("LeadDailyCounts");
        builder.HasKey(c => new { c.OrganizationId, c.Measure, c.Day, c.Type, c.Value, c.Currency });
        builder.Property(c => c.Measure).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Type).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.Value).HasMaxLength(32);
        builder.Property(c => c.Currency).HasMaxLength(3);
    }
}

internal sealed class LeadSearchEntryConfiguration : IEntityTypeConfiguration<LeadSearchEntry>
{
    public void Configure(EntityTypeBuilder<LeadSearchEntry> builder)
    {
        // Created by each provider's LeadTallies migration: an FTS5 virtual table on SQLite, which EF cannot describe.
        builder.ToTable("LeadSearch", t => t.ExcludeFromMigrations());
        builder.HasKey(e => e.LeadId);
        builder.Property(e => e.LeadId).ValueGeneratedNever();
    }
}
