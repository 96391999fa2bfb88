using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace LeadPortal.Web.Tests.Support;

/// <summary>Reads what a user sees on the lead page, and posts to lead routes the way its forms do.</summary>
public static partial class LeadPage
{
    public static string Url(long id) => string.Create(CultureInfo.InvariantCulture, $"/leads/{id}");

    public static string Text(IElement? element) =>
        element is null ? string.Empty : Spaces().Replace(element.TextContent, " ").Trim();

    public static string StageBadge(IHtmlDocument page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return Text(page.QuerySelector("[data-testid=stage]"));
    }

    /// <summary>The history entries as shown, newest first.</summary>
    public static IReadOnlyList<string> History(IHtmlDocument page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.QuerySelectorAll("[data-testid=history] li").Select(Text).ToList();
    }

    /// <summary>The message shown next to the field <paramref name="field"/> (e.g. "Accept.EstimatedValue").</summary>
    public static string FieldMessage(IHtmlDocument page, string field)
    {
        ArgumentNullException.ThrowIfNull(page);
        var element = page.QuerySelector($"[data-valmsg-for=\"{field}\"]")
            ?? throw new InvalidOperationException($"The page has no message element for {field}.");
        return Text(element);
    }

    /// <summary>Every field message on the page that is not empty, keyed by field.</summary>
    public static IReadOnlyDictionary<string, string> FieldMessages(IHtmlDocument page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.QuerySelectorAll("[data-valmsg-for]")
            .Select(e => (Field: e.GetAttribute("data-valmsg-for")!, Message: Text(e)))
            .Where(m => m.Message.Length > 0)
            .ToDictionary(m => m.Field, m => m.Message, StringComparer.Ordinal);
    }

    public static string ErrorFlash(IHtmlDocument page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return Text(page.QuerySelector("main > .alert-danger"));
    }

    public static string SuccessFlash(IHtmlDocument page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return Text(page.QuerySelector("main > .alert-success"));
    }

    public static string InputValue(IHtmlDocument page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.QuerySelector($"[name=\"{name}\"]") switch
        {
            IHtmlInputElement input => input.Value,
            IHtmlTextAreaElement area => area.Value,
            IHtmlSelectElement select => select.Value ?? string.Empty,
            _ => throw new InvalidOperationException($"The page has no field {name}."),
        };
    }

    public static string AntiforgeryToken(IHtmlDocument page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return (page.QuerySelector("input[name=__RequestVerificationToken]") as IHtmlInputElement)?.Value
            ?? throw new InvalidOperationException("The page has no antiforgery token.");
    }

    /// <summary>Posts <paramref name="values"/> with an antiforgery token taken from a page of the same signed-in client.</summary>
    public static async Task<HttpResponseMessage> PostWithTokenAsync(this PortalClient client, string url, IDictionary<string, string> values, string tokenPage = "/leads/marketplace")
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(values);
        var page = await client.GetPageAsync(tokenPage);
        var body = new Dictionary<string, string>(values, StringComparer.Ordinal)
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
        };
        return await client.PostFormAsync(url, body);
    }

    /// <summary>Follows a redirect with a GET and parses the page it leads to.</summary>
    public static async Task<IHtmlDocument> FollowAsync(this PortalClient client, HttpResponseMessage redirect)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(redirect);
        if (redirect.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Expected a redirect, got {(int)redirect.StatusCode}.");
        }

        return await client.GetPageAsync(redirect.Headers.Location!.OriginalString);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
