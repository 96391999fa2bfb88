namespace LeadPortal.Core.Leads;

/// <summary>How long a partner has to answer a lead and how long a contact request counts as urgent (section "Leads").</summary>
public sealed class LeadTimingOptions
{
    public const string SectionName = "Leads";

    public TimeSpan ResponseWindow { get; set; } = TimeSpan.FromDays(14);
    public TimeSpan UrgentContactWindow { get; set; } = TimeSpan.FromHours(72);

    /// <summary>A Received lead with no more time left than this is highlighted, and its organization reminded once.</summary>
    public TimeSpan DeadlineWarning { get; set; } = TimeSpan.FromDays(2);
}
