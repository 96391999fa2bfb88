using System.Globalization;
using System.Resources;

namespace LeadPortal.Web.Infrastructure;

/// <summary>
/// The shared resources for code outside a view (static text classes such as InsightsText): the English text in, the
/// request's language out. Views use the injected IStringLocalizer, which reads the same files.
/// </summary>
public static class Texts
{
    private static readonly ResourceManager Resources = new("LeadPortal.Web.Resources.SharedResource", typeof(SharedResource).Assembly);

    public static string Get(string english) =>
        Resources.GetString(english, CultureInfo.CurrentUICulture) is { Length: > 0 } translated ? translated : english;
}
