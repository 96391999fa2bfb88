using System.Text;
using System.Text.Json;

using Microsoft.Playwright;

namespace LeadPortal.Browser.Tests.Support;

/// <summary>
/// axe-core 4.14.1, vendored from the npm registry under axe/ (MPL-2.0). A page passes when axe finds no violation of
/// impact serious or critical.
/// </summary>
public static class Axe
{
    private const string Run = """
        async () => {
          const results = await axe.run(document, { resultTypes: ['violations'] });
          return JSON.stringify(results.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => ({
              id: v.id,
              impact: v.impact,
              help: v.help,
              nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').replace(/\s+/g, ' ').trim())
            })));
        }
        """;

    private static readonly Lazy<string> Source = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js");
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new FileNotFoundException($"axe-core is missing from the test output: {path}.", path);
    });

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Runs axe on the page as it is now and returns its serious and critical violations.</summary>
    public static async Task<IReadOnlyList<AxeViolation>> SeriousViolationsAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = Source.Value });
        }

        var json = await page.EvaluateAsync<string>(Run);
        return JsonSerializer.Deserialize<List<AxeViolation>>(json, Json) ?? [];
    }

    public static string Describe(string url, IReadOnlyList<AxeViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        var text = new StringBuilder().AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"Accessibility violations (serious or critical) on {url}:");
        foreach (var v in violations)
        {
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"- [{v.Impact}] {v.Id}: {v.Help}");
            foreach (var node in v.Nodes.Take(10))
            {
                text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"    {node}");
            }
        }

        return text.ToString();
    }
}

public sealed record AxeViolation(string Id, string Impact, string Help, IReadOnlyList<string> Nodes);
