using LeadPortal.Infrastructure.Jobs;
using LeadPortal.Infrastructure.Notifications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Moq;

namespace LeadPortal.Web.Tests.Support;

/// <summary>
/// A portal whose inquiry rate limit is <paramref name="permitLimit"/> posts per window. In tests every request comes
/// from the same (unknown) client address, so tests that share one portal need a limit above their total of posts.
/// </summary>
public class InquiryLimitPortal(int permitLimit) : PortalFactory
{
    public int PermitLimit { get; } = permitLimit;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:InquiryPermitLimit", PermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:InquiryWindow", "00:10:00");
    }
}

/// <summary>Shared by the inquiry tests of one class: enough posts for all of them.</summary>
public sealed class ManyInquiriesPortal() : InquiryLimitPortal(1000);

/// <summary>A portal whose webhooks leave through <paramref name="webhooks"/>, a mock, instead of HTTP.</summary>
public sealed class WebhookPortal(Mock<IWebhookSender> webhooks) : PortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IWebhookSender>();
            services.AddSingleton(webhooks.Object);
        });
    }
}

public static class IntakeJobs
{
    public static async Task<OutboxDispatchJob.Result> DispatchOutboxAsync(this PortalFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatchJob>().RunAsync(CancellationToken.None);
    }

    /// <summary>Runs the dispatch job until a run finds nothing due (a run takes at most one batch).</summary>
    public static async Task DispatchAllDueAsync(this PortalFactory factory)
    {
        for (var run = 0; run < 100; run++)
        {
            var result = await factory.DispatchOutboxAsync();
            if (result.Sent + result.Failed == 0)
            {
                return;
            }
        }

        throw new InvalidOperationException("The outbox does not drain.");
    }
}
