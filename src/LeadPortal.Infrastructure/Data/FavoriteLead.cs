namespace LeadPortal.Infrastructure.Data;

/// <summary>A heart a user put on a lead. Favorites are per user, not per organization.</summary>
public sealed class FavoriteLead
{
    public string UserId { get; set; } = string.Empty;
    public long LeadId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}
