using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using LeadPortal.Web.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Xunit.Abstractions;

namespace LeadPortal.Web.Tests;

/// <summary>
/// No 5xx from anything a person can type or tamper with. Every route the app maps (read from its endpoint data
/// source, so a new one is covered without editing this test) gets, one field at a time with the others left valid:
/// empty, very long, unicode and control characters, markup, numbers out of range, wrong types, dates at both ends
/// of the calendar, repeated fields, invalid UTF-8; in its route values too; and its form bodies in other charsets.
/// The API's JSON bodies get wrong types, far values, unknown members, malformed and deeply nested JSON. An answer is
/// a 2xx or 3xx, or a 4xx: with a message on the page for a refused form (422), a problem document from the API.
/// </summary>
public sealed partial class RouteFuzzTests : IClassFixture<RouteFuzzPortal>
{
    private const string TokenField = "__RequestVerificationToken";
    private const string ProblemJson = "application/problem+json";
    private const string Placeholder = "__route_fuzz_value__";
    private const string Logout = "account/logout";

    private static readonly FuzzValue[] Values =
    [
        new("empty", string.Empty),
        new("blank", "   "),
        new("10,000 chars", new string('x', 10_000)),
        new("emoji", "😀👍🏽🇹🇼"),
        new("RTL", "\u202Eשלום مرحبا"),
        new("combining", "e\u0301\u0302\u0303Z\u0336\u0336"),
        new("NUL", "a\u0000b"),
        new("U+001F", "\u001f"),
        new("markup", "<script>alert(1)</script>"),
        new("-1", "-1"),
        new("0", "0"),
        new("20 digits", "99999999999999999999"),
        new("1e400", "1e400"),
        new("NaN", "NaN"),
        new("true", "true"),
        new("yes", "yes"),
        new("first day", "0001-01-01"),
        new("last day", "9999-12-31"),
        new("last second", "9999-12-31T23:59:59"),
        new("first day east", "0001-01-01T00:00:00+14:00"),
        new("last second west", "9999-12-31T23:59:59-14:00"),
        new("invalid UTF-8", "%FF%FE%C0%AF", PreEncoded: true),
    ];

    /// <summary>JSON tokens a member of a body is set to, written as they go on the wire.</summary>
    private static readonly FuzzValue[] JsonValues =
    [
        new("string", "\"fuzz\""),
        new("number", "123"),
        new("object", """{"a":1}"""),
        new("empty object", "{}"),
        new("array", "[1,2]"),
        new("empty array", "[]"),
        new("null", "null"),
        new("true", "true"),
        new("1e400", "1e400"),
        new("32 digits", "99999999999999999999999999999999"),
        new("-1", "-1"),
        new("0", "0"),
        new("tiny fraction", "0.0000000000000000000000000000001"),
        new("empty string", "\"\""),
        new("10,000 chars", "\"" + new string('x', 10_000) + "\""),
        new("control characters", "\"a\\u0000b\\u001f\""),
        new("unicode", "\"😀\u202Eשלום e\u0301\""),
        new("lone surrogate", "\"\\ud800\""),
        new("markup", "\"<script>alert(1)</script>\""),
        new("first day", "\"0001-01-01\""),
        new("last day", "\"9999-12-31\""),
        new("last second", "\"9999-12-31T23:59:59Z\""),
        new("NaN", "\"NaN\""),
    ];

    /// <summary>
    /// The values for a route's parameters: not pre-encoded bytes, and no NUL, which the server refuses in a path before
    /// the app sees it (Kestrel answers 400; the test server throws in the client).
    /// </summary>
    private static readonly FuzzValue[] PathValues = [.. Values.Where(v => !v.PreEncoded && !v.Text.Contains('\0', StringComparison.Ordinal))];

    private readonly RouteFuzzPortal _factory;
    private readonly ITestOutputHelper _output;
    private readonly List<string> _failures = [];
    private readonly SortedDictionary<int, int> _statuses = [];
    private int _cases;
    private TestOrganization _organization = default!;
    private PortalClient _browser = default!;

    public RouteFuzzTests(RouteFuzzPortal factory, ITestOutputHelper output)
    {
        _factory = factory;
        _output = output;
        factory.SeededAsync().GetAwaiter().GetResult();
    }

    private sealed record FuzzValue(string Label, string Text, bool PreEncoded = false);

