using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Features.Leads;

public enum LeadTab
{
    Marketplace,
    Qualified,
}

public sealed record LeadRow(
    long Id,
    string CompanyName,
    string ContactName,
    LeadType Type,
    LeadStage Stage,
    LeadOutcome? Outcome,
    DateTime ReceivedAtUtc,
    DateTime ResponseDeadlineUtc,
    bool ContactRequested,
    string? DealName,
    long? DealValueMinor,
    string? DealCurrency);

public sealed record LeadListPage(LeadTab Tab, LeadStage? Stage, IReadOnlyList<LeadRow> Rows, IReadOnlyDictionary<LeadStage, int> Counts);

/// <summary>Reads the lead lists of one organization.</summary>
public sealed class LeadList(LeadPortalDbContext db)
{
    public const int PageSize = 25;

    public async Task<LeadListPage> LoadAsync(int organizationId, LeadTab tab, LeadStage? stage, CancellationToken cancellationToken)
    {
        var inTab = InTab(db.LeadsOf(organizationId).AsNoTracking(), tab);
        var counts = await inTab.GroupBy(l => l.Stage)
            .Select(g => new { Stage = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Stage, g => g.Count, cancellationToken);

        var filtered = stage is null ? inTab : inTab.Where(l => l.Stage == stage);
        var rows = await filtered
            .OrderByDescending(l => l.ReceivedAtUtc).ThenByDescending(l => l.Id)
            .Take(PageSize)
            .Select(l => new LeadRow(
                l.Id, l.Customer.CompanyName, l.Customer.ContactName, l.Type, l.Stage, l.Outcome,
                l.ReceivedAtUtc, l.ResponseDeadlineUtc, l.ContactRequested,
                l.Deal == null ? null : l.Deal.Name,
                l.Deal == null ? null : l.Deal.ValueMinor,
                l.Deal == null ? null : l.Deal.Currency))
            .ToListAsync(cancellationToken);

        return new LeadListPage(tab, stage, rows, Enum.GetValues<LeadStage>().ToDictionary(s => s, s => counts.GetValueOrDefault(s)));
    }

    private static IQueryable<Lead> InTab(IQueryable<Lead> leads, LeadTab tab) => tab switch
    {
        LeadTab.Marketplace => leads.Where(l => l.Type == LeadType.CustomerInquiry),
        _ => leads.Where(l => l.Type != LeadType.CustomerInquiry),
    };
}
