using System.Net;
using LeadPortal.Infrastructure.Notifications;
using LeadPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Tests;

/// <summary>
/// A webhook goes to the public internet only, over https: refused next to the field when the key is saved, and
/// refused again when a delivery connects (where a name may have come to resolve elsewhere).
/// </summary>
public sealed class WebhookAddressTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public WebhookAddressTests(PortalFactory factory)
    {
        _factory = factory;
        factory.SeededAsync().GetAwaiter().GetResult();
    }

    [Theory]
    [InlineData("https://127.0.0.1/hook", "public internet")]
    [InlineData("https://localhost:8443/hook", "public internet")]
    [InlineData("https://[::1]/hook", "public internet")]
    [InlineData("https://10.20.30.40/hook", "public internet")]
    [InlineData("https://172.16.0.9/hook", "public internet")]
    [InlineData("https://192.168.1.10/hook", "public internet")]
    [InlineData("https://169.254.169.254/latest/meta-data", "public internet")]
    [InlineData("https://[fd00::1]/hook", "public internet")]
    [InlineData("https://224.0.0.1/hook", "public internet")]
    [InlineData("http://crm.example/hook", "https://")]
    public async Task SavingAKey_WithAWebhookOutsideThePublicInternetOrWithoutHttps_IsRefusedNextToTheField(string url, string message)
    {
        using var client = await _factory.SignInAsync("admin@contoso.test");
        var page = await client.GetPageAsync("/settings/api-keys");
        var name = "Hook " + Guid.NewGuid().ToString("N")[..8];

        var response = await client.SubmitAsync(page, "#api-key-form", new Dictionary<string, string> { ["Name"] = name, ["WebhookUrl"] = url });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var answer = await PortalClient.ParseAsync(response);
        var error = answer.QuerySelector("[data-valmsg-for=WebhookUrl]")!.TextContent;
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Equal(url, answer.QuerySelector("#WebhookUrl")!.GetAttribute("value"));
        Assert.False(await _factory.WithDbAsync(db => db.ApiKeys.IgnoreQueryFilters().AnyAsync(k => k.Name == name)));
    }

    [Fact]
    public async Task SavingAKey_WithAPublicHttpsWebhook_CreatesIt()
    {
        using var client = await _factory.SignInAsync("admin@contoso.test");
        var page = await client.GetPageAsync("/settings/api-keys");
        var name = "Hook " + Guid.NewGuid().ToString("N")[..8];

        var response = await client.SubmitAsync(page, "#api-key-form",
            new Dictionary<string, string> { ["Name"] = name, ["WebhookUrl"] = "https://203.0.113.10/leadportal" });

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.SeeOther, $"{(int)response.StatusCode}");
        Assert.Equal("https://203.0.113.10/leadportal",
            await _factory.WithDbAsync(db => db.ApiKeys.IgnoreQueryFilters().Where(k => k.Name == name).Select(k => k.WebhookUrl).SingleAsync()));
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("203.0.113.10", true)]
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("100.63.255.255", true)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("127.8.9.1", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.0.0.8", false)]
    [InlineData("198.18.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("239.1.2.3", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("ff02::1", false)]
    public void IsPublic_TellsThePublicInternetFromLocalPrivateAndSpecialRanges(string address, bool isPublic) =>
        Assert.Equal(isPublic, WebhookAddresses.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task Delivery_ToAHostThatIsNotPublic_IsRefusedAtConnectAndSendsNothing()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var handler = new SocketsHttpHandler { ConnectCallback = WebhookAddresses.ConnectToPublicAddressAsync };
        using var http = new HttpClient(handler);
        var sender = new HttpWebhookSender(http);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() =>
            sender.SendAsync(new Uri($"http://127.0.0.1:{port}/hook"), [1, 2, 3], "sig", "lead.expired", 1, CancellationToken.None));

        Assert.Contains("public address", refused.Message, StringComparison.Ordinal);
        Assert.False(listener.Pending());
    }
}
