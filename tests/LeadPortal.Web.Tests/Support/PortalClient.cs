using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace LeadPortal.Web.Tests.Support;

/// <summary>An HttpClient that behaves like a browser user: it reads pages and posts their forms with the rendered antiforgery token.</summary>
public sealed class PortalClient(HttpClient http) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http { get; } = http;

    public async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        var login = await GetPageAsync("/account/login");
        return await SubmitAsync(login, "form[action='/account/login']", new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
        });
    }

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(url);

    public async Task<IHtmlDocument> GetPageAsync(string url)
    {
        var response = await GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}.");
        }

        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return Parser.ParseDocument(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts the form that <paramref name="formSelector"/> finds, with its own fields (the antiforgery token among them) overridden by <paramref name="values"/>.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(IHtmlDocument page, string formSelector, IDictionary<string, string>? values = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form matches '{formSelector}'.");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    if ((input.Type is "checkbox" or "radio") && !input.IsChecked)
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

        if (values is not null)
        {
            foreach (var (name, value) in values)
            {
                fields.RemoveAll(f => f.Key == name);
                fields.Add(new(name, value));
            }
        }

        var action = form.GetAttribute("action") ?? throw new InvalidOperationException("The form has no action.");
        using var content = new FormUrlEncodedContent(fields);
        return await Http.PostAsync(action, content);
    }

    public async Task<HttpResponseMessage> PostFormAsync(string url, IDictionary<string, string> values)
    {
        using var content = new FormUrlEncodedContent(values);
        return await Http.PostAsync(url, content);
    }

    public void Dispose() => Http.Dispose();
}
