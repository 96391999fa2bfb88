namespace LeadPortal.Core.Leads;

public enum LeadType
{
    CustomerInquiry,
    MarketingQualified,
    SalesQualified,
}

public enum LeadStage
{
    Received,
    Accepted,
    Archived,
}

public enum LeadOutcome
{
    Won,
    Lost,
    Declined,
    Expired,
}

public enum SenderKind
{
    Customer,
    PlatformStaff,
    Partner,
}

public enum DeclineReason
{
    NotAFit,
    OutsideServedRegions,
    BudgetTooSmall,
    TimelineTooShort,
    CustomerUnreachable,
    Duplicate,
    SpamOrNotGenuine,
    Other,
}

public enum LeadAction
{
    Receive,
    Accept,
    Decline,
    Expire,
    EditDeal,
    AddTeamMember,
    RemoveTeamMember,
    MarkWon,
    MarkLost,
}

public static class LeadTypeExtensions
{
    /// <summary>Customer inquiries live in the Marketplace tab; the qualified kinds in the Qualified tab.</summary>
    public static bool IsQualified(this LeadType type) => type is LeadType.MarketingQualified or LeadType.SalesQualified;
}
