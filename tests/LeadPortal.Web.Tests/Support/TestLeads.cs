using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Tests.Support;

/// <summary>Adds leads straight through the aggregate, for tests that need a lead in a known state at a known time.</summary>
public static class TestLeads
{
    public static Task<int> OrganizationIdAsync(this PortalFactory factory, string slug) =>
        factory.WithDbAsync(db => db.Organizations.Where(o => o.Slug == slug).Select(o => o.Id).SingleAsync());

    public static async Task<long> AddLeadAsync(
        this PortalFactory factory,
        string organizationSlug,
        DateTime receivedAtUtc,
        LeadType type = LeadType.SalesQualified,
        bool contactRequested = false,
        string company = "Test Customer Ltd",
        Action<Lead>? then = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var orgId = await factory.OrganizationIdAsync(organizationSlug);
        return await factory.WithDbAsync(async db =>
        {
            var sender = type == LeadType.CustomerInquiry
                ? new LeadSender(SenderKind.Customer, "Cora Customer", "cora@customer.example")
                : new LeadSender(SenderKind.PlatformStaff, "Sam Seller", "sam.seller@platform.example");
            var lead = Lead.Receive(orgId, type,
                new CustomerProfile(company, "Cora Customer", "cora@customer.example", "+886 2 1234 5678", "Taiwan", "Taipei", "50-249", "Retail"),
                "Needs a cloud migration.", sender, contactRequested, receivedAtUtc, TimeSpan.FromDays(14));
            then?.Invoke(lead);
            db.Leads.Add(lead);
            await db.SaveChangesAsync();
            return lead.Id;
        });
    }

    public static Task<Lead> LoadLeadAsync(this PortalFactory factory, long id) =>
        factory.WithDbAsync(db => db.Leads.AsNoTracking().SingleAsync(l => l.Id == id));

    public static DealDetails SampleDeal(DateTime nowUtc) =>
        new("Sample deal", Money.FromAmount(10_000m, "USD"), DateOnly.FromDateTime(nowUtc).AddDays(60), "notes", null, null);
}
