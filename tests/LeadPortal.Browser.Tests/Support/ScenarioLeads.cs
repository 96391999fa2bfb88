using LeadPortal.Core.Leads;

using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Browser.Tests.Support;

/// <summary>
/// Leads made for one scenario, straight through the aggregate, so that no two scenarios touch the same lead and none
/// depends on the order the others ran in.
/// </summary>
public static class ScenarioLeads
{
    public const string ReferralsActor = "Ray Referrals";

    public static Task<int> OrganizationIdAsync(this PortalHost host, string slug) =>
        host.WithDbAsync(db => db.Organizations.Where(o => o.Slug == slug).Select(o => o.Id).SingleAsync());

    /// <summary>Adds a lead received now (by the host's clock) for the organization; <paramref name="then"/> may move it on.</summary>
    public static async Task<long> AddLeadAsync(
        this PortalHost host,
        string organizationSlug,
        string company,
        LeadType type = LeadType.SalesQualified,
        bool contactRequested = false,
        DateTime? receivedAtUtc = null,
        Action<Lead, DateTime>? then = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var organizationId = await host.OrganizationIdAsync(organizationSlug);
        var now = host.Clock.GetUtcNow().UtcDateTime;
        return await host.WithDbAsync(async db =>
        {
            var sender = type == LeadType.CustomerInquiry
                ? new LeadSender(SenderKind.Customer, "Cora Customer", "cora@customer.example")
                : new LeadSender(SenderKind.PlatformStaff, "Sam Seller", "sam.seller@platform.example");
            var lead = Lead.Receive(organizationId, type,
                new CustomerProfile(company, "Cora Customer", "cora@customer.example", "+886 2 1234 5678", "Taiwan", "Taipei", "50-249", "Retail"),
                "We want to move our file servers to the cloud and need help planning the migration.",
                sender, contactRequested, receivedAtUtc ?? now, TimeSpan.FromDays(14));
            then?.Invoke(lead, now);
            lead.ClearEvents();
            db.Leads.Add(lead);
            await db.SaveChangesAsync();
            return lead.Id;
        });
    }

    /// <summary>Accepts the lead with a 12,000 USD deal, as Ray Referrals.</summary>
    public static void AcceptWithSampleDeal(Lead lead, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(lead);
        lead.Accept(
            new DealDetails("Cloud migration", Money.FromAmount(12_000m, "USD"), DateOnly.FromDateTime(nowUtc).AddDays(60), "Wants a proposal this quarter.", null, null),
            [], ReferralsActor, nowUtc);
    }

    public static Task<Lead> LoadLeadAsync(this PortalHost host, long id) =>
        host.WithDbAsync(db => db.Leads.AsNoTracking().SingleAsync(l => l.Id == id));
}
