using System.Text.Encodings.Web;
using LeadPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace LeadPortal.Web.Features.Leads;

/// <summary>
/// <c>&lt;favorite-button lead-id="…" is-favorite="…" return-url="…" /&gt;</c>: the heart that adds a lead to the
/// user's favorites or takes it out, a form that works without script (site.js posts it in the background). Written
/// as a tag helper rather than a partial view because a list draws one per row.
/// </summary>
[HtmlTargetElement("favorite-button", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FavoriteButtonTagHelper(IHtmlGenerator html, IWebHostEnvironment environment, IStringLocalizer<SharedResource> l) : TagHelper
{
    public long LeadId { get; set; }

    public bool IsFavorite { get; set; }

    public string ReturnUrl { get; set; } = "/";

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var label = HtmlEncoder.Default.Encode(l[IsFavorite ? "Remove from favorites" : "Add to favorites"]);
        output.TagName = "form";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("method", "post");
        output.Attributes.SetAttribute("action", $"/leads/{LeadId}/favorite");
        output.Attributes.SetAttribute("class", "favorite-form d-inline");
        var content = output.Content;
        content.AppendHtml("<input type=\"hidden\" name=\"returnUrl\" value=\"");
        content.Append(ReturnUrl);
        content.AppendHtml("\" />");
        // Both hearts are drawn; .is-favorite on the button shows one (site.css), so the script only toggles the class.
        content.AppendHtml($"""<button type="submit" class="btn btn-link p-0 favorite-toggle{(IsFavorite ? " is-favorite" : "")}" aria-pressed="{(IsFavorite ? "true" : "false")}" aria-label="{label}" title="{label}" data-testid="favorite">""");
        content.AppendHtml(IconTagHelper.Markup(environment, "heart", "fs-5"));
        content.AppendHtml(IconTagHelper.Markup(environment, "heart-fill", "fs-5"));
        content.AppendHtml("</button>");
        content.AppendHtml(html.GenerateAntiforgery(ViewContext));
    }
}
