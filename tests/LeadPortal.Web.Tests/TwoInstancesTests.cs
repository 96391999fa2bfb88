using System.Collections.Concurrent;
using System.Net;
using Hangfire;
using Hangfire.Storage;
using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Infrastructure.Jobs;
using LeadPortal.Infrastructure.Notifications;
using LeadPortal.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MimeKit;
using Moq;

namespace LeadPortal.Web.Tests;

/// <summary>
/// Two portal hosts on one database, as behind a reverse proxy (in the PostgreSQL run, one PostgreSQL database): what
/// one instance issues (the sign-in cookie, a form's antiforgery token) the other accepts, because the Data Protection
/// keys are in the database; concurrent actions, the expiry job and the outbox dispatch started on both at once each
/// change a lead once and deliver a message once. The mail and webhook edges are mocks shared by both hosts, so every
/// delivery either makes is counted.
/// </summary>
public sealed class TwoInstancesTests : IDisposable
{
    private const string HookUrl = "https://crm.fabrikam.example/hooks/two-instances";

    private readonly ConcurrentBag<string> _mails = [];
    private readonly ConcurrentBag<(string EventType, long DeliveryId)> _webhooks = [];
    private readonly Instance _a;
    private readonly Instance _b;

    public TwoInstancesTests()
    {
        var mail = new Mock<IEmailTransport>();
        mail.Setup(t => t.SendAsync(It.IsAny<MimeMessage>(), It.IsAny<CancellationToken>()))
            .Callback<MimeMessage, CancellationToken>((message, _) => _mails.Add(message.MessageId ?? string.Empty))
            .Returns(Task.CompletedTask);
        var hooks = new Mock<IWebhookSender>();
        hooks.Setup(w => w.SendAsync(It.IsAny<Uri>(), It.IsAny<byte[]>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<long>(), It.IsAny<CancellationToken>()))
            .Callback<Uri, byte[], string, string, long, CancellationToken>((_, _, _, eventType, id, _) => _webhooks.Add((eventType, id)))
            .Returns(Task.CompletedTask);
        _a = new Instance(TestDatabase.Create(), ownsDatabase: true, mail.Object, hooks.Object);
        _b = new Instance(_a.Database, ownsDatabase: false, mail.Object, hooks.Object);
    }

