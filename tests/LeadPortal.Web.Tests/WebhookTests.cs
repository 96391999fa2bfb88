using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using LeadPortal.Infrastructure.Api;
using LeadPortal.Infrastructure.Jobs;
using LeadPortal.Infrastructure.Notifications;
using LeadPortal.Web.Features.Api;
using LeadPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace LeadPortal.Web.Tests;

/// <summary>
/// Webhooks: Fabrikam sends a referral to Contoso with a key that has a webhook URL; each stage change of that lead is
/// queued in the outbox and posted, signed with the key, by the dispatch job. The HTTP edge (IWebhookSender) is a mock.
/// </summary>
public sealed class WebhookTests
{
    private const string HookUrl = "https://crm.fabrikam.example/hooks/leadportal";

    private sealed record Delivery(Uri Url, byte[] Body, string Signature, string EventType, long DeliveryId)
    {
        public JsonNode Json => JsonNode.Parse(Body)!;
    }

    /// <summary>A webhook edge that records every delivery and fails the first <paramref name="failures"/> of them.</summary>
    private static (Mock<IWebhookSender> Mock, List<Delivery> Deliveries) Receiver(int failures = 0)
    {
        var deliveries = new List<Delivery>();
        var mock = new Mock<IWebhookSender>();
        mock.Setup(w => w.SendAsync(It.IsAny<Uri>(), It.IsAny<byte[]>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<long>(), It.IsAny<CancellationToken>()))
            .Callback<Uri, byte[], string, string, long, CancellationToken>((url, body, signature, eventType, id, _) => deliveries.Add(new(url, body, signature, eventType, id)))
            .Returns(() => deliveries.Count <= failures
                ? Task.FromException(new HttpRequestException("The webhook answered 503 Service Unavailable.", null, HttpStatusCode.ServiceUnavailable))
                : Task.CompletedTask);
        return (mock, deliveries);
    }

    private static async Task<WebhookPortal> NewPortalAsync(Mock<IWebhookSender> webhooks)
    {
        var factory = new WebhookPortal(webhooks);
        await factory.SeededAsync();
        return factory;
    }

