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
        string.IsNullOrWhiteSpace(value) ? throw new DomainException($"{field} is required.", field) : value.Trim();

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
            throw new DomainException("The estimated value must be more than zero.", "EstimatedValue");
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

    internal IEnumerable<string> DescribeChangesTo(DealDetails other)
    {
        static string Show(string? value) => string.IsNullOrEmpty(value) ? "(none)" : $"\"{value}\"";

        if (Name != other.Name)
        {
            yield return $"deal name {Show(Name)} → {Show(other.Name)}";
        }

        if (!EstimatedValue.Equals(other.EstimatedValue))
        {
            yield return $"estimated value {EstimatedValue} → {other.EstimatedValue}";
        }

        if (EstimatedPurchaseDate != other.EstimatedPurchaseDate)
        {
            yield return $"purchase date {EstimatedPurchaseDate:yyyy-MM-dd} → {other.EstimatedPurchaseDate:yyyy-MM-dd}";
        }

        if (Notes != other.Notes)
        {
            yield return "notes updated";
        }

        if (CrmId != other.CrmId)
        {
            yield return $"CRM ID {Show(CrmId)} → {Show(other.CrmId)}";
        }

        if (CampaignId != other.CampaignId)
        {
            yield return $"campaign ID {Show(CampaignId)} → {Show(other.CampaignId)}";
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

/// <summary>One line of a lead's timeline: who did what, when, and how the stage moved.</summary>
public sealed class LeadHistoryEntry
{
    private LeadHistoryEntry()
    {
    }

    internal LeadHistoryEntry(int sequence, DateTime atUtc, string actor, LeadAction action, LeadStage? fromStage, LeadStage toStage, string? details)
    {
        Id = Guid.NewGuid();
        Sequence = sequence;
        AtUtc = atUtc;
        Actor = actor;
        Action = action;
        FromStage = fromStage;
        ToStage = toStage;
        Details = details;
    }

    public Guid Id { get; private set; }

    /// <summary>Orders entries written within the same instant.</summary>
    public int Sequence { get; private set; }

    public DateTime AtUtc { get; private set; }
    public string Actor { get; private set; } = string.Empty;
    public LeadAction Action { get; private set; }
    public LeadStage? FromStage { get; private set; }
    public LeadStage ToStage { get; private set; }
    public string? Details { get; private set; }
}
