using System.Globalization;

namespace LeadPortal.Web.Tests.Support;

/// <summary>A valid form body for each lead action, as the lead page's forms would post it.</summary>
public static class ActionBodies
{
    public static readonly IReadOnlyList<string> Actions = ["accept", "decline", "edit", "team", "team/remove", "won", "lost"];

    /// <summary>The route of <paramref name="action"/> on lead <paramref name="id"/>.</summary>
    public static string Route(long id, string action) => string.Create(CultureInfo.InvariantCulture, $"/leads/{id}/{action}");

    /// <summary>A body that passes validation, carrying <paramref name="version"/> as the version the page was loaded with.</summary>
    public static Dictionary<string, string> Valid(string action, Guid version, DateOnly today, Guid? memberId = null)
    {
        var date = today.AddDays(45).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var v = version.ToString();
        return action switch
        {
            "accept" => new(StringComparer.Ordinal)
            {
                ["Accept.Version"] = v,
                ["Accept.DealName"] = "Posted deal",
                ["Accept.EstimatedValue"] = "7500",
                ["Accept.Currency"] = "USD",
                ["Accept.EstimatedPurchaseDate"] = date,
                ["Accept.Notes"] = "Posted notes",
            },
            "decline" => new(StringComparer.Ordinal)
            {
                ["Decline.Version"] = v,
                ["Decline.Reason"] = "NotAFit",
                ["Decline.Notes"] = "Posted notes",
            },
            "edit" => new(StringComparer.Ordinal)
            {
                ["Edit.Version"] = v,
                ["Edit.DealName"] = "Edited deal",
                ["Edit.EstimatedValue"] = "8200",
                ["Edit.Currency"] = "USD",
                ["Edit.EstimatedPurchaseDate"] = date,
            },
            "team" => new(StringComparer.Ordinal)
            {
                ["Team.Version"] = v,
                ["Team.Name"] = "Posted Person",
                ["Team.Phone"] = "+886 2 7777 0000",
                ["Team.Email"] = "posted.person@partner.example",
            },
            "team/remove" => new(StringComparer.Ordinal)
            {
                ["Version"] = v,
                ["MemberId"] = (memberId ?? Guid.NewGuid()).ToString(),
            },
            "won" => new(StringComparer.Ordinal)
            {
                ["Won.Version"] = v,
                ["Won.FinalValue"] = "9100",
                ["Won.Notes"] = "Posted notes",
            },
            "lost" => new(StringComparer.Ordinal)
            {
                ["Lost.Version"] = v,
                ["Lost.Notes"] = "Posted notes",
            },
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not a lead action."),
        };
    }
}
