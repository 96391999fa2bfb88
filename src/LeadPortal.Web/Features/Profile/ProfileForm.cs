using FluentValidation;
using LeadPortal.Core.Profiles;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Web.Features.Leads;

namespace LeadPortal.Web.Features.Profile;

public sealed class ProfileForm
{
    public string? CompanyName { get; set; }
    public string? Description { get; set; }
    public string? Website { get; set; }
    public string? LogoUrl { get; set; }

    /// <summary>Comma-separated; each one becomes a keyword, and removing it from the text removes the keyword.</summary>
    public string? Keywords { get; set; }

    public List<string> Industries { get; set; } = [];
    public List<string> CompanySizes { get; set; } = [];

    /// <summary>Comma-separated country names.</summary>
    public string? Countries { get; set; }

    public List<LocationForm> Locations { get; set; } = [];
    public bool Publish { get; set; }

    public IEnumerable<LocationForm> KeptLocations => Locations.Where(l => !l.Remove && !l.IsBlank);

    public static IReadOnlyList<string> SplitList(string? value) =>
        (value ?? string.Empty).Split([',', '\n', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static ProfileForm From(BusinessProfile? profile, string organizationName)
    {
        if (profile is null)
        {
            return new ProfileForm { CompanyName = organizationName, Locations = [new LocationForm()] };
        }

        return new ProfileForm
        {
            CompanyName = profile.CompanyName,
            Description = profile.Description,
            Website = profile.Website,
            LogoUrl = profile.LogoUrl,
            Keywords = string.Join(", ", profile.KeywordList),
            Industries = [.. profile.IndustryList],
            CompanySizes = [.. profile.CompanySizeList],
            Countries = string.Join(", ", profile.CountryList),
            Publish = profile.IsPublished,
            Locations = [.. profile.Locations.Select(l => new LocationForm
            {
                Name = l.Name, Address = l.Address, City = l.City, Country = l.Country,
                AlertName = l.AlertName, AlertEmail = l.AlertEmail, AlertPhone = l.AlertPhone,
            })],
        };
    }
}

public sealed class LocationForm
{
    public string? Name { get; set; }
    public string? Address { get; set; }
    public string? City { get; set; }
    public string? Country { get; set; }
    public string? AlertName { get; set; }
    public string? AlertEmail { get; set; }
    public string? AlertPhone { get; set; }
    public bool Remove { get; set; }

    public bool IsBlank => new[] { Name, Address, City, Country, AlertName, AlertEmail, AlertPhone }.All(string.IsNullOrWhiteSpace);

    public ProfileLocation ToLocation() => new(Name!, Address!, City!, Country!, AlertName!, AlertEmail!, AlertPhone);
}

public sealed class ProfileFormValidator : AbstractValidator<ProfileForm>
{
    public ProfileFormValidator()
    {
        RuleFor(f => f.CompanyName).RequiredText(FieldLengths.Name, "Company name");
        RuleFor(f => f.Description).OptionalText(FieldLengths.Description, "Description");
        RuleFor(f => f.Website).Must(BeAWebAddress).WithMessage("Enter a full web address starting with https:// or http://.")
            .OptionalText(FieldLengths.Url, "Website");
        RuleFor(f => f.LogoUrl).Must(BeAWebAddress).WithMessage("Enter a full image address starting with https:// or http://.")
            .OptionalText(FieldLengths.Url, "Logo URL");
        RuleFor(f => f.Keywords).Must(k => ProfileForm.SplitList(k).All(x => x.Length <= 50))
            .WithMessage("Each keyword can be at most 50 characters.")
            .Must(k => ProfileForm.SplitList(k).Count <= BusinessProfile.MaxKeywords)
            .WithMessage($"Use at most {BusinessProfile.MaxKeywords} keywords.");
        RuleForEach(f => f.Industries).Must(i => ProfileChoices.Industries.Contains(i)).WithMessage("Choose industries from the list.");
        RuleForEach(f => f.CompanySizes).Must(s => ProfileChoices.CompanySizes.Contains(s)).WithMessage("Choose company sizes from the list.");
        RuleFor(f => f.Countries).Must(c => ProfileForm.SplitList(c).All(x => x.Length <= FieldLengths.CountryFilter))
            .WithMessage("Each country can be at most 60 characters.");
        RuleFor(f => f.Locations).Must(l => l.Count <= BusinessProfile.MaxLocations)
            .WithMessage($"Add at most {BusinessProfile.MaxLocations} locations.");
        RuleForEach(f => f.Locations).Where(l => !l.Remove && !l.IsBlank).SetValidator(new LocationFormValidator());
    }

    internal static bool BeAWebAddress(string? value) =>
        string.IsNullOrWhiteSpace(value)
        || (Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp));
}

public sealed class LocationFormValidator : AbstractValidator<LocationForm>
{
    public LocationFormValidator()
    {
        RuleFor(f => f.Name).RequiredText(FieldLengths.Name, "Location name");
        RuleFor(f => f.Address).RequiredText(FieldLengths.Name, "Address");
        RuleFor(f => f.City).RequiredText(FieldLengths.Code, "City");
        RuleFor(f => f.Country).RequiredText(FieldLengths.Code, "Country");
        RuleFor(f => f.AlertName).RequiredText(FieldLengths.Name, "Alert contact name");
        RuleFor(f => f.AlertEmail).Email();
        RuleFor(f => f.AlertPhone).OptionalPhone();
    }
}
