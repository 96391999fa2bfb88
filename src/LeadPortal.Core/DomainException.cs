namespace LeadPortal.Core;

/// <summary>
/// A request that breaks a business rule; nothing has changed. <see cref="Code"/> names the rule (one of
/// <see cref="DomainErrors"/>) and <see cref="Arguments"/> carry its values, so that each page words it in its reader's
/// language; the exception's own message is the code, for logs. <see cref="Field"/> names the input at fault, when
/// there is one, so a form can show the message next to it.
/// </summary>
public class DomainException(string code, string? field = null, params object[] arguments) : Exception(code)
{
    public string Code { get; } = code;
    public string? Field { get; } = field;
    public IReadOnlyList<object> Arguments { get; } = arguments;

    public DomainError Error => new(Code, Field, Arguments);
}

/// <summary>A broken rule as data: its code (<see cref="DomainErrors"/>), the input at fault, and the rule's values.</summary>
public sealed record DomainError(string Code, string? Field, IReadOnlyList<object> Arguments);

/// <summary>The codes of the broken rules a <see cref="DomainException"/> reports, with the arguments each carries.</summary>
public static class DomainErrors
{
    /// <summary>A required value is blank. Argument: the field.</summary>
    public const string Required = "required";

    public const string OrganizationRequired = "lead.organization-required";
    public const string ResponseWindowNotPositive = "lead.response-window-not-positive";
    public const string InquiryNotFromCustomer = "lead.inquiry-not-from-customer";
    public const string QualifiedFromCustomer = "lead.qualified-from-customer";

    /// <summary>Argument: the e-mail address.</summary>
    public const string ContactListedTwice = "lead.contact-listed-twice";

    public const string DeclineReasonUnknown = "lead.decline-reason-unknown";
    public const string DeclineOtherNeedsNotes = "lead.decline-other-needs-notes";

    /// <summary>Argument: the response deadline (UTC).</summary>
    public const string NotYetPastDeadline = "lead.not-yet-past-deadline";

    /// <summary>Argument: the e-mail address.</summary>
    public const string AlreadyOnTeam = "lead.already-on-team";

    public const string NotOnTeam = "lead.not-on-team";
    public const string FinalValueNotPositive = "lead.final-value-not-positive";
    public const string PurchaseDateInPast = "lead.purchase-date-in-past";
    public const string EstimatedValueNotPositive = "deal.estimated-value-not-positive";

    /// <summary>The stage does not allow the action. Arguments: the action, the current stage, the stage it needs.</summary>
    public const string StageDoesNotAllow = "lead.stage-does-not-allow";

    /// <summary>The lead is archived and read-only. Argument: the outcome.</summary>
    public const string Archived = "lead.archived";

    /// <summary>Argument: the code given.</summary>
    public const string CurrencyUnknown = "money.currency-unknown";

    public const string AmountTooLarge = "money.amount-too-large";

    /// <summary>Arguments: the currency, its number of decimal places.</summary>
    public const string TooManyDecimals = "money.too-many-decimals";

    /// <summary>Argument: the most allowed.</summary>
    public const string TooManyKeywords = "profile.too-many-keywords";

    /// <summary>Argument: the most allowed.</summary>
    public const string TooManyLocations = "profile.too-many-locations";

    public const string DescriptionBeforePublishing = "profile.description-before-publishing";
    public const string LocationBeforePublishing = "profile.location-before-publishing";
    public const string OrganizationNameRequired = "organization.name-required";
    public const string OrganizationSlugRequired = "organization.slug-required";
    public const string TeamNeedsAnAdmin = "team.needs-an-admin";
    public const string TeamCannotDeactivateSelf = "team.cannot-deactivate-self";
    public const string TeamAlreadyDeactivated = "team.already-deactivated";
    public const string TeamAlreadyActive = "team.already-active";
    public const string TeamRoleUnchanged = "team.role-unchanged";
    public const string TeamMemberUnknown = "team.member-unknown";
    public const string InvitationNotPending = "team.invitation-not-pending";
}
