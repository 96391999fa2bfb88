using System.Globalization;
using LeadPortal.Core.Leads;
using Microsoft.Extensions.Localization;

namespace LeadPortal.Web.Features.Leads;

/// <summary>How lead values read on screen: labels, badge colours and amounts.</summary>
public static class LeadDisplay
{
    public static string Label(LeadType type) => type switch
    {
        LeadType.CustomerInquiry => "Customer inquiry",
        LeadType.MarketingQualified => "Marketing qualified",
        LeadType.SalesQualified => "Sales qualified",
        _ => type.ToString(),
    };

    public static string Label(LeadStage stage) => stage.ToString();

    public static string Label(LeadOutcome outcome) => outcome.ToString();

    public static string Label(SenderKind kind) => kind switch
    {
        SenderKind.Customer => "The customer",
        SenderKind.PlatformStaff => "Platform staff",
        SenderKind.Partner => "Another partner",
        _ => kind.ToString(),
    };

    public static string Label(DeclineReason reason) => reason switch
    {
        DeclineReason.NotAFit => "Not a fit for our offerings",
        DeclineReason.OutsideServedRegions => "Outside the regions we serve",
        DeclineReason.BudgetTooSmall => "Budget too small",
        DeclineReason.TimelineTooShort => "Timeline too short",
        DeclineReason.CustomerUnreachable => "Customer could not be reached",
        DeclineReason.Duplicate => "Duplicate of another lead",
        DeclineReason.SpamOrNotGenuine => "Not a genuine customer, or spam",
        DeclineReason.Other => "Other (say why in the notes)",
        _ => reason.ToString(),
    };

    public static string Label(LeadAction action) => action switch
    {
        LeadAction.Receive => "Received",
        LeadAction.Accept => "Accepted",
        LeadAction.Decline => "Declined",
        LeadAction.Expire => "Expired",
        LeadAction.EditDeal => "Deal edited",
        LeadAction.AddTeamMember => "Team member added",
        LeadAction.RemoveTeamMember => "Team member removed",
        LeadAction.MarkWon => "Marked as won",
        LeadAction.MarkLost => "Marked as lost",
        _ => action.ToString(),
    };

    /// <summary>Why the stage refuses the action: {0} is the lead's stage, {1} the stage the action needs.</summary>
    public static string RefusalFormat(LeadAction action) => action switch
    {
        LeadAction.Accept => "A lead in the {0} stage cannot be accepted; that needs the {1} stage.",
        LeadAction.Decline => "A lead in the {0} stage cannot be declined; that needs the {1} stage.",
        LeadAction.Expire => "A lead in the {0} stage cannot expire; that needs the {1} stage.",
        LeadAction.EditDeal => "A lead in the {0} stage cannot be edited; that needs the {1} stage.",
        LeadAction.AddTeamMember => "A lead in the {0} stage cannot be given new team members; that needs the {1} stage.",
        LeadAction.RemoveTeamMember => "A lead in the {0} stage cannot be changed in its team; that needs the {1} stage.",
        LeadAction.MarkWon => "A lead in the {0} stage cannot be marked as won; that needs the {1} stage.",
        LeadAction.MarkLost => "A lead in the {0} stage cannot be marked as lost; that needs the {1} stage.",
        _ => "This action is not allowed in the {0} stage.",
    };

    public static string StageBadge(LeadStage stage, LeadOutcome? outcome) => (stage, outcome) switch
    {
        (LeadStage.Received, _) => "text-bg-primary",
        (LeadStage.Accepted, _) => "text-bg-info",
        (_, LeadOutcome.Won) => "text-bg-success",
        (_, LeadOutcome.Lost) => "text-bg-secondary",
        (_, LeadOutcome.Declined) => "text-bg-warning",
        (_, LeadOutcome.Expired) => "text-bg-dark",
        _ => "text-bg-light",
    };

    public static string StageText(LeadStage stage, LeadOutcome? outcome, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(l);
        return stage == LeadStage.Archived && outcome is not null ? $"{l[Label(stage)]} · {l[Label(outcome.Value)]}" : l[Label(stage)];
    }

    public static string Amount(long minor, string currency)
    {
        var digits = Currencies.TryGetMinorDigits(currency, out var d) ? d : 2;
        var amount = minor / (decimal)Math.Pow(10, digits);
        return $"{amount.ToString("N" + digits, CultureInfo.CurrentCulture)} {currency}";
    }

    /// <summary>"3 d 4 h left", "5 h 10 min left", "Overdue".</summary>
    public static string TimeLeft(TimeSpan left, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(l);
        if (left <= TimeSpan.Zero)
        {
            return l["Overdue"];
        }

        if (left.TotalDays >= 1)
        {
            return l["{0} d {1} h left", (int)left.TotalDays, left.Hours];
        }

        return left.TotalHours >= 1 ? l["{0} h {1} min left", (int)left.TotalHours, left.Minutes] : l["{0} min left", Math.Max(1, left.Minutes)];
    }

    public static string Date(DateTime utc) => utc.ToString("d", CultureInfo.CurrentCulture);

    public static string Date(DateOnly date) => date.ToString("d", CultureInfo.CurrentCulture);

    public static string DateTimeUtc(DateTime utc) => utc.ToString("g", CultureInfo.CurrentCulture) + " UTC";
}

