namespace LeadPortal.Web.Infrastructure;

public static class Policies
{
    /// <summary>Partner admins and referrals admins both receive and work leads.</summary>
    public const string WorksLeads = nameof(WorksLeads);
}
