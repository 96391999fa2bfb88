using LeadPortal.Web.Features.Leads;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace LeadPortal.Web.Infrastructure;

/// <summary>What both field tag helpers read: the field's expression, its full name in the form and its first error.</summary>
public abstract class FieldTagHelperBase : TagHelper
{
    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = default!;

    protected abstract ModelExpression Expression { get; }

    protected string FullName => ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(Expression.Name);

    protected string? FirstError => FieldErrors.First(ViewContext.ModelState, FullName);
}

/// <summary>
/// A form field bound with <c>asp-for</c> names its error line (<c>aria-describedby="{id}-error"</c>, the span that
/// <see cref="FieldErrorTagHelper"/> writes) and says when the value was refused (<c>aria-invalid="true"</c>), after
/// the framework's tag helper has given it its name, id and value.
/// </summary>
[HtmlTargetElement("input", Attributes = For)]
[HtmlTargetElement("select", Attributes = For)]
[HtmlTargetElement("textarea", Attributes = For)]
public sealed class FieldStateTagHelper : FieldTagHelperBase
{
    private const string For = "asp-for";

    [HtmlAttributeName(For)]
    public ModelExpression Field { get; set; } = default!;

    protected override ModelExpression Expression => Field;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Attributes["type"]?.Value?.ToString() is "hidden" or "checkbox" or "radio" || output.Attributes["id"]?.Value is not { } id)
        {
            return;
        }

        if (!output.Attributes.ContainsName("aria-describedby"))
        {
            output.Attributes.SetAttribute("aria-describedby", $"{id}-error");
        }

        if (FirstError is not null)
        {
            output.Attributes.SetAttribute("aria-invalid", "true");
        }
    }
}

/// <summary>
/// <c>&lt;field-error for="Team.Name" /&gt;</c>: the line under a field that shows, in the user's language, why its
/// value was refused (empty until then, so a script or a screen reader finds it in place).
/// </summary>
[HtmlTargetElement("field-error", Attributes = "for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldErrorTagHelper(IStringLocalizer<SharedResource> localizer) : FieldTagHelperBase
{
    [HtmlAttributeName("for")]
    public ModelExpression Field { get; set; } = default!;

    protected override ModelExpression Expression => Field;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var name = FullName;
        output.TagName = "span";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "text-danger small");
        output.Attributes.SetAttribute("id", TagBuilder.CreateSanitizedId(name, "_") + "-error");
        output.Attributes.SetAttribute("data-valmsg-for", name);
        if (FirstError is { } message)
        {
            output.Content.SetContent(localizer[message]);
        }
    }
}
