using System.Net;
using LeadPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Tests;

/// <summary>
/// The inquiry form's rate limit, per client address and window. Each test has its own portal, hence its own limiter; in
/// tests every request comes from the same (unknown) address.
/// </summary>
public sealed class PublicInquiryRateLimitTests
{
    private static async Task<HttpResponseMessage> SendAsync(PortalFactory factory, string company)
    {
        using var customer = factory.CreatePortalClient();
        return await customer.SendInquiryAsync("contoso", InquiryForms.Valid(company));
    }

    [Fact]
    public async Task Inquiry_PastTheLimit_Answers429WithRetryAfter_AndStoresNothing()
    {
        using var factory = new InquiryLimitPortal(2);
        await factory.SeededAsync();
        var allowed = new[] { InquiryForms.UniqueCompany("Allowed"), InquiryForms.UniqueCompany("Allowed") };
        foreach (var company in allowed)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await SendAsync(factory, company)).StatusCode);
        }

        var leadsBefore = await factory.WithDbAsync(db => db.Leads.CountAsync());
        var outboxBefore = await factory.WithDbAsync(db => db.OutboxMessages.CountAsync());
        var refused = InquiryForms.UniqueCompany("Refused");

        var response = await SendAsync(factory, refused);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        Assert.StartsWith("Too many messages from your address.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await factory.LeadsOfCompanyAsync(refused));
        Assert.Equal(leadsBefore, await factory.WithDbAsync(db => db.Leads.CountAsync()));
        Assert.Equal(outboxBefore, await factory.WithDbAsync(db => db.OutboxMessages.CountAsync()));
        foreach (var company in allowed)
        {
            Assert.Single(await factory.LeadsOfCompanyAsync(company));
        }
    }

    [Fact]
    public async Task Inquiry_ByDefault_AllowsFivePostsPerWindow_ThenRefusesTheSixth()
    {
        using var factory = new PortalFactory();
        await factory.SeededAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await SendAsync(factory, InquiryForms.UniqueCompany("Default"))).StatusCode);
        }

        var sixth = InquiryForms.UniqueCompany("Sixth");

        var response = await SendAsync(factory, sixth);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        Assert.Empty(await factory.LeadsOfCompanyAsync(sixth));
    }

    [Fact]
    public async Task Inquiry_RefusedByValidationOrHoneypot_StillCountsTowardsTheLimit()
    {
        using var factory = new InquiryLimitPortal(2);
        await factory.SeededAsync();
        using var customer = factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.UnprocessableEntity,
            (await customer.SendInquiryAsync("contoso", InquiryForms.Valid(InquiryForms.UniqueCompany("Bad")).With(("Email", "nope")))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await customer.SendInquiryAsync("contoso", InquiryForms.Valid(InquiryForms.UniqueCompany("Bot")).With(("Fax", "555")))).StatusCode);
        var company = InquiryForms.UniqueCompany("Third");

        var response = await SendAsync(factory, company);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Empty(await factory.LeadsOfCompanyAsync(company));
    }
}
