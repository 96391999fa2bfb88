using LeadPortal.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadPortal.Infrastructure.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(m => m.Recipient).HasMaxLength(FieldLengths.Url).IsRequired();
        builder.HasOne<Api.ApiKey>().WithMany().HasForeignKey(m => m.ApiKeyId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(m => m.RecipientName).HasMaxLength(FieldLengths.Name).IsRequired();
        builder.Property(m => m.LastError).HasMaxLength(FieldLengths.LongText);
        builder.HasOne(m => m.Lead).WithMany().HasForeignKey(m => m.LeadId).OnDelete(DeleteBehavior.Cascade);

        // One message per kind, lead and recipient, whoever writes it and however often a job re-runs.
        // Account messages have no lead and may repeat (a resent invitation), so they stay out of it.
        builder.HasIndex(m => new { m.Kind, m.LeadId, m.Recipient }).IsUnique().HasFilter("\"LeadId\" IS NOT NULL");
        builder.Property(m => m.Link).HasMaxLength(FieldLengths.Url);
        builder.Property(m => m.Culture).HasMaxLength(16);
        // Restrict: SQL Server allows one cascade path to a row, and the lead and API key paths reach the organization already.
        builder.HasOne<Core.Organizations.Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.SentAtUtc, m.FailedAtUtc, m.NextAttemptAtUtc });
    }
}
