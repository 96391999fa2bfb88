using System.Globalization;
using System.Linq.Expressions;
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
    public string? Q { get; set => field = FieldRules.WithoutNul(value); }
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
    bool IsFavorite) : ILeadTimes;

/// <summary>A row of a list as the query reads it: settable members, which EF can still sort by after a UNION ALL.</summary>
public sealed class ListedLead
{
    public long Id { get; init; }
    public string CompanyName { get; init; } = "";
    public string ContactName { get; init; } = "";
    public LeadType Type { get; init; }
    public LeadStage Stage { get; init; }
    public LeadOutcome? Outcome { get; init; }
    public DateTime ReceivedAtUtc { get; init; }
    public DateTime ResponseDeadlineUtc { get; init; }
    public bool ContactRequested { get; init; }
    public bool ContactUrgencyLapsed { get; init; }
    public string? DealName { get; init; }
    public long? DealValueMinor { get; init; }
    public string? DealCurrency { get; init; }
    public long DealSortValue { get; init; }
    public bool IsFavorite { get; init; }
}

/// <summary>What the kept counts say about a view: its stage counts, and how many leads the organization has.</summary>
public sealed record ListShares(StageCounts Counts, int OrganizationTotal);

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
    string? PreviousCursor)
{
    /// <summary>The instant the page is of: its rows' time left and flames are judged at it.</summary>
    public DateTime NowUtc { get; init; }
}

/// <summary>
/// Reads one organization's lead lists. Pages are keyset pages over (sort key, id), so the cost of a page does not
/// grow with how deep the user has paged. A tab's page is the merge of the first rows of each (type, stage, outcome)
/// partition, each read in index order; the stage counts come from the counts the database keeps. A search or the
/// Favorites tab narrows the leads to a few first (the search index, the user's hearts) and sorts those.
/// </summary>
public sealed class LeadList(LeadPortalDbContext db, SearchTrigrams? trigrams = null, int searchReadOnce = LeadList.SearchReadOnce)
{
    public const int PageSize = 25;
    public const int MaxSearchLength = 100;

    /// <summary>How many characters of a search term the search index looks up (measured: 10 take a fourth of the time of 30).</summary>
    private const int SearchIndexPrefix = 10;

    /// <summary>
    /// A search with at most this many matches asks the search index once: the matches' stages give the counts, and
    /// the page is read by their ids. A broader one counts, then reads the page, each through the index.
    /// </summary>
    public const int SearchReadOnce = 500;