    private static Task<List<OutboxMessage>> WebhookMessagesAsync(PortalFactory factory, long leadId) =>
        factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.LeadId == leadId && m.ApiKeyId != null).OrderBy(m => m.Id).ToListAsync());

    private static async Task<JsonNode> ContosoActsAsync(PortalFactory factory, CreatedApiKey contosoKey, long id, string action, JsonNode body)
    {
        using var api = factory.ApiClient(contosoKey.FullKey);
        var response = await api.PostJsonAsync(ReferralsApi.Url(id, action), body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    private static void AssertSignedWith(CreatedApiKey key, Delivery delivery)
    {
        Assert.Matches("^sha256=[0-9a-f]{64}$", delivery.Signature);
        Assert.Equal(ReferralsApi.ExpectedSignature(key.FullKey, delivery.Body), delivery.Signature);
    }

    [Fact]
    public async Task AcceptedInTheBrowser_PostsTheSignedReferralAcceptedEvent_ToTheSendersWebhook()
    {
        var (webhooks, deliveries) = Receiver();
        using var factory = await NewPortalAsync(webhooks);
        var key = await factory.CreateApiKeyAsync("admin@fabrikam.test", HookUrl, "Fabrikam CRM");
        var id = await factory.SendReferralAsync(key, "contoso", ReferralsApi.UniqueCompany("Hooked"));
        var received = await factory.DispatchOutboxAsync();
        Assert.Equal(new OutboxDispatchJob.Result(2, 0), received);
        Assert.Empty(deliveries);
        factory.Clock.Advance(TimeSpan.FromMinutes(7));
        var acceptedAt = factory.Clock.GetUtcNow().UtcDateTime;
        using var contoso = await factory.SignInAsync("admin@contoso.test");
        var page = await contoso.GetPageAsync(LeadPage.Url(id));

        var accepted = await contoso.SubmitAsync(page, "#accept-form", new Dictionary<string, string>
        {
            ["Accept.DealName"] = "Browser deal",
            ["Accept.EstimatedValue"] = "8800",
            ["Accept.Currency"] = "USD",
            ["Accept.EstimatedPurchaseDate"] = factory.Today().AddDays(40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var queued = Assert.Single(await WebhookMessagesAsync(factory, id));
        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        var dispatched = await factory.DispatchOutboxAsync();

        Assert.Equal((NotificationKind.WebhookLeadAccepted, HookUrl, key.Id), (queued.Kind, queued.Recipient, queued.ApiKeyId));
        Assert.Equal(new OutboxDispatchJob.Result(1, 0), dispatched);
        var delivery = Assert.Single(deliveries);
        Assert.Equal(new Uri(HookUrl), delivery.Url);
        Assert.Equal("referral.accepted", delivery.EventType);
        Assert.Equal(queued.Id, delivery.DeliveryId);
        AssertSignedWith(key, delivery);
        var json = delivery.Json;
        Assert.Equal("referral.accepted", json["eventType"]!.GetValue<string>());
        Assert.Equal(acceptedAt, json["occurredDateTime"]!.GetValue<DateTime>().ToUniversalTime());
        var referral = json["referral"]!;
        Assert.Equal(id, referral["id"]!.GetValue<long>());
        Assert.Equal(("Active", "Accepted"), (referral["status"]!.GetValue<string>(), referral["substatus"]!.GetValue<string>()));
        Assert.Equal("Browser deal", referral["name"]!.GetValue<string>());
        Assert.Equal(8800m, referral["details"]!["dealValue"]!.GetValue<decimal>());
        Assert.Equal(ReferralResource.ETagOf((await factory.LoadLeadAsync(id)).Version), referral["etag"]!.GetValue<string>());
        var sent = Assert.Single(await WebhookMessagesAsync(factory, id));
        Assert.NotNull(sent.SentAtUtc);
        Assert.Equal(1, sent.Attempts);
        Assert.Equal(new OutboxDispatchJob.Result(0, 0), await factory.DispatchOutboxAsync());
        Assert.Single(deliveries);
    }

    [Fact]
    public async Task FailedWebhook_IsRetriedAfterTheBackoff_WithTheSameEventSignedAgain()
    {
        var (webhooks, deliveries) = Receiver(failures: 1);
        using var factory = await NewPortalAsync(webhooks);
        var key = await factory.CreateApiKeyAsync("admin@fabrikam.test", HookUrl);
        var contosoKey = await factory.CreateApiKeyAsync("admin@contoso.test");
        var id = await factory.SendReferralAsync(key, "contoso", ReferralsApi.UniqueCompany("Retried"));
        await factory.DispatchOutboxAsync();
        var acceptedAt = factory.Clock.GetUtcNow().UtcDateTime;
        await ContosoActsAsync(factory, contosoKey, id, "accept", ReferralsApi.AcceptBody(factory.Today().AddDays(30)));

        var first = await factory.DispatchOutboxAsync();
        var failed = Assert.Single(await WebhookMessagesAsync(factory, id));
        var tooEarly = await factory.DispatchOutboxAsync();
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var retried = await factory.DispatchOutboxAsync();
        var again = await factory.DispatchOutboxAsync();

        Assert.Equal(new OutboxDispatchJob.Result(0, 1), first);
        Assert.Equal(1, failed.Attempts);
        Assert.Null(failed.SentAtUtc);
        Assert.Equal("The webhook answered 503 Service Unavailable.", failed.LastError);
        Assert.Equal(acceptedAt.AddMinutes(1), failed.NextAttemptAtUtc);
        Assert.Equal(new OutboxDispatchJob.Result(0, 0), tooEarly);
        Assert.Equal(new OutboxDispatchJob.Result(1, 0), retried);
        Assert.Equal(new OutboxDispatchJob.Result(0, 0), again);
        Assert.Equal(2, deliveries.Count);
        Assert.All(deliveries, d =>
        {
            Assert.Equal("referral.accepted", d.EventType);
            Assert.Equal(failed.Id, d.DeliveryId);
            AssertSignedWith(key, d);
            Assert.Equal(acceptedAt, d.Json["occurredDateTime"]!.GetValue<DateTime>().ToUniversalTime());
        });
        var sent = Assert.Single(await WebhookMessagesAsync(factory, id));
        Assert.Equal(2, sent.Attempts);
        Assert.NotNull(sent.SentAtUtc);
    }

    [Fact]
    public async Task EveryStageChange_PostsItsOwnEvent_SignedWithTheSendingKey()
    {
        var (webhooks, deliveries) = Receiver();
        using var factory = await NewPortalAsync(webhooks);
        var key = await factory.CreateApiKeyAsync("admin@fabrikam.test", HookUrl);
        var contosoKey = await factory.CreateApiKeyAsync("admin@contoso.test");
        var won = await factory.SendReferralAsync(key, "contoso", ReferralsApi.UniqueCompany("Won"));
        var lost = await factory.SendReferralAsync(key, "contoso", ReferralsApi.UniqueCompany("Lost"));
        var declined = await factory.SendReferralAsync(key, "contoso", ReferralsApi.UniqueCompany("Declined"));
        var expired = await factory.SendReferralAsync(key, "contoso", ReferralsApi.UniqueCompany("Expired"));
        var closing = factory.Today().AddDays(30);

        await ContosoActsAsync(factory, contosoKey, won, "accept", ReferralsApi.AcceptBody(closing));
        await ContosoActsAsync(factory, contosoKey, won, "won", new JsonObject { ["notes"] = "Signed." });
        await ContosoActsAsync(factory, contosoKey, lost, "accept", ReferralsApi.AcceptBody(closing));
        await ContosoActsAsync(factory, contosoKey, lost, "lost", new JsonObject());
        await ContosoActsAsync(factory, contosoKey, declined, "decline", new JsonObject { ["reason"] = "BudgetTooSmall" });
        factory.Clock.Advance(TimeSpan.FromDays(14));
        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<LeadExpiryJob>().RunAsync(CancellationToken.None);
        }

        await factory.DispatchAllDueAsync();

        Assert.All(deliveries, d => AssertSignedWith(key, d));
        Assert.All(deliveries, d => Assert.Equal(new Uri(HookUrl), d.Url));
        Assert.All(deliveries, d => Assert.Equal(d.EventType, d.Json["eventType"]!.GetValue<string>()));
        string[] EventsOf(long id) => [.. deliveries.Where(d => d.Json["referral"]!["id"]!.GetValue<long>() == id).Select(d => d.EventType)];
        Assert.Equal(["referral.accepted", "referral.won"], EventsOf(won));
        Assert.Equal(["referral.accepted", "referral.lost"], EventsOf(lost));
        Assert.Equal(["referral.declined"], EventsOf(declined));
        Assert.Equal(["referral.expired"], EventsOf(expired));
        var expiredReferral = deliveries.Single(d => d.EventType == "referral.expired").Json["referral"]!;
        Assert.Equal(("Closed", "Expired"), (expiredReferral["status"]!.GetValue<string>(), expiredReferral["substatus"]!.GetValue<string>()));
        Assert.Equal("BudgetTooSmall", deliveries.Single(d => d.EventType == "referral.declined").Json["referral"]!["statusReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task KeyWithoutWebhookUrl_QueuesAndPostsNoWebhook()
    {
        var (webhooks, deliveries) = Receiver();
        using var factory = await NewPortalAsync(webhooks);
        var key = await factory.CreateApiKeyAsync("admin@fabrikam.test");
        var contosoKey = await factory.CreateApiKeyAsync("admin@contoso.test");
        var id = await factory.SendReferralAsync(key, "contoso", ReferralsApi.UniqueCompany("No Hook"));

        await ContosoActsAsync(factory, contosoKey, id, "accept", ReferralsApi.AcceptBody(factory.Today().AddDays(30)));
        await factory.DispatchOutboxAsync();

        Assert.Empty(await WebhookMessagesAsync(factory, id));
        Assert.Empty(deliveries);
    }

    [Fact]
    public async Task KeyRevokedBeforeTheChange_GetsNoWebhook()
    {
        var (webhooks, deliveries) = Receiver();
        using var factory = await NewPortalAsync(webhooks);
        var key = await factory.CreateApiKeyAsync("admin@fabrikam.test", HookUrl);
        var contosoKey = await factory.CreateApiKeyAsync("admin@contoso.test");
        var id = await factory.SendReferralAsync(key, "contoso", ReferralsApi.UniqueCompany("Revoked Hook"));
        await factory.RevokeApiKeyAsync("admin@fabrikam.test", key.Id);

        await ContosoActsAsync(factory, contosoKey, id, "decline", new JsonObject { ["reason"] = "NotAFit" });
        await factory.DispatchOutboxAsync();

        Assert.Empty(await WebhookMessagesAsync(factory, id));
        Assert.Empty(deliveries);
    }

    [Fact]
    public async Task ReferralToAnotherOrganization_DoesNotPostToAnUnrelatedKeysWebhook()
    {
        var (webhooks, deliveries) = Receiver();
        using var factory = await NewPortalAsync(webhooks);
        await factory.CreateApiKeyAsync("admin@fabrikam.test", HookUrl);
        var contosoKey = await factory.CreateApiKeyAsync("admin@contoso.test");
        var inquiry = await factory.CreateLeadAsync(LeadState.Received);

        await ContosoActsAsync(factory, contosoKey, inquiry, "accept", ReferralsApi.AcceptBody(factory.Today().AddDays(30)));
        await factory.DispatchOutboxAsync();

        Assert.Empty(await WebhookMessagesAsync(factory, inquiry));
        Assert.Empty(deliveries);
    }
}