    private sealed class Instance(TestDatabase database, bool ownsDatabase, IEmailTransport mail, IWebhookSender webhooks)
        : PortalFactory(database, ownsDatabase)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<IEmailTransport>();
                services.AddSingleton(mail);
                services.RemoveAll<IWebhookSender>();
                services.AddSingleton(webhooks);
            });
        }
    }

    public void Dispose()
    {
        _b.Dispose();
        _a.Dispose();
    }

    private static async Task<T> RunAsync<TJob, T>(PortalFactory factory, Func<TJob, Task<T>> run)
        where TJob : notnull
    {
        using var scope = factory.Services.CreateScope();
        return await run(scope.ServiceProvider.GetRequiredService<TJob>());
    }

    /// <summary>Runs the dispatch job on <paramref name="factory"/> until a run finds nothing to claim; the messages it sent.</summary>
    private static async Task<int> DispatchUntilEmptyAsync(PortalFactory factory)
    {
        var sent = 0;
        for (var run = 0; run < 100; run++)
        {
            var result = await RunAsync<OutboxDispatchJob, OutboxDispatchJob.Result>(factory, j => j.RunAsync(CancellationToken.None));
            if (result.Sent + result.Failed == 0)
            {
                return sent;
            }

            sent += result.Sent;
        }

        throw new InvalidOperationException("The outbox did not empty in 100 runs.");
    }

    private void AdvanceBoth(TimeSpan by)
    {
        _a.Clock.Advance(by);
        _b.Clock.Advance(by);
    }

    [Fact]
    public async Task SignedInOnA_OpensAndActsOnALeadOnB()
    {
        await _a.SeededAsync();
        var id = await _a.CreateLeadAsync(LeadState.Received);
        // One browser: one cookie jar, whichever instance answers.
        var cookies = new CookieContainer();
        using var onA = new PortalClient(_a.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies)));
        using var onB = new PortalClient(_b.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies)));

        var signIn = await onA.SignInAsync("admin@contoso.test", DemoDataSeeder.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var list = await onB.GetAsync("/leads/marketplace");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("Ava Admin", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The form comes from A (its antiforgery token and cookie), the post goes to B.
        var page = await onA.GetPageAsync(LeadPage.Url(id));
        var hearted = await onB.SubmitAsync(page, $"form[action='/leads/{id}/favorite']");
        Assert.Equal(HttpStatusCode.Redirect, hearted.StatusCode);
        Assert.Equal(1, await _a.WithDbAsync(db => db.FavoriteLeads.CountAsync(f => f.LeadId == id)));

        // One key ring, in the shared database.
        Assert.Equal(1, await _a.WithDbAsync(db => db.DataProtectionKeys.CountAsync()));
    }

    [Fact]
    public async Task AHundredConcurrentAccepts_SplitAcrossBothInstances_AcceptTheLeadOnce()
    {
        await _a.SeededAsync();
        var fabrikam = await _a.CreateApiKeyAsync("admin@fabrikam.test", HookUrl, "Fabrikam CRM");
        var contoso = await _a.CreateApiKeyAsync("admin@contoso.test");
        var id = await _a.SendReferralAsync(fabrikam, "contoso", ReferralsApi.UniqueCompany("Raced"));
        await Task.WhenAll(DispatchUntilEmptyAsync(_a), DispatchUntilEmptyAsync(_b));
        _webhooks.Clear();
        var body = ReferralsApi.AcceptBody(_a.Today().AddDays(30));
        var clients = Enumerable.Range(0, 100).Select(i => (i % 2 == 0 ? _a : _b).ApiClient(contoso.FullKey)).ToList();

        try
        {
            using var start = new ManualResetEventSlim();
            var accepts = clients.Select(client => Task.Run(async () =>
            {
                start.Wait();
                using var response = await client.PostJsonAsync(ReferralsApi.Url(id, "accept"), body.DeepClone());
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            })).ToList();
            start.Set();
            var answers = await Task.WhenAll(accepts);

            Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
            Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.True(a.StatusCode == HttpStatusCode.Conflict,
                $"a losing accept answered {(int)a.StatusCode}, not 409: {a.Body} {string.Join("\n", _a.Errors.Entries.Concat(_b.Errors.Entries).Take(3))}"));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }

        var lead = await _b.LoadStoredLeadAsync(id);
        Assert.Equal(LeadStage.Accepted, lead.Stage);
        Assert.Single(lead.History, h => h.Action == LeadAction.Accept);
        var queued = await _a.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.LeadId == id && m.Kind == NotificationKind.WebhookLeadAccepted));
        Assert.Equal(1, queued);
        await Task.WhenAll(DispatchUntilEmptyAsync(_a), DispatchUntilEmptyAsync(_b));
        Assert.Single(_webhooks, w => w.EventType == "referral.accepted");
    }

    [Fact]
    public async Task ExpiryStartedOnBothAtOnce_ExpiresEachDueLeadOnce_WithOneNotificationEach()
    {
        await _a.SeededAsync();
        var received = _a.Clock.GetUtcNow().UtcDateTime;
        for (var i = 0; i < 120; i++)
        {
            await _a.AddLeadAsync(i % 2 == 0 ? "contoso" : "fabrikam", received.AddMinutes(-i), company: $"Expiring {i}");
        }

        AdvanceBoth(TimeSpan.FromDays(15));
        var now = _a.Clock.GetUtcNow().UtcDateTime;
        var due = await _a.WithDbAsync(db => db.Leads.Where(l => l.Stage == LeadStage.Received && l.ResponseDeadlineUtc <= now).Select(l => l.Id).ToListAsync());
        Assert.True(due.Count >= 120);

        var runs = await Task.WhenAll(
            RunAsync<LeadExpiryJob, int>(_a, j => j.RunAsync(CancellationToken.None)),
            RunAsync<LeadExpiryJob, int>(_b, j => j.RunAsync(CancellationToken.None)));

        Assert.Equal(due.Count, runs.Sum());
        var expiries = await _a.WithDbAsync(db => db.Leads.Where(l => due.Contains(l.Id))
            .Select(l => new { l.Id, l.Outcome, Entries = l.History.Count(h => h.Action == LeadAction.Expire) }).ToListAsync());
        Assert.All(expiries, e => Assert.Equal((LeadOutcome?)LeadOutcome.Expired, e.Outcome));
        Assert.All(expiries, e => Assert.Equal(1, e.Entries));
        var notices = await _a.WithDbAsync(db => db.OutboxMessages.Where(m => m.Kind == NotificationKind.LeadExpired && due.Contains(m.LeadId!.Value))
            .GroupBy(m => m.LeadId).Select(g => g.Count()).ToListAsync());
        Assert.Equal(due.Count, notices.Count);
        Assert.All(notices, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task FiveHundredQueuedMessages_DispatchedByBothInstances_AreEachDeliveredOnce()
    {
        await _a.SeededAsync();
        var leadId = await _a.CreateLeadAsync(LeadState.Received);
        await Task.WhenAll(DispatchUntilEmptyAsync(_a), DispatchUntilEmptyAsync(_b));
        _mails.Clear();
        var now = _a.Clock.GetUtcNow().UtcDateTime;
        var ids = await _a.WithDbAsync(async db =>
        {
            var burst = Enumerable.Range(0, 500).Select(i => new OutboxMessage
            {
                Kind = NotificationKind.LeadReceived,
                LeadId = leadId,
                Recipient = $"burst{i}@partner.example",
                RecipientName = $"Burst {i}",
                CreatedAtUtc = now,
                NextAttemptAtUtc = now,
            }).ToList();
            db.OutboxMessages.AddRange(burst);
            await db.SaveChangesAsync();
            return burst.Select(m => $"outbox-{m.Id}@leadportal").ToHashSet();
        });

        var sent = await Task.WhenAll(DispatchUntilEmptyAsync(_a), DispatchUntilEmptyAsync(_b));

        Assert.Equal(500, sent.Sum());
        Assert.Equal(500, _mails.Count);
        Assert.Equal(ids, _mails.ToHashSet());
        Assert.Equal(0, await _a.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.LeadId == leadId && m.SentAtUtc == null)));
    }

    [Fact]
    public async Task MessagesClaimedByADispatcherThatDied_AreSentAfterItsLeaseLapses()
    {
        await _a.SeededAsync();
        var leadId = await _a.CreateLeadAsync(LeadState.Received);
        await DispatchUntilEmptyAsync(_a);
        _mails.Clear();
        var now = _a.Clock.GetUtcNow().UtcDateTime;
        var lease = new NotificationOptions().ClaimLease;
        // What a run that claimed three messages and then died leaves behind.
        await _a.WithDbAsync(async db =>
        {
            db.OutboxMessages.AddRange(Enumerable.Range(0, 3).Select(i => new OutboxMessage
            {
                Kind = NotificationKind.LeadReceived,
                LeadId = leadId,
                Recipient = $"orphan{i}@partner.example",
                RecipientName = "Orphan",
                CreatedAtUtc = now,
                NextAttemptAtUtc = now,
                ClaimToken = Guid.NewGuid(),
                ClaimedUntilUtc = now + lease,
            }));
            await db.SaveChangesAsync();
        });

        var whileHeld = await DispatchUntilEmptyAsync(_b);
        AdvanceBoth(lease - TimeSpan.FromSeconds(1));
        var justBefore = await DispatchUntilEmptyAsync(_b);
        AdvanceBoth(TimeSpan.FromSeconds(1));
        var afterLease = await DispatchUntilEmptyAsync(_b);

        Assert.Equal((0, 0, 3), (whileHeld, justBefore, afterLease));
        Assert.Equal(3, _mails.Count);
        Assert.Equal(0, await _a.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ClaimToken != null)));
    }

    [Fact]
    public async Task OnAServerDatabase_BothInstancesShareOneJobStore_AndItsLocks()
    {
        await _a.SeededAsync();
        await _b.SeededAsync();
        var onA = _a.Services.GetRequiredService<JobStorage>();
        var onB = _b.Services.GetRequiredService<JobStorage>();
        using var connectionA = onA.GetConnection();
        using var connectionB = onB.GetConnection();

        var recurringOnB = connectionB.GetRecurringJobs().Select(j => j.Id).Order().ToList();
        bool BlocksB()
        {
            using var held = connectionA.AcquireDistributedLock("two-instances-test", TimeSpan.FromSeconds(5));
            try
            {
                using var second = connectionB.AcquireDistributedLock("two-instances-test", TimeSpan.FromMilliseconds(300));
                return false;
            }
            catch (Exception e) when (e is DistributedLockTimeoutException or Hangfire.PostgreSql.PostgreSqlDistributedLockException)
            {
                return true;
            }
        }

        // Each job once, whichever instance registered it; a lock taken on A holds B off, as the recurring-job
        // scheduler's and [DisableConcurrentExecution]'s locks do. SQLite has an in-memory store per instance (README).
        Assert.Equal(new[] { ContactUrgencyJob.Id, LeadExpiryJob.Id, OutboxDispatchJob.Id }.Order(), recurringOnB);
        Assert.Equal(TestDatabase.OnPostgreSql, BlocksB());
    }

    [Fact]
    public async Task WithoutTheSharedKeys_BRejectsACookieFromA()
    {
        // The control: a host on another database (another key ring) does not take A's cookie, so the test above
        // passes because of the shared keys, not because every host in this process would share a key folder.
        await _a.SeededAsync();
        using var other = new PortalFactory();
        await other.SeededAsync();
        var cookies = new CookieContainer();
        using var onA = new PortalClient(_a.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies)));
        using var onOther = new PortalClient(other.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies)));

        await onA.SignInAsync("admin@contoso.test", DemoDataSeeder.Password);
        var list = await onOther.GetAsync("/leads/marketplace");

        Assert.Equal(HttpStatusCode.Redirect, list.StatusCode);
        Assert.Contains("/account/login", list.Headers.Location?.ToString() ?? "", StringComparison.OrdinalIgnoreCase);
    }
}
