using LeadPortal.Web.Features.Leads;
using LeadPortal.Web.Tests.Support;

namespace LeadPortal.Web.Tests;

[Trait(Runs.Trait, Runs.WithoutADatabase)]
public sealed class SearchTrigramsTests
{
    [Fact]
    public void MatchFor_TakesOneTrigramOfEachWord_InLowerCase()
    {
        var match = new SearchTrigrams().MatchFor("Maple Electronics Corporation");

        Assert.NotNull(match);
        var trigrams = match.Split(" AND ");
        Assert.Equal(3, trigrams.Length);
        Assert.Contains(trigrams, t => "maple".Contains(t.Trim('"'), StringComparison.Ordinal));
        Assert.Contains(trigrams, t => "electronics".Contains(t.Trim('"'), StringComparison.Ordinal));
        Assert.Contains(trigrams, t => "corporation".Contains(t.Trim('"'), StringComparison.Ordinal));
    }

    [Fact]
    public void MatchFor_OneWord_TakesTrigramsThatDoNotOverlap()
    {
        var match = new SearchTrigrams().MatchFor("northwind");

        Assert.NotNull(match);
        var trigrams = match.Split(" AND ").Select(t => t.Trim('"')).ToList();
        Assert.Equal(3, trigrams.Count);
        var starts = trigrams.Select(t => "northwind".IndexOf(t, StringComparison.Ordinal)).Order().ToList();
        Assert.All(starts.Zip(starts.Skip(1)), pair => Assert.True(pair.Second - pair.First >= 3, match));
    }

    [Fact]
    public void MatchFor_WithCounts_StopsWhenAnotherTrigramCostsMoreThanTheCandidatesItRulesOut()
    {
        // The benchmark's counts for "Maple Electronics Corporation": "ect" and "map" leave about 90 of 200,000
        // candidates; "rpo" is in 18,024 leads, more postings to read than those 90 candidates cost to check.
        var trigrams = new SearchTrigrams();
        trigrams.Use(Counts("Maple Electronics Corporation", ("ect", 3_563), ("map", 5_073), ("rpo", 18_024)), 200_000);

        Assert.Equal("\"ect\" AND \"map\"", trigrams.MatchFor("Maple Electronics Corporation"));
    }

    [Fact]
    public void MatchFor_WithCounts_KeepsATrigramThatRulesOutManyCandidates()
    {
        // "hsu" alone leaves 1,765 candidates; "pho" (2,462) cuts them to about 22, worth far more than its postings.
        var trigrams = new SearchTrigrams();
        trigrams.Use(Counts("Phoenix Hsu", ("hsu", 1_765), ("pho", 2_462), ("nix", 2_462)), 200_000);

        var match = trigrams.MatchFor("Phoenix Hsu");

        Assert.Equal("\"hsu\" AND \"pho\"", match);
    }

    [Fact]
    public void MatchFor_WithCounts_ARareTrigramIsEnoughOnItsOwn()
    {
        // "xyq" is in fewer leads than the counts keep: a handful of candidates, cheaper to check than any posting list.
        var trigrams = new SearchTrigrams();
        var counts = Counts("abcxyq");
        counts.Remove("xyq");
        trigrams.Use(counts, 200_000);

        Assert.Equal("\"xyq\"", trigrams.MatchFor("abcxyq"));
    }

    /// <summary>Every trigram of <paramref name="term"/>'s words in 30,000 leads, but for the given counts.</summary>
    private static Dictionary<string, int> Counts(string term, params (string Trigram, int Documents)[] counts)
    {
        var documents = term.ToLowerInvariant().Split(' ')
            .SelectMany(w => Enumerable.Range(0, Math.Max(0, w.Length - 2)).Select(i => w.Substring(i, 3)))
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(t => t, _ => 30_000, StringComparer.Ordinal);
        foreach (var (trigram, count) in counts)
        {
            documents[trigram] = count;
        }

        return documents;
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("a.b c")]
    [InlineData("😀😀😀")]
    public void MatchFor_WithoutATrigramToLookUp_IsNull(string term) =>
        Assert.Null(new SearchTrigrams().MatchFor(term));
}