    /// <summary>Where a POST route's form is: a page (a fresh one on each call: a new lead for a lead page), and the form's current fields.</summary>
    private sealed class FormTarget(Func<Task<string>> pageUrl)
    {
        public Func<Task<string>> PageUrl { get; } = pageUrl;
        public string Action { get; set; } = string.Empty;
        public Dictionary<string, string> RouteValues { get; set; } = [];
        public List<KeyValuePair<string, string>> Fields { get; set; } = [];

        /// <summary>The names of the form's own fields (checked or not); null when no page shows the form.</summary>
        public HashSet<string>? OnPage { get; set; }
    }

    [Fact]
    public void Enumeration_FindsTheAppsRoutesAndTheirFields()
    {
        var (routes, _) = RouteCatalog.Enumerate(_factory.Services);
        var names = routes.Select(r => r.ToString()).ToHashSet(StringComparer.Ordinal);

        Assert.True(routes.Count >= 30, $"Only {routes.Count} routes: {string.Join(", ", names)}");
        Assert.Contains("GET /leads/{id:long}", names);
        Assert.Contains("POST /leads/{id:long}/accept", names);
        Assert.Contains("GET /api/v1/referrals", names);
        Assert.Contains("POST /api/v1/referrals", names);
        Assert.Contains("PATCH /api/v1/referrals/{id:long}", names);
        var accept = routes.Single(r => r.ToString() == "POST /leads/{id:long}/accept");
        Assert.Contains(accept.Fields, f => f.Name == "Accept.EstimatedValue" && f.Source == FuzzFieldSource.Form);
        Assert.Contains(accept.Fields, f => f.Name == "Accept.Contacts[0].Email");
        var create = routes.Single(r => r.ToString() == "POST /api/v1/referrals");
        Assert.NotNull(create.BodyType);
        Assert.Contains(RouteCatalog.JsonMembers(create.BodyType!), m => m.Name == "customer.email");
        Assert.Contains(create.Fields, f => f.Name == "Idempotency-Key" && f.Source == FuzzFieldSource.Header);
        Assert.Contains(routes.Single(r => r.ToString() == "GET /api/v1/referrals").Fields, f => f.Name == "limit");
    }

