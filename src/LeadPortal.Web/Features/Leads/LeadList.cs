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
/// grow with how deep the user has paged. A tab's page is the merge of the first rows of each (type, stage, outcome)
/// partition, each read in index order; the stage counts come from the counts the database keeps. A search or the
/// Favorites tab narrows the leads to a few first (the search index, the user's hearts) and sorts those.
/// </summary>
public sealed class LeadList(LeadPortalDbContext db)
{
    public const int PageSize = 25;
    public const int MaxSearchLength = 100;

    /// <summary>How many characters of a search term the search index looks up (measured: 10 take a fourth of the time of 30).</summary>
    private const int SearchIndexPrefix = 10;

    public async Task<LeadListPage> LoadAsync(int organizationId, string userId, LeadTab tab, LeadListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var counts = await CountAsync(organizationId, userId, tab, query, cancellationToken);

        var backwards = LeadCursor.TryParse(query.Before, out var before);
        var hasAfter = LeadCursor.TryParse(query.After, out var after) && !backwards;
        var ascending = query.Dir == SortDirection.Asc;
        // Reading the previous page walks the order the other way, then flips the rows back.
        var readAscending = backwards ? !ascending : ascending;

        var rows = await Ordered(organizationId, userId, tab, query, readAscending, backwards ? before : hasAfter ? after : null, PageSize + 1)
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
    /// The first <paramref name="take"/> leads the list shows for <paramref name="query"/> after <paramref name="cursor"/>,
    /// in the order of its sort: the organization's leads in the tab, narrowed by type, search, stage and outcome. The
    /// list reads a page of it; the CSV export reads all of it, batch after batch.
    /// </summary>
    public IQueryable<Lead> Ordered(int organizationId, string userId, LeadTab tab, LeadListQuery query, bool ascending, LeadCursor? cursor, int take)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sources = Sources(organizationId, userId, tab, query);
        if (sources.Count == 1)
        {
            return Page(sources[0], query.Sort, ascending, cursor).Take(take);
        }

        var merged = sources.Select(s => Page(s, query.Sort, ascending, cursor).Take(take)).Aggregate((a, b) => a.Concat(b));
        return Page(merged, query.Sort, ascending, null).Take(take);
    }

    /// <summary>
    /// The leads the list shows for <paramref name="query"/>, as the queries whose ordered rows merge into it: one per
    /// (type, stage, outcome) partition of the tab, each of which an index delivers in sort order, or the one query of
    /// a search or the Favorites tab.
    /// </summary>
    public IReadOnlyList<IQueryable<Lead>> Sources(int organizationId, string userId, LeadTab tab, LeadListQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var leads = FilterStage(Scope(organizationId, userId, tab, query), query);
        return IsNarrowed(tab, query) ? [leads] : [.. Partitions(tab, query).Select(leads.Where)];
    }

    /// <summary>A search or the Favorites tab starts from a few leads (the matches, the hearts), not from the tab's index.</summary>
    private static bool IsNarrowed(LeadTab tab, LeadListQuery query) =>
        tab == LeadTab.Favorites || !string.IsNullOrWhiteSpace(query.Q);

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
            search = search.Length > MaxSearchLength ? search[..MaxSearchLength] : search;
            // The search index finds candidates by the term's longest piece between LIKE's wildcards (its trigram index
            // cannot take an ESCAPE clause), cut to a few characters: each further trigram costs a posting list to
            // intersect, for few fewer candidates. The escaped pattern then keeps exactly the leads whose fields contain the term.
            var piece = search.Split(['%', '_', '\\'], StringSplitOptions.RemoveEmptyEntries).MaxBy(p => p.Length) ?? string.Empty;
            var candidates = "%" + (piece.Length > SearchIndexPrefix ? piece[..SearchIndexPrefix] : piece) + "%";
            var pattern = "%" + EscapeLike(search) + "%";
            scoped = scoped
                .Where(l => db.LeadSearch.Where(s => EF.Functions.Like(s.Text, candidates)).Select(s => s.LeadId).Contains(l.Id))
                .Where(l => EF.Functions.Like(l.Customer.CompanyName, pattern, "\\")
                    || EF.Functions.Like(l.Customer.ContactName, pattern, "\\")
                    || EF.Functions.Like(l.Customer.Email, pattern, "\\")
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
        // Starts from the user's hearts (an IN list of ids), not from the organization's leads.
        _ => leads.Where(l => db.FavoriteLeads.Where(f => f.UserId == userId).Select(f => f.LeadId).Contains(l.Id)),
    };

    /// <summary>The lead types the list shows: the tab's, narrowed by the type filter when it fits the tab.</summary>
    private static LeadType[] TypesShown(LeadTab tab, LeadListQuery query) =>
        query.Type is { } type && TypeFitsTab(type, tab)
            ? [type]
            : [.. Enum.GetValues<LeadType>().Where(t => TypeFitsTab(t, tab))];

