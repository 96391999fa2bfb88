using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using LeadPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Features.Leads;

/// <summary>
/// How many leads each common trigram of the SQLite search index occurs in, so that a search looks up the index by
/// its rarest trigrams. SQLite's trigram index answers <c>LIKE '%term%'</c> by intersecting the posting lists of every
/// trigram of the term and re-reading each candidate's text, and a trigram such as "ple" (every "example" address)
/// is in every lead; three rare trigrams from different words of the term find almost only the matches, in a fraction
/// of the time. The counts only choose which trigrams to ask for: a stale or missing count makes a search slower,
/// never wrong, because the leads' own fields are still matched exactly.
/// </summary>
public sealed class SearchTrigrams
{
    /// <summary>Trigrams in fewer leads than this are not kept: they count as rare.</summary>
    public const int CommonFrom = 20;

    private const int MaxTrigrams = 3;

    /// <summary>
    /// What checking one candidate lead costs (reading it and matching its fields), in trigram postings read, as measured
    /// on the benchmark's 200,000 leads: about 1.6 µs a candidate against 0.02 µs a posting.
    /// </summary>
    private const int CandidateCost = 80;

    private volatile Counts _counts = new(FrozenDictionary<string, int>.Empty, 0);

    public DateTimeOffset? RefreshedAt { get; private set; }

    /// <summary>Reads the counts from the index's vocabulary (the fts5vocab table LeadSearchTrigrams).</summary>
    public async Task RefreshAsync(LeadPortalDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var rows = await db.Database
            .SqlQuery<TrigramCount>($"""SELECT "term" AS "Term", "doc" AS "Documents" FROM "LeadSearchTrigrams" WHERE "doc" >= {CommonFrom}""")
            .ToListAsync(cancellationToken);
        var entries = await db.Database.SqlQuery<int>($"""SELECT count(*) AS "Value" FROM "LeadSearch" """).SingleAsync(cancellationToken);
        Use(rows.ToDictionary(r => r.Term, r => r.Documents, StringComparer.Ordinal), entries);
        RefreshedAt = clock.GetUtcNow();
    }

    /// <summary>Takes the counts: in how many of the index's <paramref name="entries"/> each common trigram occurs.</summary>
    public void Use(IReadOnlyDictionary<string, int> documents, int entries)
    {
        ArgumentNullException.ThrowIfNull(documents);
        _counts = new Counts(documents.ToFrozenDictionary(StringComparer.Ordinal), entries);
    }

    /// <summary>
    /// An FTS5 MATCH expression that every lead containing <paramref name="term"/> satisfies: up to three of its
    /// trigrams, the rarest of each of its rarest words (then more of one word when it has only one), all required.
    /// With the counts known, a further trigram is only asked for when reading its postings costs less than checking
    /// the candidates it is expected to rule out. Null when the term has no trigram to look up (shorter pieces, or
    /// characters outside the basic plane).
    /// </summary>
    public string? MatchFor(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        if (term.Any(char.IsSurrogate))
        {
            return null;
        }

        var (documents, entries) = _counts;
        int Documents(string trigram) => documents.GetValueOrDefault(trigram);

        var words = Words(term.ToLowerInvariant()).Where(w => w.Length >= 3).Distinct(StringComparer.Ordinal).ToList();
        if (words.Count == 0)
        {
            return null;
        }

        var chosen = words
            .Select(w => Trigrams(w).MinBy(Documents)!)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(Documents)
            .Take(MaxTrigrams)
            .ToList();
        if (chosen.Count < MaxTrigrams)
        {
            // One word: its rarest trigrams that do not overlap the ones already chosen.
            var word = words.MaxBy(w => w.Length)!;
            var taken = new List<int> { word.IndexOf(chosen[0], StringComparison.Ordinal) };
            foreach (var (trigram, at) in Trigrams(word).Select((t, i) => (t, i)).OrderBy(x => Documents(x.t)))
            {
                if (chosen.Count >= MaxTrigrams)
                {
                    break;
                }

                if (!chosen.Contains(trigram) && taken.TrueForAll(t => Math.Abs(t - at) >= 3))
                {
                    chosen.Add(trigram);
                    taken.Add(at);
                }
            }
        }

        if (entries > 0)
        {
            chosen = Worthwhile(chosen.OrderBy(Documents).ToList(), t => Math.Max(Documents(t), CommonFrom - 1), entries);
        }

        return string.Join(" AND ", chosen.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
    }

    /// <summary>
    /// The rarest trigram, then each next one while the candidates it is expected to rule out (taking the trigrams as
    /// independent) cost more to check than its postings cost to read.
    /// </summary>
    private static List<string> Worthwhile(List<string> rarestFirst, Func<string, int> documents, int entries)
    {
        var kept = new List<string> { rarestFirst[0] };
        double candidates = documents(rarestFirst[0]);
        foreach (var trigram in rarestFirst.Skip(1))
        {
            var share = Math.Min(1.0, documents(trigram) / (double)entries);
            if (candidates * (1 - share) * CandidateCost <= documents(trigram))
            {
                break;
            }

            kept.Add(trigram);
            candidates *= share;
        }

        return kept;
    }

    private static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    private static IEnumerable<string> Trigrams(string word) =>
        Enumerable.Range(0, word.Length - 2).Select(i => word.Substring(i, 3));

    private sealed record TrigramCount(string Term, int Documents);

    private sealed record Counts(FrozenDictionary<string, int> Documents, int Entries);
}

/// <summary>Refreshes <see cref="SearchTrigrams"/> at start and then every hour (SQLite only).</summary>
public sealed class SearchTrigramsRefresher(IServiceScopeFactory scopes, SearchTrigrams trigrams, TimeProvider clock, ILogger<SearchTrigramsRefresher> logger)
    : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await trigrams.RefreshAsync(scope.ServiceProvider.GetRequiredService<LeadPortalDbContext>(), clock, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Searches still work without the counts, only slower; try again at the next tick.
                logger.LogWarning(e, "Could not read the search index's trigram counts");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
