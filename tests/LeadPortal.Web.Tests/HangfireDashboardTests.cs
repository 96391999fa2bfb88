using System.Net;
using LeadPortal.Web.Tests.Support;

namespace LeadPortal.Web.Tests;

/// <summary>
/// Hangfire's dashboard reads the process-wide JobStorage.Current, which parallel test hosts overwrite and dispose;
/// so this class runs alone (a real portal has one host per process).
/// </summary>
[CollectionDefinition(nameof(HangfireDashboardTests), DisableParallelization = true)]
public sealed class RunsAlone;

[Collection(nameof(HangfireDashboardTests))]
public sealed class HangfireDashboardTests
{
    [Fact]
    public async Task HangfireDashboard_IsForThePlatformOperatorOnly()
    {
        using var factory = new PortalFactory();
        await factory.SeededAsync();
        using var anonymous = factory.CreatePortalClient();
        using var referrals = await factory.SignInAsync("referrals@contoso.test");
        using var partnerAdmin = await factory.SignInAsync("admin@contoso.test");
        using var admin = await factory.SignInAsync("operator@leadportal.test");

        var anonymousResponse = await anonymous.GetAsync("/hangfire");
        var referralsResponse = await referrals.GetAsync("/hangfire");
        var partnerAdminResponse = await partnerAdmin.GetAsync("/hangfire");
        var adminResponse = await admin.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Redirect, anonymousResponse.StatusCode);
        Assert.StartsWith("/account/login", anonymousResponse.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.True(referralsResponse.StatusCode is HttpStatusCode.Forbidden
            || referralsResponse.Headers.Location?.PathAndQuery.StartsWith("/account/denied", StringComparison.Ordinal) == true,
            $"ReferralsAdmin got {(int)referralsResponse.StatusCode}");
        Assert.DoesNotContain("LeadPortal jobs", await referralsResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // A partner admin runs one organization; the dashboard runs and deletes every organization's jobs.
        Assert.Equal(HttpStatusCode.Redirect, partnerAdminResponse.StatusCode);
        Assert.Contains("/account/denied", partnerAdminResponse.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.True(adminResponse.StatusCode == HttpStatusCode.OK, string.Join("\n", factory.Errors.Entries));
        Assert.Contains("LeadPortal jobs", await adminResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