    [Fact]
    public async Task FormWithANulCharacter_IsRefusedAs400NotAs500()
    {
        using var client = await _factory.SignInAsync("admin@contoso.test");
        var page = await client.GetPageAsync("/profile");

        var response = await client.SubmitAsync(page, "#profile-form", new Dictionary<string, string> { ["CompanyName"] = "a\u0000b" });

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SignInWithATamperedKeepMeSignedIn_ShowsTheFormWithTheMessage()
    {
        using var client = _factory.CreatePortalClient();
        var login = await client.GetPageAsync("/account/login");

        var response = await client.SubmitAsync(login, "form[action='/account/login']", new Dictionary<string, string>
        {
            ["Email"] = "nobody@example.com",
            ["Password"] = "not the password",
            ["RememberMe"] = "yes",
        });

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("'yes' is not a valid value here.", LeadPage.FieldMessage(await PortalClient.ParseAsync(response), "RememberMe"));
    }

    [Fact]
    public async Task ProfileWithAnUnknownCompanySize_SaysSoNextToTheSizes()
    {
        var organization = await _factory.CreateOrganizationAsync("Fuzz Sizes");
        using var client = await _factory.SignInAsync(organization.AdminEmail);
        var page = await client.GetPageAsync("/profile");

        var response = await client.SubmitWithAsync(page, "#profile-form", [("CompanySizes", "10-49"), ("CompanySizes", "a million")]);

        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Choose company sizes from the list.", LeadPage.FieldMessage(await PortalClient.ParseAsync(response), "CompanySizes"));
    }

    [Fact]
    public async Task ApiBodyWithANulInAText_IsA400ProblemAtTheField()
    {
        var key = await _factory.CreateApiKeyAsync("admin@fabrikam.test");
        using var api = _factory.ApiClient(key.FullKey);
        var body = ReferralsApi.NewReferral("contoso", "Nul\u0000 Co");

        using var response = await api.PostJsonAsync(ReferralsApi.Base, body);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            "Remove the invisible NUL character (U+0000) from this field.",
            (await response.JsonAsync())["errors"]!["customer.companyName"]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/leads/marketplace?q=a%00b")]
    [InlineData("/partners?q=a%00b&industry=%00&country=%00&size=%00")]
    public async Task SearchWithANul_IsAnsweredWithTheList(string url)
    {
        using var client = await _factory.SignInAsync("admin@contoso.test");

        using var response = await client.GetAsync(url);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task EveryRoute_AnswersTamperedInputWithoutA5xx()
    {
        var clock = Stopwatch.StartNew();
        _organization = await _factory.CreateOrganizationAsync("Route Fuzz");
        var key = await _factory.CreateApiKeyAsync(_organization.AdminEmail);
        using var browser = await _factory.SignInAsync(_organization.AdminEmail);
        _browser = browser;
        var (routes, skipped) = RouteCatalog.Enumerate(_factory.Services);

        // The API goes first: fuzzing the key page's revoke form revokes the key the API calls use.
        using (var api = _factory.ApiClient(key.FullKey))
        {
            foreach (var route in routes.Where(r => r.IsApi && r.IsController))
            {
                await FuzzApiAsync(api, route);
            }
        }

        var forms = await FindFormsAsync(routes);
        // Logging out ends the session whose antiforgery token every other form carries: it goes last.
        foreach (var route in routes.Where(r => !(r.IsApi && r.IsController)).OrderBy(r => r.Template == Logout))
        {
            if (route.Method == "GET")
            {
                await FuzzGetAsync(route);
            }
            else
            {
                await FuzzFormAsync(route, forms.GetValueOrDefault(route.ToString()));
            }
        }

        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RouteFuzz: {routes.Count} routes, {_cases} cases"));
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Took {clock.Elapsed.TotalSeconds:F0} s; statuses: {string.Join(", ", _statuses.Select(s => $"{s.Key}×{s.Value}"))}"));
        _output.WriteLine("Forms found on pages: " + string.Join(", ", forms.Keys));
        _output.WriteLine("Skipped: " + string.Join("; ", skipped));
        Assert.True(_failures.Count == 0, $"{_failures.Count} answers broke the rule:\n" + string.Join('\n', _failures.Take(200)));
    }

    private async Task FuzzGetAsync(FuzzRoute route)
    {
        var values = await ValidRouteValuesAsync(route, LeadState.Received);
        var path = route.Path(values);
        await CheckAsync(_browser.Http, route, "(valid)", string.Empty, () => Get(path));
        foreach (var field in route.Fields)
        {
            foreach (var value in Values)
            {
                await CheckAsync(_browser.Http, route, field.Name, value.Label, () => Get(path + "?" + Encode([(field.Name, value)])));
            }

            await CheckAsync(_browser.Http, route, field.Name, "repeated", () => Get(path + "?" + Encode([(field.Name, Values[8]), (field.Name, Values[11])])));
        }

        await FuzzRouteValuesAsync(route, values, url => Get(url));
    }

    private async Task FuzzFormAsync(FuzzRoute route, FormTarget? target)
    {
        if (target is null)
        {
            // No page shows this route's form (e.g. sign-in, to a signed-in user): the fields its action binds, with valid values.
            var values = await ValidRouteValuesAsync(route, LeadState.Received);
            var token = LeadPage.AntiforgeryToken(await _browser.GetPageAsync("/profile"));
            target = new FormTarget(() => Task.FromResult(string.Empty))
            {
                Action = route.Path(values),
                RouteValues = values,
                Fields = [new(TokenField, token), .. route.Fields.Select(f => new KeyValuePair<string, string>(f.Name, ValidText(f.Name, f.Type)))],
            };
        }

        var names = target.Fields.Select(f => f.Key).Concat(route.Fields.Select(f => f.Name)).Distinct(StringComparer.Ordinal).ToList();
        await PostAsync(route, target, "(valid)", string.Empty, () => Form(route, target.Action, target.Fields.Select(Plain)));
        foreach (var name in names)
        {
            // A field the page does not show (one its action binds but no form sends) has nowhere to show a message.
            var messageExpected = target.OnPage?.Contains(name) != false;
            foreach (var value in Values)
            {
                await PostAsync(route, target, name, value.Label, messageExpected,
                    () => Form(route, target.Action, [.. target.Fields.Where(f => f.Key != name).Select(Plain), (name, value)]));
            }

            await PostAsync(route, target, name, "repeated", messageExpected,
                () => Form(route, target.Action, [.. target.Fields.Select(Plain), (name, Values[8]), (name, Values[11])]));
        }

        foreach (var (label, contentType, encoding) in new (string, string, Encoding)[]
        {
            ("body in UTF-16", "application/x-www-form-urlencoded; charset=utf-16", Encoding.Unicode),
            ("UTF-8 body declared UTF-16", "application/x-www-form-urlencoded; charset=utf-16", Encoding.UTF8),
            ("unknown charset", "application/x-www-form-urlencoded; charset=klingon", Encoding.UTF8),
            ("body in Latin-1", "application/x-www-form-urlencoded; charset=iso-8859-1", Encoding.Latin1),
            ("text/plain", "text/plain", Encoding.UTF8),
        })
        {
            await PostAsync(route, target, "(body)", label, () => Form(route, target.Action, target.Fields.Select(Plain), contentType, encoding));
        }

        await PostAsync(route, target, "(body)", "every field twice",
            () => Form(route, target.Action, [.. target.Fields.Select(Plain), .. target.Fields.Select(Plain)]));
        await PostAsync(route, target, "(body)", "multipart", () =>
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (name, value) in target.Fields)
            {
                multipart.Add(new StringContent(value), name);
            }

            return new HttpRequestMessage(new HttpMethod(route.Method), new Uri(target.Action, UriKind.Relative)) { Content = multipart };
        });
        await PostAsync(route, target, "(body)", "empty", () => Form(route, target.Action, []));
        await FuzzRouteValuesAsync(route, target.RouteValues, url => Form(route, url, target.Fields.Select(Plain)));
    }

    /// <summary>Posts, and after an answer that did something reloads the form (a new lead for a lead's form), so the next case meets a lead it applies to.</summary>
    private async Task PostAsync(FuzzRoute route, FormTarget target, string field, string value, Func<HttpRequestMessage> request) =>
        await PostAsync(route, target, field, value, messageExpected: true, request);

    private async Task PostAsync(FuzzRoute route, FormTarget target, string field, string value, bool messageExpected, Func<HttpRequestMessage> request)
    {
        var status = await CheckAsync(_browser.Http, route, field, value, request, messageExpected);
        if (status is >= 200 and < 400 && route.Template != Logout && await target.PageUrl() is { Length: > 0 } page)
        {
            Load(target, route, await _browser.GetPageAsync(page));
        }
    }

    private async Task FuzzRouteValuesAsync(FuzzRoute route, Dictionary<string, string> valid, Func<string, HttpRequestMessage> request)
    {
        foreach (var parameter in route.RouteParameters)
        {
            foreach (var value in PathValues)
            {
                var values = new Dictionary<string, string>(valid, StringComparer.Ordinal) { [parameter.Name] = value.Text };
                await CheckAsync(_browser.Http, route, "{" + parameter.Name + "}", value.Label, () => request(route.Path(values)));
            }
        }
    }

    private async Task FuzzApiAsync(HttpClient api, FuzzRoute route)
    {
        var body = route.BodyType is null ? null : ValidJson(route.BodyType, string.Empty, 0);
        var bodyText = body?.ToJsonString();
        // A route on one lead: whichever of a received or an accepted lead its valid request succeeds on, so the fuzz
        // reaches the action rather than a refusal by the stage.
        var state = LeadState.Received;
        var values = await ValidRouteValuesAsync(route, state);
        if (route.RouteParameters.Any(p => p.Name == "id"))
        {
            foreach (var candidate in new[] { LeadState.Received, LeadState.Accepted })
            {
                state = candidate;
                values = await ValidRouteValuesAsync(route, state);
                var status = await CheckAsync(api, route, "(valid)", candidate.ToString(), () => Json(route, route.Path(values), bodyText));
                if (status is >= 200 and < 300)
                {
                    values = await ValidRouteValuesAsync(route, state);
                    break;
                }
            }
        }
        else
        {
            await CheckAsync(api, route, "(valid)", string.Empty, () => Json(route, route.Path(values), bodyText));
        }

        async Task SendAsync(string field, string value, Func<string, HttpRequestMessage> request)
        {
            var status = await CheckAsync(api, route, field, value, () => request(route.Path(values)));
            if (status is >= 200 and < 300 && route.Method != "GET" && values.ContainsKey("id"))
            {
                values = await ValidRouteValuesAsync(route, state);
            }
        }

        if (body is not null)
        {
            foreach (var member in RouteCatalog.JsonMembers(route.BodyType!))
            {
                foreach (var value in JsonValues)
                {
                    await SendAsync(member.Name, value.Label, url => Json(route, url, WithMember(body, member.Path, value.Text)));
                }

                await SendAsync(member.Name, "left out", url => Json(route, url, WithMember(body, member.Path, null)));
            }

            var first = body.AsObject().First().Key;
            var bodies = new (string Label, string? Text, string? ContentType, Encoding Encoding)[]
            {
                ("empty", string.Empty, "application/json", Encoding.UTF8),
                ("no body", null, null, Encoding.UTF8),
                ("malformed", $$"""{"{{first}}":""", "application/json", Encoding.UTF8),
                ("cut short", bodyText![..^1], "application/json", Encoding.UTF8),
                ("trailing garbage", bodyText + "}}", "application/json", Encoding.UTF8),
                ("null", "null", "application/json", Encoding.UTF8),
                ("array", "[]", "application/json", Encoding.UTF8),
                ("string", "\"fuzz\"", "application/json", Encoding.UTF8),
                ("number", "1", "application/json", Encoding.UTF8),
                ("unknown member", "{\"unknownMember\":{\"a\":[1]}," + bodyText[1..], "application/json", Encoding.UTF8),
                ("repeated member", $$"""{"{{first}}":{},""" + bodyText[1..], "application/json", Encoding.UTF8),
                ("nested 100 deep", "{\"deep\":" + new string('[', 100) + new string(']', 100) + "," + bodyText[1..], "application/json", Encoding.UTF8),
                ("nested 5,000 deep", "{\"deep\":" + string.Concat(Enumerable.Repeat("{\"a\":", 5000)) + "1" + new string('}', 5000) + "," + bodyText[1..], "application/json", Encoding.UTF8),
                ("comment", "/* c */" + bodyText, "application/json", Encoding.UTF8),
                ("byte order mark", "\uFEFF" + bodyText, "application/json", Encoding.UTF8),
                ("body in UTF-16", bodyText, "application/json; charset=utf-16", Encoding.Unicode),
                ("unknown charset", bodyText, "application/json; charset=klingon", Encoding.UTF8),
                ("body in Latin-1", bodyText.Replace("Fuzz", "Füzz", StringComparison.Ordinal), "application/json; charset=iso-8859-1", Encoding.Latin1),
                ("text/plain", bodyText, "text/plain", Encoding.UTF8),
                ("form", "a=b", "application/x-www-form-urlencoded", Encoding.UTF8),
            };
            foreach (var (label, text, contentType, encoding) in bodies)
            {
                await SendAsync("(body)", label, url => Json(route, url, text, contentType, encoding));
            }

            await SendAsync("(body)", "invalid UTF-8", url =>
            {
                var bytes = Encoding.UTF8.GetBytes(bodyText.Replace("Fuzz", Placeholder, StringComparison.Ordinal)).ToList();
                var at = Encoding.UTF8.GetBytes(bodyText[..bodyText.IndexOf("Fuzz", StringComparison.Ordinal)]).Length;
                bytes.RemoveRange(at, Placeholder.Length);
                bytes.InsertRange(at, [0xFF, 0xFE, 0xC0, 0xAF]);
                return Json(route, url, null, "application/json", bytes: [.. bytes]);
            });
        }

        foreach (var field in route.Fields)
        {
            foreach (var value in Values)
            {
                if (field.Source == FuzzFieldSource.Header)
                {
                    if (value.Text.All(c => c is >= ' ' and <= '~'))
                    {
                        await SendAsync(field.Name, value.Label, url => Json(route, url, bodyText, headers: [(field.Name, value.Text)]));
                    }
                }
                else
                {
                    await SendAsync(field.Name, value.Label, url => Json(route, url + "?" + Encode([(field.Name, value)]), bodyText));
                }
            }
        }

        if (route.Method != "GET" && values.ContainsKey("id"))
        {
            // The version the caller read: the actions read it from the request, not from a parameter.
            foreach (var value in Values.Where(v => v.Text.All(c => c is >= ' ' and <= '~')).Append(new FuzzValue("quoted empty", "\"\"")))
            {
                await SendAsync("If-Match", value.Label, url => Json(route, url, bodyText, headers: [("If-Match", value.Text)]));
            }
        }

        foreach (var parameter in route.RouteParameters)
        {
            foreach (var value in PathValues)
            {
                var tampered = new Dictionary<string, string>(values, StringComparer.Ordinal) { [parameter.Name] = value.Text };
                await CheckAsync(api, route, "{" + parameter.Name + "}", value.Label, () => Json(route, route.Path(tampered), bodyText));
            }
        }
    }

    /// <summary>Sends one case and checks its answer; returns the status, or null when the request failed.</summary>
    private async Task<int?> CheckAsync(
        HttpClient http, FuzzRoute route, string field, string value, Func<HttpRequestMessage> build, bool messageExpected = true)
    {
        var errorsBefore = _factory.Errors.Entries.Count;
        using var request = build();
        var url = request.RequestUri!.OriginalString;
        _cases++;
        string? problem;
        int? status = null;
        try
        {
            using var response = await http.SendAsync(request);
            status = (int)response.StatusCode;
            _statuses[status.Value] = _statuses.GetValueOrDefault(status.Value) + 1;
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            problem = status switch
            {
                >= 500 => $"{status} {Shorten(await response.Content.ReadAsStringAsync(), 300)}",
                >= 400 when url.StartsWith("/api/", StringComparison.Ordinal) && mediaType != ProblemJson =>
                    $"{status} from the API without a problem document ({mediaType})",
                422 when messageExpected && !await ShowsAMessageAsync(response) => "422 without a message on the page",
                _ => null,
            };
        }
        catch (HttpRequestException e)
        {
            problem = "the request failed: " + e.Message;
        }
        catch (IOException e)
        {
            problem = "the answer broke off: " + e.Message;
        }

        if (problem is not null)
        {
            var error = _factory.Errors.Entries.Skip(errorsBefore).FirstOrDefault();
            _failures.Add($"{request.Method} {Shorten(url, 120)} [{field} = {value}] ({route}): {problem}" + (error is null ? string.Empty : " — " + Shorten(error, 400)));
        }

        return status;
    }

    private static async Task<bool> ShowsAMessageAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType == ProblemJson)
        {
            return true;
        }