    private static LeadStatus[] StatusesShown(LeadListQuery query) => query.Stage switch
    {
        null => Enum.GetValues<LeadStatus>(),
        LeadStage.Archived when query.Outcome is { } outcome => [LeadStatuses.Of(LeadStage.Archived, outcome)],
        { } stage => [.. Enum.GetValues<LeadStatus>().Where(s => LeadStatuses.StageOf(s) == stage)],
    };

    /// <summary>
    /// One filter per type the list shows, and per (stage, outcome) when a stage is chosen, written with constants, so
    /// each matches the start of a sort index (an open lead's outcome is IS NULL, not a parameter that might be null).
    /// </summary>
    private static IEnumerable<System.Linq.Expressions.Expression<Func<Lead, bool>>> Partitions(LeadTab tab, LeadListQuery query)
    {
        if (query.Stage is null)
        {
            // Every stage: one partition per type, read through the (OrganizationId, Type, key, Id) indexes.
            foreach (var type in TypesShown(tab, query))
            {
                yield return l => l.Type == type;
            }

            yield break;
        }

        foreach (var type in TypesShown(tab, query))
        {
            foreach (var status in StatusesShown(query))
            {
                var stage = LeadStatuses.StageOf(status);
                yield return LeadStatuses.OutcomeOf(status) is { } outcome
                    ? l => l.Type == type && l.Stage == stage && l.Outcome == outcome
                    : l => l.Type == type && l.Stage == stage && l.Outcome == null;
            }
        }
    }

    private async Task<StageCounts> CountAsync(int organizationId, string userId, LeadTab tab, LeadListQuery query, CancellationToken cancellationToken)
    {
        List<(LeadStatus Status, int Count)> counts;
        if (IsNarrowed(tab, query))
        {
            var groups = await Scope(organizationId, userId, tab, query)
                .GroupBy(l => new { l.Stage, l.Outcome })
                .Select(g => new { g.Key.Stage, g.Key.Outcome, Count = g.Count() })
                .ToListAsync(cancellationToken);
            counts = [.. groups.Select(g => (LeadStatuses.Of(g.Stage, g.Outcome), g.Count))];
        }
        else
        {
            var types = TypesShown(tab, query);
            var kept = await db.LeadStatusCounts
                .Where(c => c.OrganizationId == organizationId && types.Contains(c.Type))
                .GroupBy(c => c.Status)
                .Select(g => new { Status = g.Key, Count = g.Sum(c => c.Count) })
                .ToListAsync(cancellationToken);
            counts = [.. kept.Select(k => (k.Status, k.Count))];
        }

        int Of(LeadStatus status) => counts.Where(c => c.Status == status).Sum(c => c.Count);
        return new StageCounts(
            Enum.GetValues<LeadStage>().ToDictionary(s => s, s => Enum.GetValues<LeadStatus>().Where(x => LeadStatuses.StageOf(x) == s).Sum(Of)),
            Enum.GetValues<LeadOutcome>().ToDictionary(o => o, o => Of(LeadStatuses.Of(LeadStage.Archived, o))));
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
                        ? leads.Where(l => l.ResponseDeadlineUtc >= key && (l.ResponseDeadlineUtc > key || l.Id > c1.Id))
                        : leads.Where(l => l.ResponseDeadlineUtc <= key && (l.ResponseDeadlineUtc < key || l.Id < c1.Id));
                }

                return ascending
                    ? leads.OrderBy(l => l.ResponseDeadlineUtc).ThenBy(l => l.Id)
                    : leads.OrderByDescending(l => l.ResponseDeadlineUtc).ThenByDescending(l => l.Id);

            case LeadSort.Value:
                // The computed DealSortValue column: the deal's value, or -1 for a lead without a deal.
                if (cursor is { } c2)
                {
                    leads = ascending
                        ? leads.Where(l => EF.Property<long>(l, LeadPortalDbContext.DealSortValue) >= c2.Key && (EF.Property<long>(l, LeadPortalDbContext.DealSortValue) > c2.Key || l.Id > c2.Id))
                        : leads.Where(l => EF.Property<long>(l, LeadPortalDbContext.DealSortValue) <= c2.Key && (EF.Property<long>(l, LeadPortalDbContext.DealSortValue) < c2.Key || l.Id < c2.Id));
                }

                return ascending
                    ? leads.OrderBy(l => EF.Property<long>(l, LeadPortalDbContext.DealSortValue)).ThenBy(l => l.Id)
                    : leads.OrderByDescending(l => EF.Property<long>(l, LeadPortalDbContext.DealSortValue)).ThenByDescending(l => l.Id);

            default:
                if (cursor is { } c3)
                {
                    var key = new DateTime(c3.Key, DateTimeKind.Utc);
                    leads = ascending
                        ? leads.Where(l => l.ReceivedAtUtc >= key && (l.ReceivedAtUtc > key || l.Id > c3.Id))
                        : leads.Where(l => l.ReceivedAtUtc <= key && (l.ReceivedAtUtc < key || l.Id < c3.Id));
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
