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

    [Theory]
    [InlineData("ab")]
    [InlineData("a.b c")]
    [InlineData("😀😀😀")]
    public void MatchFor_WithoutATrigramToLookUp_IsNull(string term) =>
        Assert.Null(new SearchTrigrams().MatchFor(term));
}
