using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;

namespace LeadPortal.Web.Tests.Support;

/// <summary>A key as its creator received it: the row id on the settings page and the full key shown once.</summary>
public sealed record CreatedApiKey(long Id, string FullKey)
{
    public string Prefix => FullKey.Split('_')[1];
}

/// <summary>Creates API keys the real way (a PartnerAdmin on the settings page) and calls the referrals API with them.</summary>
public static class ReferralsApi
{
    public const string Base = "/api/v1/referrals";
    public const string KeysPage = "/settings/api-keys";

    private static int s_counter;

    public static string Url(long id, string? action = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{Base}/{id}") + (action is null ? string.Empty : "/" + action);

    /// <summary>Signs in as <paramref name="adminEmail"/>, creates a key on the settings page and reads it from the page.</summary>
    public static async Task<CreatedApiKey> CreateApiKeyAsync(this PortalFactory factory, string adminEmail, string? webhookUrl = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        using var client = await factory.SignInAsync(adminEmail);
        var page = await client.GetPageAsync(KeysPage);
        var keyName = name ?? $"Connector {Interlocked.Increment(ref s_counter)}";
        var response = await client.SubmitWithAsync(page, "#api-key-form", [("Name", keyName), ("WebhookUrl", webhookUrl ?? string.Empty)]);
        if (response.StatusCode != System.Net.HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Creating a key answered {(int)response.StatusCode}.");
        }

        var created = await PortalClient.ParseAsync(response);
        var fullKey = LeadPage.Text(created.QuerySelector("[data-testid=new-key-value]"));
        if (fullKey.Length == 0)
        {
            throw new InvalidOperationException("The page did not show the new key.");
        }

        var prefix = fullKey.Split('_')[1];
        var row = created.QuerySelectorAll("tr[data-key-id]").SingleOrDefault(r => r.TextContent.Contains($"lp_{prefix}_", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("The new key is not listed.");
        return new CreatedApiKey(long.Parse(row.GetAttribute("data-key-id")!, CultureInfo.InvariantCulture), fullKey);
    }

    /// <summary>Revokes the key with its Revoke button on the settings page; returns the page after the redirect.</summary>
    public static async Task<IHtmlDocument> RevokeApiKeyAsync(this PortalFactory factory, string adminEmail, long keyId)
    {
        ArgumentNullException.ThrowIfNull(factory);
        using var client = await factory.SignInAsync(adminEmail);
        var page = await client.GetPageAsync(KeysPage);
        var response = await client.SubmitWithAsync(page, string.Create(CultureInfo.InvariantCulture, $"form[action='{KeysPage}/{keyId}/revoke']"), []);
        return await client.FollowAsync(response);
    }

    /// <summary>An API client; with a key, it sends <c>Authorization: Bearer</c>.</summary>
    public static HttpClient ApiClient(this PortalFactory factory, string? fullKey)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var http = factory.CreateClient();
        if (fullKey is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fullKey);
        }

        return http;
    }

    /// <summary>A valid body for POST /api/v1/referrals.</summary>
    public static JsonObject NewReferral(string target, string company, string type = "salesQualified", bool contactRequested = false) => new()
    {
        ["targetOrganization"] = target,
        ["type"] = type,
        ["customer"] = new JsonObject
        {
            ["companyName"] = company,
            ["contactName"] = "Cody Customer",
            ["email"] = "cody@customer.example",
            ["phone"] = "+886 2 7777 1234",
            ["country"] = "Taiwan",
            ["city"] = "Tainan",
            ["companySize"] = "250-999",
            ["industry"] = "Manufacturing",
        },
        ["need"] = "A data platform for three factories.",
        ["sender"] = new JsonObject { ["kind"] = "partner", ["name"] = "Paul Partner", ["email"] = "paul@sender.example" },
        ["contactRequested"] = contactRequested,
    };

    public static JsonObject AcceptBody(DateOnly closingDate, string dealName = "API deal", decimal value = 12500m, string currency = "USD") => new()
    {
        ["dealName"] = dealName,
        ["dealValue"] = value,
        ["currency"] = currency,
        ["closingDate"] = closingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["notes"] = "Accepted through the API.",
        ["externalReferenceId"] = "CRM-42",
        ["team"] = new JsonArray(new JsonObject { ["name"] = "Tia Team", ["email"] = "tia@partner.example", ["phone"] = "+886 2 3333 4444" }),
    };

    public static string UniqueCompany(string label) =>
        string.Create(CultureInfo.InvariantCulture, $"{label} Referral {Interlocked.Increment(ref s_counter)} Co");

    public static Task<HttpResponseMessage> SendJsonAsync(
        this HttpClient http, HttpMethod method, string url, JsonNode? body, string? idempotencyKey = null, string? ifMatch = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return SendAndDisposeAsync(http, request);
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient http, string url, JsonNode? body, string? idempotencyKey = null, string? ifMatch = null) =>
        http.SendJsonAsync(HttpMethod.Post, url, body, idempotencyKey, ifMatch);

    /// <summary>The JSON body of a response (an object or an array).</summary>
    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("The response has no JSON body.");
    }

    /// <summary>Creates a referral from <paramref name="senderKey"/> to <paramref name="target"/> and returns its id.</summary>
    public static async Task<long> SendReferralAsync(this PortalFactory factory, CreatedApiKey senderKey, string target, string company, bool contactRequested = false)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(senderKey);
        using var http = factory.ApiClient(senderKey.FullKey);
        using var response = await http.PostJsonAsync(Base, NewReferral(target, company, contactRequested: contactRequested));
        if (response.StatusCode != System.Net.HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Creating a referral answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.JsonAsync())["id"]!.GetValue<long>();
    }

    /// <summary>What a webhook receiver holding the full key computes: "sha256=" + hex(HMAC-SHA256(body, SHA-256(key))).</summary>
    public static string ExpectedSignature(string fullKey, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(fullKey);
        var secret = SHA256.HashData(Encoding.UTF8.GetBytes(fullKey));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, body));
    }

    private static async Task<HttpResponseMessage> SendAndDisposeAsync(HttpClient http, HttpRequestMessage request)
    {
        using (request)
        {
            return await http.SendAsync(request);
        }
    }
}
