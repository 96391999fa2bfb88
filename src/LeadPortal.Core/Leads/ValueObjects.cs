namespace LeadPortal.Core.Leads;

/// <summary>The customer behind a lead, as the customer or the sender described it.</summary>
public sealed class CustomerProfile
{
    private CustomerProfile()
    {
    }

    public CustomerProfile(
        string companyName,
        string contactName,
        string email,
        string? phone,
        string country,
        string? city,
        string? companySize,
        string? industry)
    {
        CompanyName = Required(companyName, nameof(CompanyName));
        ContactName = Required(contactName, nameof(ContactName));
        Email = Required(email, nameof(Email));
        Phone = Optional(phone);
        Country = Required(country, nameof(Country));
        City = Optional(city);
        CompanySize = Optional(companySize);
        Industry = Optional(industry);
    }

    public string CompanyName { get; private set; } = string.Empty;
    public string ContactName { get; private set; } = string.Empty;
    public string Email { get; private set; } = string.Empty;
    public string? Phone { get; private set; }
    public string Country { get; private set; } = string.Empty;
    public string? City { get; private set; }
    public string? CompanySize { get; private set; }
    public string? Industry { get; private set; }

    internal static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new DomainException(DomainErrors.Required, field, field) : value.Trim();

    internal static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Who sent the lead: the customer itself, platform staff, or another partner.</summary>
public sealed class LeadSender
{
    private LeadSender()
    {
    }

    public LeadSender(SenderKind kind, string name, string email)
    {
        Kind = kind;
        Name = CustomerProfile.Required(name, nameof(Name));
        Email = CustomerProfile.Required(email, nameof(Email));
    }

    public SenderKind Kind { get; private set; }
    public string Name { get; private set; } = string.Empty;
    public string Email { get; private set; } = string.Empty;
}

/// <summary>The deal a partner records when accepting a lead, and edits while working it.</summary>
public sealed class DealDetails
{
    private DealDetails()
    {
    }

    public DealDetails(string name, Money estimatedValue, DateOnly estimatedPurchaseDate, string? notes, string? crmId, string? campaignId)
    {
        ArgumentNullException.ThrowIfNull(estimatedValue);
        if (!estimatedValue.IsPositive)
        {
            throw new DomainException(DomainErrors.EstimatedValueNotPositive, "EstimatedValue");
        }

        Name = CustomerProfile.Required(name, "DealName");
        ValueMinor = estimatedValue.AmountMinor;
        Currency = estimatedValue.Currency;
        EstimatedPurchaseDate = estimatedPurchaseDate;
        Notes = CustomerProfile.Optional(notes);
        CrmId = CustomerProfile.Optional(crmId);
        CampaignId = CustomerProfile.Optional(campaignId);
    }

    public string Name { get; private set; } = string.Empty;

    /// <summary>The estimated value in minor units of <see cref="Currency"/>; stored this way so it sorts and sums in SQL.</summary>
    public long ValueMinor { get; private set; }

    public string Currency { get; private set; } = string.Empty;
    public DateOnly EstimatedPurchaseDate { get; private set; }
    public string? Notes { get; private set; }
    public string? CrmId { get; private set; }
    public string? CampaignId { get; private set; }

    public Money EstimatedValue => new(ValueMinor, Currency);

    internal DealDetails WithValue(Money value) =>
        new(Name, value, EstimatedPurchaseDate, Notes, CrmId, CampaignId);

    internal IEnumerable<LeadChange> ChangesTo(DealDetails other)
    {
        if (Name != other.Name)
        {
            yield return new LeadChange(LeadChangeField.DealName, Name, other.Name);
        }

        if (!EstimatedValue.Equals(other.EstimatedValue))
        {
            yield return new LeadChange(LeadChangeField.EstimatedValue, LeadChange.Of(EstimatedValue), LeadChange.Of(other.EstimatedValue));
        }

        if (EstimatedPurchaseDate != other.EstimatedPurchaseDate)
        {
            yield return new LeadChange(LeadChangeField.PurchaseDate, LeadChange.Of(EstimatedPurchaseDate), LeadChange.Of(other.EstimatedPurchaseDate));
        }

        if (Notes != other.Notes)
        {
            // Notes can be long: the entry says they changed, the deal shows them.
            yield return new LeadChange(LeadChangeField.DealNotes, null, null);
        }

        if (CrmId != other.CrmId)
        {
            yield return new LeadChange(LeadChangeField.CrmId, CrmId, other.CrmId);
        }

        if (CampaignId != other.CampaignId)
        {
            yield return new LeadChange(LeadChangeField.CampaignId, CampaignId, other.CampaignId);
        }
    }
}

/// <summary>A person from the partner's own team who works on an accepted lead.</summary>
public sealed class TeamMember
{
    private TeamMember()
    {
    }

    public TeamMember(string name, string? phone, string email)
    {
        Id = Guid.NewGuid();
        Name = CustomerProfile.Required(name, nameof(Name));
        Phone = CustomerProfile.Optional(phone);
        Email = CustomerProfile.Required(email, nameof(Email));
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = string.Empty;
    public string? Phone { get; private set; }
    public string Email { get; private set; } = string.Empty;
}
