using LeadPortal.Infrastructure.Jobs;
using LeadPortal.Infrastructure.Notifications;
using LeadPortal.Web.Tests.Support;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MimeKit;
using Moq;

namespace LeadPortal.Web.Tests;

/// <summary>The mail transport is the edge: a mock that fails, then works, shows the outbox's retries and backoff.</summary>
public sealed class OutboxRetryTests
{
    private sealed class FlakyTransportPortal(Mock<IEmailTransport> transport) : PortalFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<IEmailTransport>();
                services.AddSingleton(transport.Object);
            });
        }
    }

    private static async Task<OutboxDispatchJob.Result> DispatchAsync(PortalFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatchJob>().RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task FailedDelivery_IsRetriedAfterTheBackoff_AndSentOnce()
    {
        var transport = new Mock<IEmailTransport>();
        transport.SetupSequence(t => t.SendAsync(It.IsAny<MimeMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new IOException("SMTP server unavailable"))
            .Returns(Task.CompletedTask);
        using var factory = new FlakyTransportPortal(transport);
        await factory.SeededAsync();
        var id = await factory.AddLeadAsync("fabrikam", factory.Clock.GetUtcNow().UtcDateTime);

        var first = await DispatchAsync(factory);
        var failed = await factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.LeadId == id));
        var tooEarly = await DispatchAsync(factory);
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var retried = await DispatchAsync(factory);
        var again = await DispatchAsync(factory);

        Assert.Equal(new OutboxDispatchJob.Result(0, 1), first);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal("SMTP server unavailable", failed.LastError);
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime, failed.NextAttemptAtUtc);
        Assert.Equal(new OutboxDispatchJob.Result(0, 0), tooEarly);
        Assert.Equal(new OutboxDispatchJob.Result(1, 0), retried);
        Assert.Equal(new OutboxDispatchJob.Result(0, 0), again);
        transport.Verify(t => t.SendAsync(It.Is<MimeMessage>(m => m.To.Mailboxes.Single().Address == "admin@fabrikam.test"), It.IsAny<CancellationToken>()), Times.Exactly(2));
        var sent = await factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.LeadId == id));
        Assert.NotNull(sent.SentAtUtc);
        Assert.Equal(2, sent.Attempts);
    }

    [Fact]
    public async Task Delivery_GivesUpAfterTheLastAttempt()
    {
        var transport = new Mock<IEmailTransport>();
        transport.Setup(t => t.SendAsync(It.IsAny<MimeMessage>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("mailbox full"));
        using var factory = new FlakyTransportPortal(transport);
        await factory.SeededAsync();
        var id = await factory.AddLeadAsync("fabrikam", factory.Clock.GetUtcNow().UtcDateTime);

        for (var attempt = 0; attempt < 10; attempt++)
        {
            await DispatchAsync(factory);
            factory.Clock.Advance(TimeSpan.FromDays(1));
        }

        var message = await factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.LeadId == id));
        Assert.Equal(8, message.Attempts);
        Assert.NotNull(message.FailedAtUtc);
        Assert.Null(message.SentAtUtc);
        transport.Verify(t => t.SendAsync(It.IsAny<MimeMessage>(), It.IsAny<CancellationToken>()), Times.Exactly(8));
    }
}
