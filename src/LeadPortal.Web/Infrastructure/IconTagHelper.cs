using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;

using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace LeadPortal.Web.Infrastructure;

/// <summary>
/// <c>&lt;icon name="heart-fill" class="me-1" /&gt;</c> writes the Bootstrap icon inline as a decorative
/// <c>&lt;svg class="bi bi-heart-fill me-1"&gt;</c>, sized 1em and coloured with the text, as the icon font drew it:
/// no font to download and nothing to wait for. The SVG files are vendored under wwwroot/lib/bootstrap-icons/icons
/// by frontend/build.mjs, which lists the icons the views use.
/// </summary>
[HtmlTargetElement("icon", Attributes = "name", TagStructure = TagStructure.WithoutEndTag)]
public sealed partial class IconTagHelper(IWebHostEnvironment environment) : TagHelper
{
    private static readonly ConcurrentDictionary<string, Icon> Cache = new(StringComparer.Ordinal);

    public string Name { get; set; } = "";

    private static readonly ConcurrentDictionary<(string Name, string Classes), HtmlString> Markups = new();

    /// <summary>
    /// The whole <c>&lt;svg&gt;</c> of an icon with extra classes, written once and kept: for tag helpers that draw an
    /// icon in every row of a list.
    /// </summary>
    public static HtmlString Markup(IWebHostEnvironment environment, string name, string classes = "") =>
        Markups.GetOrAdd((name, classes), static (key, environment) =>
        {
            var icon = Cache.GetOrAdd(key.Name, Load, environment);
            var extra = key.Classes.Length == 0 ? "" : " " + HtmlEncoder.Default.Encode(key.Classes);
            return new HtmlString(
                $"""<svg class="bi bi-{key.Name}{extra}" width="1em" height="1em" fill="currentColor" viewBox="{icon.ViewBox}" aria-hidden="true">{icon.Body}</svg>""");
        }, environment);

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var icon = Cache.GetOrAdd(Name, Load, environment);
        var extraClasses = output.Attributes.TryGetAttribute("class", out var classes) ? " " + Text(classes.Value) : "";

        output.TagName = "svg";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", new HtmlString($"bi bi-{Name}{extraClasses}"));
        output.Attributes.SetAttribute("width", "1em");
        output.Attributes.SetAttribute("height", "1em");
        output.Attributes.SetAttribute("fill", "currentColor");
        output.Attributes.SetAttribute("viewBox", icon.ViewBox);
        output.Attributes.SetAttribute("aria-hidden", "true");
        output.Content.SetHtmlContent(icon.Body);
    }

    private static string Text(object value)
    {
        if (value is not IHtmlContent html)
        {
            return HtmlEncoder.Default.Encode(value.ToString() ?? "");
        }

        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        html.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    private static Icon Load(string name, IWebHostEnvironment environment)
    {
        if (!IconName().IsMatch(name))
        {
            throw new ArgumentException($"\"{name}\" is not an icon name.", nameof(name));
        }

        var file = environment.WebRootFileProvider.GetFileInfo($"lib/bootstrap-icons/icons/{name}.svg");
        if (!file.Exists)
        {
            throw new InvalidOperationException(
                $"The icon \"{name}\" is not vendored: add it to the icons in src/LeadPortal.Web/frontend/build.mjs and run npm run build there.");
        }

        using var reader = new StreamReader(file.CreateReadStream());
        var svg = reader.ReadToEnd();
        var match = SvgFile().Match(svg);
        if (!match.Success)
        {
            throw new InvalidOperationException($"{file.PhysicalPath ?? name} is not a Bootstrap icon SVG.");
        }

        return new Icon(match.Groups["viewBox"].Value, Whitespace().Replace(match.Groups["body"].Value, " ").Trim());
    }

    private sealed record Icon(string ViewBox, string Body);

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex IconName();

    [GeneratedRegex("""<svg\b[^>]*\bviewBox="(?<viewBox>[^"]+)"[^>]*>(?<body>.*)</svg>""", RegexOptions.Singleline)]
    private static partial Regex SvgFile();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
