using LeadPortal.Core.Leads;

namespace LeadPortal.Core.Tests.Builders;

/// <summary>Fixed, readable values shared by the tests. All instants are UTC.</summary>
public static class TestData
{
    /// <summary>When the default lead arrives: Sunday 1 November 2026, 09:00 UTC.</summary>
    public static readonly DateTime ReceivedAt = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);

    public static readonly TimeSpan FourteenDays = TimeSpan.FromDays(14);
    public static readonly TimeSpan SeventyTwoHours = TimeSpan.FromHours(72);

    /// <summary>A purchase date comfortably after every "now" the tests use.</summary>
    public static readonly DateOnly PurchaseDate = new(2027, 3, 31);

    public const string PartnerUser = "Ana Partner";
    public const string OtherPartnerUser = "Ben Partner";

    public static CustomerProfile Customer(
        string companyName = "Contoso Ltd.",
        string contactName = "Carla Customer",
        string email = "carla@contoso.example",
        string country = "Taiwan") =>
        new(companyName, contactName, email, phone: "+886 2 1234 5678", country, city: "Taipei", companySize: "50-200", industry: "Manufacturing");

    public static LeadSender Sender(SenderKind kind) => kind switch
    {
        SenderKind.Customer => new LeadSender(kind, "Carla Customer", "carla@contoso.example"),
        SenderKind.PlatformStaff => new LeadSender(kind, "Pat Platform", "pat@leadportal.example"),
        SenderKind.Partner => new LeadSender(kind, "Pia Partner", "pia@fabrikam.example"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No sample sender for this kind."),
    };

    /// <summary>The sender kind a lead type is normally sent by.</summary>
    public static SenderKind UsualSenderOf(LeadType type) =>
        type == LeadType.CustomerInquiry ? SenderKind.Customer : SenderKind.PlatformStaff;

    public static Money Usd(decimal amount) => Money.FromAmount(amount, "USD");

    public static DealDetails Deal(
        string name = "Line 3 retrofit",
        decimal valueUsd = 25_000m,
        DateOnly? purchaseDate = null,
        string? notes = null,
        string? crmId = null,
        string? campaignId = null) =>
        new(name, Usd(valueUsd), purchaseDate ?? PurchaseDate, notes, crmId, campaignId);

    public static TeamMember Member(string name = "Tom Teammate", string email = "tom@fabrikam.example") =>
        new(name, phone: null, email);
}
