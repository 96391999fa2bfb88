namespace LeadPortal.Core.Profiles;

/// <summary>
/// How a partner presents itself to customers and senders. Publishing it is the prerequisite to receive leads:
/// an organization without a published profile has no public listing, and leads for it are refused.
/// </summary>
public sealed class BusinessProfile
{
    public const int MaxLocations = 10;
    public const int MaxKeywords = 30;

    private readonly List<ProfileLocation> _locations = [];

    private BusinessProfile()
    {
    }

    public BusinessProfile(int organizationId, string companyName)
    {
        OrganizationId = organizationId;
        CompanyName = Text.Required(companyName, nameof(CompanyName));
    }

    public int Id { get; private set; }
    public int OrganizationId { get; private set; }
    public string CompanyName { get; private set; } = string.Empty;
    public string? Description { get; private set; }
    public string? Website { get; private set; }
    public string? LogoUrl { get; private set; }

    /// <summary>Stored as "|a|b|" so a search for one value is a LIKE '%|value|%' on every provider.</summary>
    public string Keywords { get; private set; } = string.Empty;

    public string Industries { get; private set; } = string.Empty;
    public string CompanySizes { get; private set; } = string.Empty;
    public string Countries { get; private set; } = string.Empty;
    public bool IsPublished { get; private set; }
    public DateTime? PublishedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }

    /// <summary>In the order the admin entered them (the database returns rows in key order).</summary>
    public IReadOnlyList<ProfileLocation> Locations => [.. _locations.OrderBy(l => l.Position)];

    public IReadOnlyList<string> KeywordList => TagList.Split(Keywords);
    public IReadOnlyList<string> IndustryList => TagList.Split(Industries);
    public IReadOnlyList<string> CompanySizeList => TagList.Split(CompanySizes);
    public IReadOnlyList<string> CountryList => TagList.Split(Countries);

    /// <summary>Replaces what the profile says; a published profile must stay publishable.</summary>
    public void Update(
        string companyName,
        string? description,
        string? website,
        string? logoUrl,
        IEnumerable<string> keywords,
        IEnumerable<string> industries,
        IEnumerable<string> companySizes,
        IEnumerable<string> countries,
        IEnumerable<ProfileLocation> locations,
        DateTime nowUtc)
    {
        var keywordList = TagList.Normalize(keywords);
        if (keywordList.Count > MaxKeywords)
        {
            throw new DomainException(DomainErrors.TooManyKeywords, "Keywords", MaxKeywords);
        }

        var locationList = locations.ToList();
        if (locationList.Count > MaxLocations)
        {
            throw new DomainException(DomainErrors.TooManyLocations, "Locations", MaxLocations);
        }

        if (IsPublished)
        {
            EnsurePublishable(description, locationList);
        }

        CompanyName = Text.Required(companyName, nameof(CompanyName));
        Description = Text.Optional(description);
        Website = Text.Optional(website);
        LogoUrl = Text.Optional(logoUrl);
        Keywords = TagList.Join(keywordList);
        Industries = TagList.Join(TagList.Normalize(industries));
        CompanySizes = TagList.Join(TagList.Normalize(companySizes));
        Countries = TagList.Join(TagList.Normalize(countries));
        _locations.Clear();
        for (var i = 0; i < locationList.Count; i++)
        {
            locationList[i].Position = i;
            _locations.Add(locationList[i]);
        }

        UpdatedAtUtc = nowUtc;
    }

    public void Publish(DateTime nowUtc)
    {
        EnsurePublishable(Description, [.. _locations]);
        if (!IsPublished)
        {
            IsPublished = true;
            PublishedAtUtc = nowUtc;
        }

        UpdatedAtUtc = nowUtc;
    }

    public void Unpublish(DateTime nowUtc)
    {
        IsPublished = false;
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>The people who hear of new leads: each location's alert contact, once per email.</summary>
    public IReadOnlyList<(string Email, string Name)> AlertContacts() =>
        [.. Locations.GroupBy(l => l.AlertEmail, StringComparer.OrdinalIgnoreCase).Select(g => (g.First().AlertEmail, g.First().AlertName))];

    private static void EnsurePublishable(string? description, List<ProfileLocation> locations)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            throw new DomainException(DomainErrors.DescriptionBeforePublishing, nameof(Description));
        }

        if (locations.Count == 0)
        {
            throw new DomainException(DomainErrors.LocationBeforePublishing, "Locations");
        }
    }
}

/// <summary>An office of the partner, with the contact who receives new-lead alerts for it.</summary>
public sealed class ProfileLocation
{
    private ProfileLocation()
    {
    }

    public ProfileLocation(string name, string address, string city, string country, string alertName, string alertEmail, string? alertPhone)
    {
        Id = Guid.NewGuid();
        Name = Text.Required(name, "LocationName");
        Address = Text.Required(address, nameof(Address));
        City = Text.Required(city, nameof(City));
        Country = Text.Required(country, nameof(Country));
        AlertName = Text.Required(alertName, nameof(AlertName));
        AlertEmail = Text.Required(alertEmail, nameof(AlertEmail));
        AlertPhone = Text.Optional(alertPhone);
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = string.Empty;
    public string Address { get; private set; } = string.Empty;
    public string City { get; private set; } = string.Empty;
    public string Country { get; private set; } = string.Empty;
    public string AlertName { get; private set; } = string.Empty;
    public string AlertEmail { get; private set; } = string.Empty;
    public string? AlertPhone { get; private set; }

    /// <summary>Where the location stands in the profile's list.</summary>
    public int Position { get; internal set; }
}

/// <summary>The choices a profile offers for company size; the inquiry form accepts others too.</summary>
public static class ProfileChoices
{
    public static IReadOnlyList<string> CompanySizes { get; } = ["1-9", "10-49", "50-249", "250-999", "1000+"];

    public static IReadOnlyList<string> Industries { get; } =
    [
        "Agriculture", "Education", "Energy", "Financial services", "Government", "Healthcare", "Hospitality",
        "Manufacturing", "Media", "Nonprofit", "Professional services", "Retail", "Technology", "Transportation",
    ];
}

internal static class Text
{
    public static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new DomainException(DomainErrors.Required, field, field) : value.Trim();

    public static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>A list of short values kept in one column as "|a|b|".</summary>
public static class TagList
{
    public static IReadOnlyList<string> Normalize(IEnumerable<string>? values) =>
        [.. (values ?? []).Select(v => v?.Trim() ?? string.Empty)
            .Where(v => v.Length > 0)
            .Select(v => v.Replace("|", "/", StringComparison.Ordinal))
            .Distinct(StringComparer.OrdinalIgnoreCase)];

    public static string Join(IReadOnlyList<string> values) => values.Count == 0 ? string.Empty : "|" + string.Join('|', values) + "|";

    public static IReadOnlyList<string> Split(string stored) =>
        string.IsNullOrEmpty(stored) ? [] : stored.Split('|', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The LIKE pattern (escape character '\') that finds one value in a stored list.</summary>
    public static string Pattern(string value) =>
        "%|" + value.Trim()
            .Replace("|", "/", StringComparison.Ordinal)
            .Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "|%";
}
