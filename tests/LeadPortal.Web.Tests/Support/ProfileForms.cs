using AngleSharp.Html.Dom;

namespace LeadPortal.Web.Tests.Support;

/// <summary>The business profile page's form: what a partner admin fills in.</summary>
public static class ProfileForms
{
    public const string Url = "/profile";
    public const string Form = "#profile-form";

    public const string Description = "Cloud and data projects for retailers, from first workshop to run.";

    /// <summary>A complete, publishable profile with one location; <paramref name="keyword"/> makes it findable by this test alone.</summary>
    public static List<(string Name, string? Value)> Publishable(string companyName, string keyword, bool publish = true) =>
    [
        ("CompanyName", companyName),
        ("Description", Description),
        ("Website", "https://intake.example"),
        ("LogoUrl", "https://intake.example/logo.png"),
        ("Keywords", $"{keyword}, cloud migration"),
        ("Industries", "Retail"),
        ("Industries", "Education"),
        ("CompanySizes", "10-49"),
        ("CompanySizes", "1000+"),
        ("Countries", "Taiwan, Japan"),
        .. Location(0, "Head office", "Ina Alert", "ina.alert@intake.example", "+886 2 2222 0000"),
        ("Publish", publish ? "true" : null),
    ];

    public static IEnumerable<(string Name, string? Value)> Location(int index, string name, string alertName, string alertEmail, string? alertPhone) =>
    [
        ($"Locations[{index}].Name", name),
        ($"Locations[{index}].Address", $"{index + 1} Intake Road"),
        ($"Locations[{index}].City", "Taipei"),
        ($"Locations[{index}].Country", "Taiwan"),
        ($"Locations[{index}].AlertName", alertName),
        ($"Locations[{index}].AlertEmail", alertEmail),
        ($"Locations[{index}].AlertPhone", alertPhone),
    ];

    /// <summary>Loads the profile page and posts its form with <paramref name="changes"/>.</summary>
    public static async Task<HttpResponseMessage> SaveProfileAsync(this PortalClient client, IEnumerable<(string Name, string? Value)> changes)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetPageAsync(Url);
        return await client.SubmitWithAsync(page, Form, changes);
    }

    /// <summary>The profile page's rendered location rows.</summary>
    public static int LocationRows(IHtmlDocument page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.QuerySelectorAll("#profile-form [data-testid=location]").Length;
    }
}