        var page = await PortalClient.ParseAsync(response);
        return page.QuerySelectorAll("[data-valmsg-for], [data-testid=form-error], [data-testid=refusal], .alert-danger, .validation-summary-errors li")
            .Any(e => LeadPage.Text(e).Length > 0);
    }

    /// <summary>Every POST form on the pages the GET routes show (with a received and an accepted lead), by the route its action matches.</summary>
    private async Task<Dictionary<string, FormTarget>> FindFormsAsync(IReadOnlyList<FuzzRoute> routes)
    {
        var targets = new Dictionary<string, FormTarget>(StringComparer.Ordinal);
        var posts = routes.Where(r => r.Method != "GET" && !r.IsApi).ToList();
        foreach (var page in routes.Where(r => r.Method == "GET" && !r.IsApi))
        {
            foreach (var state in page.RouteParameters.Any(p => p.Name == "id") ? new[] { LeadState.Received, LeadState.Accepted } : [LeadState.Received])
            {
                async Task<string> PageUrl() => page.Path(await ValidRouteValuesAsync(page, state));
                var url = await PageUrl();
                using var response = await _browser.GetAsync(url);
                if (response.StatusCode != System.Net.HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
                {
                    continue;
                }

                var document = await PortalClient.ParseAsync(response);
                foreach (var route in posts.Where(r => !targets.ContainsKey(r.ToString())))
                {
                    var target = new FormTarget(PageUrl);
                    if (Load(target, route, document))
                    {
                        targets[route.ToString()] = target;
                    }
                }
            }
        }

        return targets;
    }

    /// <summary>Reads <paramref name="route"/>'s form from <paramref name="page"/> into <paramref name="target"/>: its action, route values and fields.</summary>
    private bool Load(FormTarget target, FuzzRoute route, IHtmlDocument page)
    {
        var matcher = new TemplateMatcher(TemplateParser.Parse(route.Template), []);
        foreach (var form in page.QuerySelectorAll("form").OfType<IHtmlFormElement>())
        {
            var action = form.GetAttribute("action");
            var values = new RouteValueDictionary();
            if (!string.Equals(form.Method, route.Method, StringComparison.OrdinalIgnoreCase) || action is null
                || !matcher.TryMatch(action.Split('?')[0], values))
            {
                continue;
            }

            target.Action = action;
            target.RouteValues = values.ToDictionary(v => v.Key, v => Convert.ToString(v.Value, CultureInfo.InvariantCulture) ?? string.Empty, StringComparer.Ordinal);
            target.Fields = FormFields(form, route);
            target.OnPage = [.. form.Elements.Select(e => e.GetAttribute("name")).OfType<string>()];
            return true;
        }

        return false;
    }

    /// <summary>What a person posts with the form: its fields as rendered, the empty ones a person fills in filled with valid values.</summary>
    private List<KeyValuePair<string, string>> FormFields(IHtmlFormElement form, FuzzRoute route)
    {
        var fields = new List<KeyValuePair<string, string>>();
        var radios = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var element in form.Elements.Where(e => !e.HasAttribute("disabled") && e.Closest("fieldset[disabled]") is null))
        {
            // A field hidden from people (the inquiry form's trap for bots) stays as it is.
            var fill = element.GetAttribute("tabindex") != "-1";
            switch (element)
            {
                case IHtmlInputElement { Type: "radio" } radio when !string.IsNullOrEmpty(radio.Name):
                    if (radio.IsChecked)
                    {
                        fields.Add(new(radio.Name!, radio.Value));
                        radios[radio.Name!] = radio.Value;
                    }
                    else
                    {
                        radios.TryAdd(radio.Name!, string.Empty);
                        if (radios[radio.Name!].Length == 0)
                        {
                            radios[radio.Name!] = radio.Value;
                        }
                    }

                    break;
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    if (input.Type is "submit" or "button" or "image" or "reset" || (input.Type == "checkbox" && !input.IsChecked))
                    {
                        continue;
                    }

                    fields.Add(new(input.Name!, input.Value.Length == 0 && fill && input.Type != "hidden" ? ValidText(input.Name!, TypeOf(route, input.Name!, input.Type)) : input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name!, area.Value.Length == 0 && fill ? ValidText(area.Name!, TypeOf(route, area.Name!, "text")) : area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    var chosen = select.Value is { Length: > 0 } selected ? selected
                        : select.Options.Select(o => o.Value).FirstOrDefault(v => v.Length > 0) ?? string.Empty;
                    fields.Add(new(select.Name!, chosen));
                    break;
            }
        }

        // A choice of radio buttons with none checked: a person picks one.
        foreach (var (name, value) in radios.Where(r => fields.All(f => f.Key != r.Key)))
        {
            fields.Add(new(name, value));
        }

        return fields;
    }

    private static Type TypeOf(FuzzRoute route, string name, string inputType)
    {
        var bound = IndexPattern().Replace(name, "[0]");
        return route.Fields.FirstOrDefault(f => f.Name == bound)?.Type ?? inputType switch
        {
            "number" => typeof(decimal),
            "date" => typeof(DateOnly),
            _ => typeof(string),
        };
    }

    /// <summary>A value that passes the field's rules, guessed from its type and name.</summary>
    private string ValidText(string name, Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(bool))
        {
            return "false";
        }

        if (t.IsEnum)
        {
            return Enum.GetNames(t)[0];
        }

        if (t == typeof(decimal) || t == typeof(int) || t == typeof(long) || t == typeof(double))
        {
            return "100";
        }

        if (t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset))
        {
            return _factory.Today().AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        if (t == typeof(Guid))
        {
            return Guid.NewGuid().ToString();
        }

        var lower = name.ToLowerInvariant();
        return lower switch
        {
            _ when lower.Contains("email", StringComparison.Ordinal) => "fuzz@example.com",
            _ when lower.Contains("phone", StringComparison.Ordinal) => "+886 2 1234 5678",
            _ when lower.Contains("url", StringComparison.Ordinal) || lower.Contains("website", StringComparison.Ordinal) => "https://example.com/",
            _ when lower.Contains("currency", StringComparison.Ordinal) => "USD",
            // The API takes its choices as strings.
            _ when lower.EndsWith("targetorganization", StringComparison.Ordinal) => "contoso",
            _ when lower.EndsWith("type", StringComparison.Ordinal) => "salesQualified",
            _ when lower.EndsWith("kind", StringComparison.Ordinal) => "partner",
            _ when lower.EndsWith("reason", StringComparison.Ordinal) => "NotAFit",
            _ => "Fuzz value text",
        };
    }

    /// <summary>A valid JSON value for <paramref name="type"/>, an object for a request type (its list members with one item).</summary>
    private JsonNode? ValidJson(Type type, string name, int depth)
    {
        if (RouteCatalog.IsSimple(type))
        {
            var t = Nullable.GetUnderlyingType(type) ?? type;
            var text = ValidText(name, type);
            return t == typeof(bool) ? JsonValue.Create(false)
                : t == typeof(decimal) || t == typeof(int) || t == typeof(long) || t == typeof(double) ? JsonValue.Create(100)
                : JsonValue.Create(text);
        }

        if (RouteCatalog.ElementType(type) is { } element)
        {
            return new JsonArray(ValidJson(element, name, depth + 1));
        }

        var json = new JsonObject();
        if (depth < 3)
        {
            foreach (var property in RouteCatalog.BindableProperties(type))
            {
                json[RouteCatalog.JsonName(property.Name)] = ValidJson(property.PropertyType, property.Name, depth + 1);
            }
        }

        return json;
    }

    /// <summary>The body with the member at <paramref name="path"/> set to the raw JSON <paramref name="raw"/>, or left out when it is null.</summary>
    private static string WithMember(JsonNode body, IReadOnlyList<object> path, string? raw)
    {
        var copy = body.DeepClone();
        var parent = path.SkipLast(1).Aggregate<object, JsonNode?>(copy, (node, step) => step is int index ? node?[index] : node?[(string)step]);
        switch (path[^1], parent)
        {
            case (string member, JsonObject parentObject) when raw is null:
                parentObject.Remove(member);
                break;
            case (string member, JsonObject parentObject):
                parentObject[member] = Placeholder;
                break;
            case (int index, JsonArray array) when raw is null:
                array.RemoveAt(index);
                break;
            case (int index, JsonArray array):
                array[index] = Placeholder;
                break;
        }

        return copy.ToJsonString().Replace($"\"{Placeholder}\"", raw, StringComparison.Ordinal);
    }

    private async Task<Dictionary<string, string>> ValidRouteValuesAsync(FuzzRoute route, LeadState state)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in route.RouteParameters)
        {
            values[parameter.Name] = parameter.Name switch
            {
                // An id is one of the signed-in organization's leads, a new one each time (an action may archive it).
                "id" => (await _factory.CreateLeadAsync(state, _organization.Slug)).ToString(CultureInfo.InvariantCulture),
                "slug" => "contoso",
                "tab" => "marketplace",
                "status" => "404",
                "documentName" => "v1",
                _ => Convert.ToString(parameter.Default, CultureInfo.InvariantCulture) ?? "1",
            };
        }

        return values;
    }

    private static (string, FuzzValue) Plain(KeyValuePair<string, string> field) => (field.Key, new FuzzValue(string.Empty, field.Value));

    private static string Encode(IEnumerable<(string Name, FuzzValue Value)> fields) =>
        string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Name) + "=" + (f.Value.PreEncoded ? f.Value.Text : Uri.EscapeDataString(f.Value.Text))));

    private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, new Uri(url, UriKind.Relative));

    private static HttpRequestMessage Form(
        FuzzRoute route, string url, IEnumerable<(string Name, FuzzValue Value)> fields,
        string contentType = "application/x-www-form-urlencoded", Encoding? encoding = null)
    {
        var content = new ByteArrayContent((encoding ?? Encoding.UTF8).GetBytes(Encode(fields)));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return new HttpRequestMessage(new HttpMethod(route.Method), new Uri(url, UriKind.Relative)) { Content = content };
    }

    private static HttpRequestMessage Json(
        FuzzRoute route, string url, string? body, string? contentType = "application/json", Encoding? encoding = null,
        byte[]? bytes = null, IEnumerable<(string Name, string Value)>? headers = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(route.Method), new Uri(url, UriKind.Relative));
        if (route.Method != "GET" && (body is not null || bytes is not null))
        {
            request.Content = new ByteArrayContent(bytes ?? (encoding ?? Encoding.UTF8).GetBytes(body!));
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    private static string Shorten(string text, int length)
    {
        var visible = ControlCharacters().Replace(text, m => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)m.Value[0]:x4}"));
        return visible.Length <= length ? visible : visible[..length] + "…";
    }

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex IndexPattern();

    [GeneratedRegex(@"\p{Cc}")]
    private static partial Regex ControlCharacters();
}
