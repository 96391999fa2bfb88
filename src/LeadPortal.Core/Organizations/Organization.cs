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

    public static string SlugFrom(string name) =>
        string.Join('-', new string([.. name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : ' ')])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
