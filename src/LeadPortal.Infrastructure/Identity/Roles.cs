namespace LeadPortal.Infrastructure.Identity;

public static class Roles
{
    /// <summary>"MPN partner admin": works leads and manages the organization's users and profile.</summary>
    public const string PartnerAdmin = "PartnerAdmin";

    /// <summary>"Referrals admin": works leads.</summary>
    public const string ReferralsAdmin = "ReferralsAdmin";

    /// <summary>
    /// Runs the platform, in no organization: the job dashboard and whatever spans organizations. Sees no lead.
    /// </summary>
    public const string PlatformOperator = "PlatformOperator";

    /// <summary>The roles of an organization's users.</summary>
    public static IReadOnlyList<string> All { get; } = [PartnerAdmin, ReferralsAdmin];
}

public static class PortalClaims
{
    public const string OrganizationId = "leadportal:org";
    public const string OrganizationName = "leadportal:org_name";
    public const string DisplayName = "leadportal:name";
}
