namespace LeadPortal.Core.Organizations;

/// <summary>A partner company. Its users see only its own leads.</summary>
public sealed class Organization
{
    private Organization()
    {
    }

    public Organization(string name, string slug)
    {
        Name = string.IsNullOrWhiteSpace(name) ? throw new DomainException(DomainErrors.OrganizationNameRequired, nameof(Name)) : name.Trim();
        Slug = string.IsNullOrWhiteSpace(slug) ? throw new DomainException(DomainErrors.OrganizationSlugRequired, nameof(Slug)) : slug.Trim().ToLowerInvariant();
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = string.Empty;

    /// <summary>The organization's name in URLs, unique.</summary>
    public string Slug { get; private set; } = string.Empty;

    /// <summary>
    /// Renewed by every change to the team, and checked when it is saved: of two admins changing the team at once, the
    /// second one's save fails instead of breaking a rule the first one's change made true (the last active admin).
    /// </summary>
    public Guid TeamVersion { get; private set; } = Guid.NewGuid();

    public void TeamChanged() => TeamVersion = Guid.NewGuid();

    public static string SlugFrom(string name) =>
        string.Join('-', new string([.. name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : ' ')])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
