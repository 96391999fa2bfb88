using System.Net;
using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Infrastructure.Jobs;
using LeadPortal.Infrastructure.Notifications;
using LeadPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadPortal.Web.Tests;

/// <summary>The Hangfire jobs, run directly with the fake clock over the real SQLite database. Each test has its own portal.</summary>
public sealed class JobsTests
{
    private static async Task<PortalFactory> NewPortalAsync()
    {
        var factory = new PortalFactory();
        await factory.SeededAsync();
        return factory;
    }

    private static async Task<T> RunAsync<TJob, T>(PortalFactory factory, Func<TJob, Task<T>> run)
        where TJob : notnull
    {
        using var scope = factory.Services.CreateScope();
        return await run(scope.ServiceProvider.GetRequiredService<TJob>());
    }

    private static Task<int> ExpireAsync(PortalFactory factory) =>
        RunAsync<LeadExpiryJob, int>(factory, j => j.RunAsync(CancellationToken.None));

    private static Task<List<OutboxMessage>> OutboxAsync(PortalFactory factory, long leadId) =>
        factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.LeadId == leadId).OrderBy(m => m.Id).ToListAsync());

    [Fact]
    public async Task Expiry_OneMinuteBeforeFourteenDays_LeavesTheLeadReceived()
    {
        using var factory = await NewPortalAsync();
        var t0 = factory.Clock.GetUtcNow().UtcDateTime;
        var id = await factory.AddLeadAsync("contoso", t0);

        factory.Clock.Advance(TimeSpan.FromDays(14) - TimeSpan.FromMinutes(1));
        await ExpireAsync(factory);

        var lead = await factory.LoadLeadAsync(id);
        Assert.Equal(LeadStage.Received, lead.Stage);
        Assert.DoesNotContain(await OutboxAsync(factory, id), m => m.Kind == NotificationKind.LeadExpired);
    }

    [Fact]
    public async Task Expiry_AtFourteenDays_ArchivesAsExpiredWithOneHistoryEntryAndOneNotificationToTheSender()
    {
        using var factory = await NewPortalAsync();
        var t0 = factory.Clock.GetUtcNow().UtcDateTime;
        var id = await factory.AddLeadAsync("contoso", t0);
        var before = await factory.LoadLeadAsync(id);

        factory.Clock.Advance(TimeSpan.FromDays(14));
        var expired = await ExpireAsync(factory);

        Assert.True(expired >= 1);
        var lead = await factory.LoadLeadAsync(id);
        Assert.Equal(LeadStage.Archived, lead.Stage);
        Assert.Equal(LeadOutcome.Expired, lead.Outcome);
        Assert.Equal(t0.AddDays(14), lead.ArchivedAtUtc);
        Assert.NotEqual(before.Version, lead.Version);
        var entry = Assert.Single(lead.History, h => h.Action == LeadAction.Expire);
        Assert.Equal(Lead.SystemActor, entry.Actor);
        Assert.Equal(LeadStage.Received, entry.FromStage);
        Assert.Equal(LeadStage.Archived, entry.ToStage);
        Assert.Equal(2, entry.Sequence);
        Assert.Empty(entry.Changes);
        Assert.Null(entry.LegacyDetails);
        var message = Assert.Single(await OutboxAsync(factory, id), m => m.Kind == NotificationKind.LeadExpired);
        Assert.Equal("sam.seller@platform.example", message.Recipient);
    }

    [Fact]
    public async Task Expiry_RunTwice_ChangesNothingTheSecondTime()
    {
        using var factory = await NewPortalAsync();
        var id = await factory.AddLeadAsync("contoso", factory.Clock.GetUtcNow().UtcDateTime);
        factory.Clock.Advance(TimeSpan.FromDays(15));
        await ExpireAsync(factory);
        var afterFirst = await factory.LoadLeadAsync(id);

        var second = await ExpireAsync(factory);

        Assert.Equal(0, second);
        var afterSecond = await factory.LoadLeadAsync(id);
        Assert.Equal(afterFirst.Version, afterSecond.Version);
        Assert.Equal(afterFirst.History.Count, afterSecond.History.Count);
        Assert.Single(await OutboxAsync(factory, id), m => m.Kind == NotificationKind.LeadExpired);
    }

    [Fact]
    public async Task Expiry_NeverExpiresAnAcceptedOrDeclinedLead()
    {
        using var factory = await NewPortalAsync();
        var t0 = factory.Clock.GetUtcNow().UtcDateTime;
        var accepted = await factory.AddLeadAsync("contoso", t0, then: l => l.Accept(TestLeads.SampleDeal(t0), [], "tester", t0.AddHours(1)));
        var declined = await factory.AddLeadAsync("contoso", t0, then: l => l.Decline(DeclineReason.NotAFit, null, "tester", t0.AddHours(1)));

        factory.Clock.Advance(TimeSpan.FromDays(30));
        await ExpireAsync(factory);

        Assert.Equal(LeadStage.Accepted, (await factory.LoadLeadAsync(accepted)).Stage);
        Assert.Equal(LeadOutcome.Declined, (await factory.LoadLeadAsync(declined)).Outcome);
        Assert.DoesNotContain(await OutboxAsync(factory, accepted), m => m.Kind == NotificationKind.LeadExpired);
    }

    [Fact]
    public async Task Expiry_OnTwoInstancesAtOnce_ExpiresEachLeadOnce()
    {
        using var factory = await NewPortalAsync();
        var t0 = factory.Clock.GetUtcNow().UtcDateTime;
        var orgId = await factory.OrganizationIdAsync("contoso");
        await factory.WithDbAsync(async db =>
        {
            for (var i = 0; i < 300; i++)
            {
                var lead = Lead.Receive(orgId, LeadType.MarketingQualified,
                    new CustomerProfile($"Bulk {i}", "C", $"c{i}@example.com", null, "Taiwan", null, null, null), "Need",
                    new LeadSender(SenderKind.PlatformStaff, "Staff", "staff@example.com"), false, t0, TimeSpan.FromDays(14));
                lead.ClearEvents();
                db.Leads.Add(lead);
            }

            await db.SaveChangesAsync();
        });
        factory.Clock.Advance(TimeSpan.FromDays(14));
        var due = await factory.WithDbAsync(db => db.Leads.CountAsync(l => l.Stage == LeadStage.Received && l.ResponseDeadlineUtc <= t0.AddDays(14)));

        var runs = await Task.WhenAll(ExpireAsync(factory), ExpireAsync(factory));

        Assert.Equal(due, runs.Sum());
        var bulk = await factory.WithDbAsync(db => db.Leads.AsNoTracking().Where(l => l.Customer.CompanyName.StartsWith("Bulk ")).ToListAsync());
        Assert.All(bulk, l => Assert.Equal(LeadOutcome.Expired, l.Outcome));
        Assert.All(bulk, l => Assert.Single(l.History, h => h.Action == LeadAction.Expire));
        var messages = await factory.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == NotificationKind.LeadExpired && m.Lead!.Customer.CompanyName.StartsWith("Bulk ")));
        Assert.Equal(300, messages);
    }

    [Fact]
    public async Task Urgency_After72Hours_SwitchesTheAlertButKeepsTheLeadOpen()
    {
        using var factory = await NewPortalAsync();
        var t0 = factory.Clock.GetUtcNow().UtcDateTime;
        var id = await factory.AddLeadAsync("contoso", t0, LeadType.CustomerInquiry, contactRequested: true, company: "Flame Test Co");
        using var client = await factory.SignInAsync("referrals@contoso.test");

        factory.Clock.Advance(TimeSpan.FromHours(71));
        await RunAsync<ContactUrgencyJob, ContactUrgencyJob.Result>(factory, j => j.RunAsync(CancellationToken.None));
        var before = await client.GetPageAsync($"/leads/{id}");

        factory.Clock.Advance(TimeSpan.FromHours(1));
        var result = await RunAsync<ContactUrgencyJob, ContactUrgencyJob.Result>(factory, j => j.RunAsync(CancellationToken.None));
        var after = await client.GetPageAsync($"/leads/{id}");

        Assert.NotNull(before.QuerySelector("[data-testid=contact-alert-urgent]"));
        Assert.Null(before.QuerySelector("[data-testid=contact-alert-late]"));
        Assert.True(result.UrgencyLapsed >= 1);
        Assert.Null(after.QuerySelector("[data-testid=contact-alert-urgent]"));
        Assert.NotNull(after.QuerySelector("[data-testid=contact-alert-late]"));
        var lead = await factory.LoadLeadAsync(id);
        Assert.True(lead.ContactUrgencyLapsed);
        Assert.Equal(LeadStage.Received, lead.Stage);
        Assert.Equal(t0.AddDays(14), lead.ResponseDeadlineUtc);
        var row = (await client.GetPageAsync("/leads/marketplace?q=Flame+Test")).QuerySelector("tr[data-lead-id]")!;
        Assert.NotNull(row.QuerySelector("[data-testid=flame-late]"));
    }

    [Fact]
    public async Task Reminder_TwoDaysBeforeTheDeadline_IsQueuedOncePerLeadToEachOrganizationUser()
    {
        using var factory = await NewPortalAsync();
        var t0 = factory.Clock.GetUtcNow().UtcDateTime;
        var id = await factory.AddLeadAsync("contoso", t0);
        Task<ContactUrgencyJob.Result> Run() => RunAsync<ContactUrgencyJob, ContactUrgencyJob.Result>(factory, j => j.RunAsync(CancellationToken.None));

        factory.Clock.Advance(TimeSpan.FromDays(11));
        await Run();
        var early = (await OutboxAsync(factory, id)).Count(m => m.Kind == NotificationKind.ExpiryReminder);

        factory.Clock.Advance(TimeSpan.FromDays(1));
        await Run();
        factory.Clock.Advance(TimeSpan.FromHours(6));
        await Run();

        Assert.Equal(0, early);
        var reminders = (await OutboxAsync(factory, id)).Where(m => m.Kind == NotificationKind.ExpiryReminder).ToList();
        Assert.Equal(["admin@contoso.test", "referrals@contoso.test"], reminders.Select(m => m.Recipient).Order());
        Assert.Equal(t0.AddDays(12), (await factory.LoadLeadAsync(id)).ReminderQueuedAtUtc);
    }

    [Fact]
    public async Task NewLead_QueuesAReceivedNotificationToTheOrganizationInTheSameSave()
    {
        using var factory = await NewPortalAsync();

        var id = await factory.AddLeadAsync("fabrikam", factory.Clock.GetUtcNow().UtcDateTime, contactRequested: true);

        var message = Assert.Single(await OutboxAsync(factory, id));
        Assert.Equal(NotificationKind.LeadReceived, message.Kind);
        Assert.Equal("admin@fabrikam.test", message.Recipient);
        Assert.Null(message.SentAtUtc);
    }

    [Fact]
    public async Task DeclineInTheBrowser_TellsTheCustomer_AndTheMessageIsDeliveredOnceToThePickupFolder()
    {
        using var factory = await NewPortalAsync();
        var id = await factory.AddLeadAsync("contoso", factory.Clock.GetUtcNow().UtcDateTime, LeadType.CustomerInquiry, company: "Pickup <Test> Co");
        using var client = await factory.SignInAsync("admin@contoso.test");
        var page = await client.GetPageAsync($"/leads/{id}");
        var response = await client.SubmitAsync(page, "#decline-form", new Dictionary<string, string> { ["Decline.Reason"] = "BudgetTooSmall" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var first = await RunAsync<OutboxDispatchJob, OutboxDispatchJob.Result>(factory, j => j.RunAsync(CancellationToken.None));
        var second = await RunAsync<OutboxDispatchJob, OutboxDispatchJob.Result>(factory, j => j.RunAsync(CancellationToken.None));

        Assert.True(first.Sent >= 2);
        Assert.Equal(0, second.Sent);
        var declined = Assert.Single(await OutboxAsync(factory, id), m => m.Kind == NotificationKind.LeadDeclined);
        Assert.Equal("cora@customer.example", declined.Recipient);
        Assert.NotNull(declined.SentAtUtc);
        var file = Path.Combine(factory.MailDirectory, $"outbox-{declined.Id}_leadportal.eml");
        Assert.True(File.Exists(file), $"expected {file}");
        var eml = await File.ReadAllTextAsync(file);
        Assert.Contains("To: Cora Customer <cora@customer.example>", eml, StringComparison.Ordinal);
        Assert.Contains("Subject: About your request to Contoso", eml, StringComparison.Ordinal);
        Assert.Contains("text/html", eml, StringComparison.Ordinal);
        Assert.Contains("text/plain", eml, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(factory.MailDirectory, $"outbox-{declined.Id}_*"));
    }
}
