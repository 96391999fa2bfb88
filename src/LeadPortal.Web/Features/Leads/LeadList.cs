using System.Globalization;
using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Features.Leads;

public enum LeadTab
{
    Marketplace,
    Qualified,
    Favorites,
}

public enum LeadSort
{
    Received,
    Deadline,
    Value,
}

public enum SortDirection
{
    Desc,
    Asc,
}

/// <summary>What a lead list shows; every field lives in the query string so a view can be bookmarked.</summary>
public sealed class LeadListQuery
{
    public LeadStage? Stage { get; set; }
    public LeadOutcome? Outcome { get; set; }
    public LeadType? Type { get; set; }
    public string? Q { get; set; }
    public LeadSort Sort { get; set; } = LeadSort.Received;
    public SortDirection Dir { get; set; } = SortDirection.Desc;

    /// <summary>Keyset cursor: the page starts after this row (see <see cref="LeadCursor"/>).</summary>
    public string? After { get; set; }

    /// <summary>Keyset cursor for the previous page: the page ends before this row.</summary>
    public string? Before { get; set; }

    public LeadListQuery With(Action<LeadListQuery> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var copy = (LeadListQuery)MemberwiseClone();
        change(copy);
        return copy;
    }

    /// <summary>The query string of this view, leaving out the defaults.</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("stage", Stage?.ToString().ToLowerInvariant());
        Add("outcome", Outcome?.ToString().ToLowerInvariant());
        Add("type", Type?.ToString().ToLowerInvariant());
        Add("q", Q);
        Add("sort", Sort == LeadSort.Received ? null : Sort.ToString().ToLowerInvariant());
        Add("dir", Dir == SortDirection.Desc ? null : Dir.ToString().ToLowerInvariant());
        Add("after", After);
        Add("before", Before);
        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
    }
}

/// <summary>The position of a row in a sorted list: its sort key and id, written as "key_id".</summary>
public readonly record struct LeadCursor(long Key, long Id)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Key}_{Id}");

    public static bool TryParse(string? value, out LeadCursor cursor)
    {
        cursor = default;
        var parts = value?.Split('_');
        if (parts is not [var key, var id]
            || !long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var k)
            || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var i))
        {
            return false;
        }

        cursor = new LeadCursor(k, i);
        return true;
    }
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
    bool ContactUrgencyLapsed,
    string? DealName,
    long? DealValueMinor,
    string? DealCurrency,
    bool IsFavorite);

public sealed record StageCounts(IReadOnlyDictionary<LeadStage, int> ByStage, IReadOnlyDictionary<LeadOutcome, int> ByOutcome)
{
    public int Total => ByStage.Values.Sum();
}

public sealed record LeadListPage(
    LeadTab Tab,
    LeadListQuery Query,
    IReadOnlyList<LeadRow> Rows,
    StageCounts Counts,
    string? NextCursor,
    string? PreviousCursor);

/// <summary>
/// Reads one organization's lead lists. Pages are keyset pages over (sort key, id), so the cost of a page does not
/// grow with how deep the user has paged.
/// </summary>
public sealed class LeadList(LeadPortalDbContext db)
{
    public const int PageSize = 25;
    public const int MaxSearchLength = 100;

