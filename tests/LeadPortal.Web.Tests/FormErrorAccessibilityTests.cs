using System.Net;
using LeadPortal.Web.Tests.Support;

namespace LeadPortal.Web.Tests;

/// <summary>A field with an error says so to a screen reader: aria-invalid, and aria-describedby pointing at the message.</summary>
public sealed class FormErrorAccessibilityTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public FormErrorAccessibilityTests(PortalFactory factory)
    {
        _factory = factory;
        factory.SeededAsync().GetAwaiter().GetResult();
    }

    [Fact]
    public async Task AcceptForm_MarksTheInvalidFieldAndLinksItToItsMessage()
    {
        var id = await _factory.AddLeadAsync("contoso", _factory.Clock.GetUtcNow().UtcDateTime);
        using var client = await _factory.SignInAsync("referrals@contoso.test");
        var page = await client.GetPageAsync($"/leads/{id}");
        Assert.Null(page.QuerySelector("#Accept_EstimatedValue")!.GetAttribute("aria-invalid"));

        var response = await client.SubmitAsync(page, "#accept-form", new Dictionary<string, string>
        {
            ["Accept.DealName"] = "Deal",
            ["Accept.EstimatedValue"] = "-3",
            ["Accept.Currency"] = "USD",
            ["Accept.EstimatedPurchaseDate"] = "2027-01-31",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var refused = await PortalClient.ParseAsync(response);
        var input = refused.QuerySelector("#Accept_EstimatedValue")!;
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        var message = refused.GetElementById(input.GetAttribute("aria-describedby")!)!;
        Assert.Equal("The estimated value must be more than zero.", message.TextContent.Trim());
        Assert.Null(refused.QuerySelector("#Accept_DealName")!.GetAttribute("aria-invalid"));
    }
}