    public async Task<LeadListPage> LoadAsync(int organizationId, string userId, LeadTab tab, LeadListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (counts, organizationTotal, matched) = await CountAsync(organizationId, userId, tab, query, cancellationToken);

        var backwards = LeadCursor.TryParse(query.Before, out var before);
        var hasAfter = LeadCursor.TryParse(query.After, out var after) && !backwards;
        var ascending = query.Dir == SortDirection.Asc;
        // Reading the previous page walks the order the other way, then flips the rows back.
        var readAscending = backwards ? !ascending : ascending;

        LeadCursor? cursor = backwards ? before : hasAfter ? after : null;
        var listed = matched switch
        {
            null => await Ordered(organizationId, userId, tab, query, readAscending, cursor, PageSize + 1, new ListShares(counts, organizationTotal))
                .ToListAsync(cancellationToken),
            [] => [],
            _ => await Listed(Page(db.Leads.AsNoTracking().Where(l => matched.Contains(l.Id)), query.Sort, readAscending, cursor).Take(PageSize + 1), userId)
                .ToListAsync(cancellationToken),
        };
        var rows = listed.ConvertAll(r => new LeadRow(
            r.Id, r.CompanyName, r.ContactName, r.Type, r.Stage, r.Outcome, r.ReceivedAtUtc, r.ResponseDeadlineUtc,
            r.ContactRequested, r.ContactUrgencyLapsed, r.DealName, r.DealValueMinor, r.DealCurrency, r.IsFavorite));

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
    public IQueryable<ListedLead> Ordered(int organizationId, string userId, LeadTab tab, LeadListQuery query, bool ascending, LeadCursor? cursor, int take,
        ListShares? shares = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (IsFavoritesWithoutSearch(tab, query))
        {
            // The user's hearts in sort order from FavoriteLeads' own index, then those few leads.
            var hearts = Page(FilterStage(Favorites(organizationId, userId, query), query), query.Sort, ascending, cursor)
                .Take(take)
                .Select(f => f.LeadId);
            return Page(Listed(db.Leads.AsNoTracking().Where(l => hearts.Contains(l.Id)), userId), query.Sort, ascending).Take(take);
        }

        var sources = Sources(organizationId, userId, tab, query, shares);
        if (sources.Count == 1)
        {
            return Listed(Page(sources[0], query.Sort, ascending, cursor).Take(take), userId);
        }

        // Each partition's first rows, projected to the list's columns before the UNION ALL (so the merge reads no more
        // of the leads), then the first of those in the list's order.
        var merged = sources.Select(s => Listed(Page(s, query.Sort, ascending, cursor).Take(take), userId)).Aggregate((a, b) => a.Concat(b));
        return Page(merged, query.Sort, ascending).Take(take);
    }

    private IQueryable<ListedLead> Listed(IQueryable<Lead> leads, string userId) => leads.Select(l => new ListedLead
    {
        Id = l.Id,
        CompanyName = l.Customer.CompanyName,
        ContactName = l.Customer.ContactName,
        Type = l.Type,
        Stage = l.Stage,
        Outcome = l.Outcome,
        ReceivedAtUtc = l.ReceivedAtUtc,
        ResponseDeadlineUtc = l.ResponseDeadlineUtc,
        ContactRequested = l.ContactRequested,
        ContactUrgencyLapsed = l.ContactUrgencyLapsed,
        DealName = l.Deal == null ? null : l.Deal.Name,
        DealValueMinor = l.Deal == null ? null : l.Deal.ValueMinor,
        DealCurrency = l.Deal == null ? null : l.Deal.Currency,
        DealSortValue = EF.Property<long>(l, LeadPortalDbContext.DealSortValue),
        IsFavorite = db.FavoriteLeads.Any(f => f.LeadId == l.Id && f.UserId == userId),
    });

    /// <summary>
    /// The leads the list shows for <paramref name="query"/>, as the queries whose ordered rows merge into it: one per
    /// (type, stage, outcome) partition of the tab, each of which an index delivers in sort order, or the one query of
    /// a search or the Favorites tab.
    /// </summary>
    public IReadOnlyList<IQueryable<Lead>> Sources(int organizationId, string userId, LeadTab tab, LeadListQuery query, ListShares? shares = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        var scoped = Scope(organizationId, userId, tab, query);
        if (IsNarrowed(tab, query))
        {
            return [FilterStage(scoped, query)];
        }

        // When the view holds at least a third of the leads an index walks, walking it and skipping the others reads
        // about as few rows (at most three per row shown) as merging the first rows of each partition, in one query. Only filters that no
        // index starts with are used here (Type <>, Outcome IS NOT NULL), so the sort's own index is the one read.
        var allStages = query.Stage is null;
        var archived = query is { Stage: LeadStage.Archived, Outcome: null };
        var types = TypesShown(tab, query);
        if (shares is { } s && (allStages || archived))
        {
            var shown = archived ? s.Counts.ByStage[LeadStage.Archived] : s.Counts.Total;
            if (types.Length > 1 && shown * 3 >= s.OrganizationTotal && query.Type is null)
            {
                return [archived ? scoped.Where(l => l.Outcome != null) : scoped];
            }

            if (archived && shown * 3 >= s.Counts.Total)
            {
                return [.. types.Select(type => scoped.Where(l => l.Type == type && l.Outcome != null))];
            }
        }

        var leads = FilterStage(scoped, query);
        return [.. Partitions(tab, query).Select(leads.Where)];
    }

    private static bool IsFavoritesWithoutSearch(LeadTab tab, LeadListQuery query) =>
        tab == LeadTab.Favorites && string.IsNullOrWhiteSpace(query.Q);

    /// <summary>The user's hearts on the organization's leads, narrowed by the type filter (FavoriteLeads holds each lead's keys).</summary>
    private IQueryable<FavoriteLead> Favorites(int organizationId, string userId, LeadListQuery query)
    {
        var favorites = db.FavoriteLeads.AsNoTracking().Where(f => f.UserId == userId && f.OrganizationId == organizationId);
        return query.Type is { } type ? favorites.Where(f => f.Type == type) : favorites;
    }

    /// <summary>A search or the Favorites tab starts from a few leads (the matches, the hearts), not from the tab's index.</summary>
    private static bool IsNarrowed(LeadTab tab, LeadListQuery query) =>
        tab == LeadTab.Favorites || !string.IsNullOrWhiteSpace(query.Q);

    /// <summary>The tab, type and search filters: what the stage counts are counted over.</summary>
    private IQueryable<Lead> Scope(int organizationId, string userId, LeadTab tab, LeadListQuery query)
    {
        var scoped = InTab(db.Leads.AsNoTracking(), tab, userId);
        if (query.Type is { } type && TypeFitsTab(type, tab))
        {
            scoped = scoped.Where(l => l.Type == type);
        }

        var search = query.Q?.Trim();
        if (!string.IsNullOrEmpty(search))
        {
            search = search.Length > MaxSearchLength ? search[..MaxSearchLength] : search;
            // The search index's candidates, then exactly the leads whose fields contain the term (the escaped pattern).
            var pattern = "%" + EscapeLike(search) + "%";
            var candidates = SearchCandidates(search).Select(s => s.LeadId);
            scoped = scoped
                .Where(l => candidates.Contains(l.Id))
                .Where(l => EF.Functions.Like(l.Customer.CompanyName, pattern, "\\")
                    || EF.Functions.Like(l.Customer.ContactName, pattern, "\\")
                    || EF.Functions.Like(l.Customer.Email, pattern, "\\")
                    || (l.Deal != null && EF.Functions.Like(l.Deal.Name, pattern, "\\")));
        }

        return scoped;
    }

    /// <summary>
    /// The search index's entries that may contain <paramref name="search"/>: a superset of the matches, which the
    /// exact match on the leads' fields then narrows. On SQLite, the FTS5 index is asked for the term's rarest trigrams
    /// (see <see cref="SearchTrigrams"/>); elsewhere, and for terms without a trigram, by LIKE on the term's longest
    /// piece between LIKE's wildcards (a trigram index cannot take an ESCAPE clause), cut to a few characters: each
    /// further trigram costs a posting list to intersect, for few fewer candidates.
    /// </summary>
    private IQueryable<LeadSearchEntry> SearchCandidates(string search)
    {
        if (trigrams?.MatchFor(search) is { } match && db.Database.IsSqlite())
        {
            return db.Set<LeadSearchEntry>().FromSql($"""SELECT "rowid", "Text" FROM "LeadSearch" WHERE "LeadSearch" MATCH {match}""").AsNoTracking();
        }

        var piece = search.Split(['%', '_', '\\'], StringSplitOptions.RemoveEmptyEntries).MaxBy(p => p.Length) ?? string.Empty;
        var candidates = "%" + (piece.Length > SearchIndexPrefix ? piece[..SearchIndexPrefix] : piece) + "%";
        return db.LeadSearch.Where(s => EF.Functions.Like(s.Text, candidates));
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

    private static IQueryable<FavoriteLead> FilterStage(IQueryable<FavoriteLead> favorites, LeadListQuery query)
    {
        if (query.Stage is { } stage)
        {
            favorites = favorites.Where(f => f.Stage == stage);
            if (stage == LeadStage.Archived && query.Outcome is { } outcome)
            {
                favorites = favorites.Where(f => f.Outcome == outcome);
            }
        }

        return favorites;
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

    /// <summary>
    /// The stage counts of the list, and the organization's total (of every type and stage, for the tab's lists); for a
    /// search with few matches, also the ids of those in the chosen stage, which the page is then read by.
    /// </summary>
    private async Task<(StageCounts Counts, int OrganizationTotal, List<long>? Matched)> CountAsync(
        int organizationId, string userId, LeadTab tab, LeadListQuery query, CancellationToken cancellationToken)
    {
        List<(LeadStatus Status, int Count)> counts;
        var organizationTotal = 0;
        List<long>? matched = null;
        if (IsFavoritesWithoutSearch(tab, query))
        {
            var kept = await db.FavoriteStatusCounts
                .Where(c => c.UserId == userId && c.OrganizationId == organizationId && (query.Type == null || c.Type == query.Type))
                .GroupBy(c => c.Status)
                .Select(g => new { Status = g.Key, Count = g.Sum(c => c.Count) })
                .ToListAsync(cancellationToken);
            counts = [.. kept.Select(k => (k.Status, k.Count))];
        }
        else if (IsNarrowed(tab, query))
        {
            var scoped = Scope(organizationId, userId, tab, query);
            var matches = await scoped
                .Select(l => new { l.Id, l.Stage, l.Outcome })
                .Take(searchReadOnce + 1)
                .ToListAsync(cancellationToken);
            if (matches.Count <= searchReadOnce)
            {
                counts = [.. matches.GroupBy(m => LeadStatuses.Of(m.Stage, m.Outcome)).Select(g => (g.Key, g.Count()))];
                var shown = StatusesShown(query);
                matched = [.. matches.Where(m => shown.Contains(LeadStatuses.Of(m.Stage, m.Outcome))).Select(m => m.Id)];
            }
            else
            {
                var groups = await scoped
                    .GroupBy(l => new { l.Stage, l.Outcome })
                    .Select(g => new { g.Key.Stage, g.Key.Outcome, Count = g.Count() })
                    .ToListAsync(cancellationToken);
                counts = [.. groups.Select(g => (LeadStatuses.Of(g.Stage, g.Outcome), g.Count))];
            }
        }
        else
        {
            // Every type's counts (a few rows): the tab's, and the organization's total, which chooses how to read the rows.
            var types = TypesShown(tab, query);
            var kept = await db.LeadStatusCounts
                .Where(c => c.OrganizationId == organizationId)
                .GroupBy(c => new { c.Type, c.Status })
                .Select(g => new { g.Key.Type, g.Key.Status, Count = g.Sum(c => c.Count) })
                .ToListAsync(cancellationToken);
            counts = [.. kept.Where(k => types.Contains(k.Type)).Select(k => (k.Status, k.Count))];
            organizationTotal = kept.Sum(k => k.Count);
        }

        int Of(LeadStatus status) => counts.Where(c => c.Status == status).Sum(c => c.Count);
        return (new StageCounts(
            Enum.GetValues<LeadStage>().ToDictionary(s => s, s => Enum.GetValues<LeadStatus>().Where(x => LeadStatuses.StageOf(x) == s).Sum(Of)),
            Enum.GetValues<LeadOutcome>().ToDictionary(o => o, o => Of(LeadStatuses.Of(LeadStage.Archived, o)))), organizationTotal, matched);
    }

    /// <summary>Orders by the sort key then id, and starts after the cursor in that order (the export reads its batches the same way).</summary>
    internal static IQueryable<Lead> Page(IQueryable<Lead> leads, LeadSort sort, bool ascending, LeadCursor? cursor) => sort switch
    {
        LeadSort.Deadline => Keyset(leads, l => l.ResponseDeadlineUtc, l => l.Id, ascending, cursor),
        // The computed DealSortValue column: the deal's value, or -1 for a lead without a deal.
        LeadSort.Value => Keyset(leads, l => EF.Property<long>(l, LeadPortalDbContext.DealSortValue), l => l.Id, ascending, cursor),
        _ => Keyset(leads, l => l.ReceivedAtUtc, l => l.Id, ascending, cursor),
    };

    private static IQueryable<FavoriteLead> Page(IQueryable<FavoriteLead> favorites, LeadSort sort, bool ascending, LeadCursor? cursor) => sort switch
    {
        LeadSort.Deadline => Keyset(favorites, f => f.ResponseDeadlineUtc, f => f.LeadId, ascending, cursor),
        LeadSort.Value => Keyset(favorites, f => f.DealSortValue, f => f.LeadId, ascending, cursor),
        _ => Keyset(favorites, f => f.ReceivedAtUtc, f => f.LeadId, ascending, cursor),
    };

    private static IQueryable<ListedLead> Page(IQueryable<ListedLead> rows, LeadSort sort, bool ascending) => sort switch
    {
        LeadSort.Deadline => Keyset(rows, r => r.ResponseDeadlineUtc, r => r.Id, ascending, cursor: null),
        LeadSort.Value => Keyset(rows, r => r.DealSortValue, r => r.Id, ascending, cursor: null),
        _ => Keyset(rows, r => r.ReceivedAtUtc, r => r.Id, ascending, cursor: null),
    };

    private static IQueryable<T> Keyset<T>(IQueryable<T> source, Expression<Func<T, DateTime>> key, Expression<Func<T, long>> id, bool ascending, LeadCursor? cursor) =>
        KeysetAfter(source, key, id, ascending, cursor is { } c ? (new DateTime(c.Key, DateTimeKind.Utc), c.Id) : null);

    private static IQueryable<T> Keyset<T>(IQueryable<T> source, Expression<Func<T, long>> key, Expression<Func<T, long>> id, bool ascending, LeadCursor? cursor) =>
        KeysetAfter(source, key, id, ascending, cursor is { } c ? (c.Key, c.Id) : null);

    /// <summary>
    /// Orders by <paramref name="key"/> then <paramref name="id"/>, and when <paramref name="after"/> is given keeps the
    /// rows after it in that order: key beyond the cursor's, or the same key and a further id (written so that the
    /// key's index range is used: key ≥ k AND (key &gt; k OR id &gt; i)).
    /// </summary>
    private static IQueryable<T> KeysetAfter<T, TKey>(IQueryable<T> source, Expression<Func<T, TKey>> key, Expression<Func<T, long>> id, bool ascending, (TKey Key, long Id)? after)
    {
        if (after is { } cursor)
        {
            var row = key.Parameters[0];
            var keyOf = key.Body;
            var idOf = new ReplaceParameter(id.Parameters[0], row).Visit(id.Body);
            // Closure members rather than constants, so that EF sends them as parameters and caches one plan.
            var bound = new KeysetBound<TKey>(cursor.Key, cursor.Id);
            var k = Expression.Property(Expression.Constant(bound), nameof(KeysetBound<TKey>.Key));
            var i = Expression.Property(Expression.Constant(bound), nameof(KeysetBound<TKey>.Id));
            var beyond = ascending
                ? Expression.AndAlso(Expression.GreaterThanOrEqual(keyOf, k), Expression.OrElse(Expression.GreaterThan(keyOf, k), Expression.GreaterThan(idOf, i)))
                : Expression.AndAlso(Expression.LessThanOrEqual(keyOf, k), Expression.OrElse(Expression.LessThan(keyOf, k), Expression.LessThan(idOf, i)));
            source = source.Where(Expression.Lambda<Func<T, bool>>(beyond, row));
        }

        return ascending ? source.OrderBy(key).ThenBy(id) : source.OrderByDescending(key).ThenByDescending(id);
    }

    private sealed record KeysetBound<TKey>(TKey Key, long Id);

    private sealed class ReplaceParameter(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
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
