using LeadPortal.Core;
using LeadPortal.Core.Leads;
using LeadPortal.Web.Features.Leads;
using Microsoft.Extensions.Localization;

namespace LeadPortal.Web.Infrastructure;

/// <summary>
/// A broken domain rule in the reader's language: the code is the resource name (SharedResource.resx holds the
/// English, SharedResource.zh-TW.resx the Chinese), and each argument is shown as a page shows that kind of value.
/// </summary>
public static class DomainMessages
{
    public static string Text(this IStringLocalizer l, DomainError error)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(error);
        return error switch
        {
            { Code: DomainErrors.StageDoesNotAllow, Arguments: [LeadAction action, LeadStage stage, LeadStage required] } =>
                l[LeadDisplay.RefusalFormat(action), l[LeadDisplay.Label(stage)], l[LeadDisplay.Label(required)]],
            { Code: DomainErrors.Required, Arguments: [string field] } =>
                l[DomainErrors.Required, FieldLabels.TryGetValue(field, out var label) ? l[label].Value : field],
            _ => l[error.Code, [.. error.Arguments.Select(a => Shown(l, a))]],
        };
    }

    private static object Shown(IStringLocalizer l, object argument) => argument switch
    {
        LeadStage stage => l[LeadDisplay.Label(stage)].Value,
        LeadOutcome outcome => l[LeadDisplay.Label(outcome)].Value,
        LeadAction action => l[LeadDisplay.Label(action)].Value,
        DateTime utc => LeadDisplay.DateTimeUtc(utc),
        DateOnly date => LeadDisplay.Date(date),
        _ => argument,
    };

    /// <summary>The fields a "required" error names, as the forms label them.</summary>
    private static readonly Dictionary<string, string> FieldLabels = new(StringComparer.Ordinal)
    {
        ["DealName"] = "Deal name",
        ["CompanyName"] = "Company name",
        ["Email"] = "Email",
        ["Name"] = "Name",
    };
}