    public async Task<LeadListPage> LoadAsync(int organizationId, string userId, LeadTab tab, LeadListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var scoped = Scope(organizationId, userId, tab, query);
        var counts = await CountAsync(scoped, cancellationToken);
        var filtered = FilterStage(scoped, query);

        var backwards = LeadCursor.TryParse(query.Before, out var before);
        var hasAfter = LeadCursor.TryParse(query.After, out var after) && !backwards;
        var ascending = query.Dir == SortDirection.Asc;
        // Reading the previous page walks the order the other way, then flips the rows back.
        var readAscending = backwards ? !ascending : ascending;

        var rows = await Page(filtered, query.Sort, readAscending, backwards ? before : hasAfter ? after : null)
            .Take(PageSize + 1)
            .Select(l => new LeadRow(
                l.Id, l.Customer.CompanyName, l.Customer.ContactName, l.Type, l.Stage, l.Outcome,
                l.ReceivedAtUtc, l.ResponseDeadlineUtc, l.ContactRequested, l.ContactUrgencyLapsed,
                l.Deal == null ? null : l.Deal.Name,
                l.Deal == null ? null : l.Deal.ValueMinor,
                l.Deal == null ? null : l.Deal.Currency,
                db.FavoriteLeads.Any(f => f.LeadId == l.Id && f.UserId == userId)))
            .ToListAsync(cancellationToken);

        var hasMore = rows.Count > PageSize;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        if (backwards)
        {
            rows.Reverse();
        }

        string? next = null, previous = null;
        if (rows.Count > 0)
        {
            var first = Cursor(rows[0], query.Sort);
            var last = Cursor(rows[^1], query.Sort);
            next = backwards || hasMore ? last.ToString() : null;
            previous = backwards ? (hasMore ? first.ToString() : null) : hasAfter ? first.ToString() : null;
        }

        return new LeadListPage(tab, query, rows, counts, next, previous);
    }

    /// <summary>
    /// Every lead the list shows for <paramref name="query"/>, across all its pages: the organization's leads in the tab,
    /// narrowed by type, search, stage and outcome. The list pages through it; the CSV export writes all of it.
    /// </summary>
    public IQueryable<Lead> Filter(int organizationId, string userId, LeadTab tab, LeadListQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return FilterStage(Scope(organizationId, userId, tab, query), query);
    }

    /// <summary>The tab, type and search filters: what the stage counts are counted over.</summary>
    private IQueryable<Lead> Scope(int organizationId, string userId, LeadTab tab, LeadListQuery query)
    {
        var scoped = InTab(db.LeadsOf(organizationId).AsNoTracking(), tab, userId);
        if (query.Type is { } type && TypeFitsTab(type, tab))
        {
            scoped = scoped.Where(l => l.Type == type);
        }

        var search = query.Q?.Trim();
        if (!string.IsNullOrEmpty(search))
        {
            var pattern = "%" + EscapeLike(search.Length > MaxSearchLength ? search[..MaxSearchLength] : search) + "%";
            scoped = scoped.Where(l =>
                EF.Functions.Like(l.Customer.CompanyName, pattern, "\\")
                || EF.Functions.Like(l.Customer.ContactName, pattern, "\\")
                || (l.Deal != null && EF.Functions.Like(l.Deal.Name, pattern, "\\")));
        }

        return scoped;
    }

    /// <summary>The stage filter, and the outcome filter under Archived.</summary>
    private static IQueryable<Lead> FilterStage(IQueryable<Lead> leads, LeadListQuery query)
    {
        if (query.Stage is { } stage)
        {
            leads = leads.Where(l => l.Stage == stage);
            if (stage == LeadStage.Archived && query.Outcome is { } outcome)
            {
                leads = leads.Where(l => l.Outcome == outcome);
            }
        }

        return leads;
    }

    public static bool TypeFitsTab(LeadType type, LeadTab tab) => tab switch
    {
        LeadTab.Marketplace => type == LeadType.CustomerInquiry,
        LeadTab.Qualified => type.IsQualified(),
        _ => true,
    };

    private IQueryable<Lead> InTab(IQueryable<Lead> leads, LeadTab tab, string userId) => tab switch
    {
        LeadTab.Marketplace => leads.Where(l => l.Type == LeadType.CustomerInquiry),
        LeadTab.Qualified => leads.Where(l => l.Type != LeadType.CustomerInquiry),
        _ => leads.Where(l => db.FavoriteLeads.Any(f => f.LeadId == l.Id && f.UserId == userId)),
    };

