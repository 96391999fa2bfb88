using AngleSharp.Html.Dom;

namespace LeadPortal.Web.Tests.Support;

/// <summary>
/// Posts a rendered form the way a browser would (its own fields, checked boxes only, no disabled controls), with
/// some fields changed: every name in <c>changes</c> replaces all of that field's values; a null value leaves the field out.
/// </summary>
public static class IntakeForms
{
    public static List<KeyValuePair<string, string>> Fields(IHtmlDocument page, string formSelector)
    {
        ArgumentNullException.ThrowIfNull(page);
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form matches '{formSelector}'.");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            if (element.HasAttribute("disabled") || element.Closest("fieldset[disabled]") is not null)
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    if ((input.Type is "checkbox" or "radio") && !input.IsChecked)
                    {
                        continue;
                    }

                    if (input.Type is "submit" or "button")
                    {
                        continue;
                    }

                    fields.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name!, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    fields.Add(new(select.Name!, select.Value ?? string.Empty));
                    break;
            }
        }

        return fields;
    }

    public static async Task<HttpResponseMessage> SubmitWithAsync(
        this PortalClient client, IHtmlDocument page, string formSelector, IEnumerable<(string Name, string? Value)> changes)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(changes);
        var fields = Fields(page, formSelector);
        var list = changes.ToList();
        foreach (var name in list.Select(c => c.Name).Distinct(StringComparer.Ordinal))
        {
            fields.RemoveAll(f => f.Key == name);
        }

        fields.AddRange(list.Where(c => c.Value is not null).Select(c => new KeyValuePair<string, string>(c.Name, c.Value!)));
        var action = page.QuerySelector(formSelector)!.GetAttribute("action") ?? throw new InvalidOperationException("The form has no action.");
        using var content = new FormUrlEncodedContent(fields);
        return await client.Http.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    /// <summary>The same values with every field named in <paramref name="overrides"/> replaced by the overrides' values.</summary>
    public static List<(string Name, string? Value)> With(this IEnumerable<(string Name, string? Value)> values, params (string Name, string? Value)[] overrides)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(overrides);
        var names = overrides.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        return [.. values.Where(v => !names.Contains(v.Name)), .. overrides];
    }

    /// <summary>The values a field would post, in order (e.g. the checked "Industries").</summary>
    public static IReadOnlyList<string> ValuesOf(IHtmlDocument page, string formSelector, string name) =>
        [.. Fields(page, formSelector).Where(f => f.Key == name).Select(f => f.Value)];
}