    private static async Task<StageCounts> CountAsync(IQueryable<Lead> leads, CancellationToken cancellationToken)
    {
        var groups = await leads.GroupBy(l => new { l.Stage, l.Outcome })
            .Select(g => new { g.Key.Stage, g.Key.Outcome, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return new StageCounts(
            Enum.GetValues<LeadStage>().ToDictionary(s => s, s => groups.Where(g => g.Stage == s).Sum(g => g.Count)),
            Enum.GetValues<LeadOutcome>().ToDictionary(o => o, o => groups.Where(g => g.Outcome == o).Sum(g => g.Count)));
    }

    /// <summary>Orders by the sort key then id, and starts after the cursor in that order (the export reads its batches the same way).</summary>
    internal static IQueryable<Lead> Page(IQueryable<Lead> leads, LeadSort sort, bool ascending, LeadCursor? cursor)
    {
        switch (sort)
        {
            case LeadSort.Deadline:
                if (cursor is { } c1)
                {
                    var key = new DateTime(c1.Key, DateTimeKind.Utc);
                    leads = ascending
                        ? leads.Where(l => l.ResponseDeadlineUtc > key || (l.ResponseDeadlineUtc == key && l.Id > c1.Id))
                        : leads.Where(l => l.ResponseDeadlineUtc < key || (l.ResponseDeadlineUtc == key && l.Id < c1.Id));
                }

                return ascending
                    ? leads.OrderBy(l => l.ResponseDeadlineUtc).ThenBy(l => l.Id)
                    : leads.OrderByDescending(l => l.ResponseDeadlineUtc).ThenByDescending(l => l.Id);

            case LeadSort.Value:
                // Leads without a deal sort as value -1, below every real value.
                if (cursor is { } c2)
                {
                    leads = ascending
                        ? leads.Where(l => (l.Deal == null ? -1 : l.Deal.ValueMinor) > c2.Key
                            || ((l.Deal == null ? -1 : l.Deal.ValueMinor) == c2.Key && l.Id > c2.Id))
                        : leads.Where(l => (l.Deal == null ? -1 : l.Deal.ValueMinor) < c2.Key
                            || ((l.Deal == null ? -1 : l.Deal.ValueMinor) == c2.Key && l.Id < c2.Id));
                }

                return ascending
                    ? leads.OrderBy(l => l.Deal == null ? -1 : l.Deal.ValueMinor).ThenBy(l => l.Id)
                    : leads.OrderByDescending(l => l.Deal == null ? -1 : l.Deal.ValueMinor).ThenByDescending(l => l.Id);

            default:
                if (cursor is { } c3)
                {
                    var key = new DateTime(c3.Key, DateTimeKind.Utc);
                    leads = ascending
                        ? leads.Where(l => l.ReceivedAtUtc > key || (l.ReceivedAtUtc == key && l.Id > c3.Id))
                        : leads.Where(l => l.ReceivedAtUtc < key || (l.ReceivedAtUtc == key && l.Id < c3.Id));
                }

                return ascending
                    ? leads.OrderBy(l => l.ReceivedAtUtc).ThenBy(l => l.Id)
                    : leads.OrderByDescending(l => l.ReceivedAtUtc).ThenByDescending(l => l.Id);
        }
    }

    /// <summary>The cursor of a row: its key under <paramref name="sort"/> and its id.</summary>
    internal static LeadCursor Cursor(LeadSort sort, long id, DateTime receivedAtUtc, DateTime responseDeadlineUtc, long? dealValueMinor) => sort switch
    {
        LeadSort.Deadline => new LeadCursor(responseDeadlineUtc.Ticks, id),
        LeadSort.Value => new LeadCursor(dealValueMinor ?? -1, id),
        _ => new LeadCursor(receivedAtUtc.Ticks, id),
    };

    private static LeadCursor Cursor(LeadRow row, LeadSort sort) =>
        Cursor(sort, row.Id, row.ReceivedAtUtc, row.ResponseDeadlineUtc, row.DealValueMinor);

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
