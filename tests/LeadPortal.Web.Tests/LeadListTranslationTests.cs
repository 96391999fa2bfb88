using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Web.Features.Leads;
using LeadPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Tests;

/// <summary>
/// No SQL Server runs here: each list shape is translated for SQL Server without a connection, so a LINQ change that
/// only SQLite understands fails in CI.
/// </summary>
[Trait(Runs.Trait, Runs.WithoutADatabase)]
public sealed class LeadListTranslationTests
{
    /// <summary>Tab, search, stage, sort, direction, with a cursor, and whether partitions are merged.</summary>
    public static TheoryData<LeadTab, string?, LeadStage?, LeadSort, SortDirection, bool, bool> Shapes => new()
    {
        { LeadTab.Marketplace, null, null, LeadSort.Received, SortDirection.Desc, false, false },
        { LeadTab.Marketplace, null, LeadStage.Archived, LeadSort.Deadline, SortDirection.Asc, true, true },
        { LeadTab.Qualified, null, null, LeadSort.Value, SortDirection.Desc, true, true },
        { LeadTab.Qualified, "jordan@", null, LeadSort.Deadline, SortDirection.Desc, false, false },
        { LeadTab.Favorites, null, LeadStage.Received, LeadSort.Received, SortDirection.Asc, false, false },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ListPage_TranslatesOnSqlServer(LeadTab tab, string? search, LeadStage? stage, LeadSort sort, SortDirection dir, bool withCursor, bool merges)
    {
        var options = new DbContextOptionsBuilder<SqlServerLeadPortalDbContext>()
            .UseSqlServer("Server=lists.invalid;Database=LeadPortal;Trusted_Connection=True;TrustServerCertificate=True").Options;
        // A request's unit of work: scoped to organization 7, whose leads only the filter lets through.
        using var db = new SqlServerLeadPortalDbContext(options, new FixedOrganizationScope(7));
        var query = new LeadListQuery { Q = search, Stage = stage, Sort = sort, Dir = dir };
        LeadCursor? cursor = withCursor ? new LeadCursor(639_000_000_000_000_000, 100) : null;

        var sql = new LeadList(db).Ordered(7, "user-1", tab, query, dir == SortDirection.Asc, cursor, LeadList.PageSize + 1)
            .Select(l => new { l.Id, l.CompanyName })
            .ToQueryString();

        Assert.Contains("[l].[OrganizationId] = @ef_filter__ScopedOrganizationId", sql, StringComparison.Ordinal);
        Assert.Equal(merges, sql.Contains("UNION ALL", StringComparison.Ordinal));

        if (search is not null)
        {
            Assert.Contains("FROM [LeadSearch]", sql, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(null, 60, 100, false)]
    [InlineData(null, 20, 100, true)]
    [InlineData(LeadStage.Archived, 40, 100, false)]
    public void QualifiedTab_HoldingMuchOfTheOrganization_WalksTheOrganizationsIndexInOneQuery(LeadStage? stage, int shown, int organizationTotal, bool merges)
    {
        var options = new DbContextOptionsBuilder<SqlServerLeadPortalDbContext>()
            .UseSqlServer("Server=lists.invalid;Database=LeadPortal;Trusted_Connection=True;TrustServerCertificate=True").Options;
        using var db = new SqlServerLeadPortalDbContext(options);
        var query = new LeadListQuery { Stage = stage };
        var byStage = Enum.GetValues<LeadStage>().ToDictionary(s => s, s => s == (stage ?? LeadStage.Archived) ? shown : 0);
        var counts = new StageCounts(byStage, Enum.GetValues<LeadOutcome>().ToDictionary(o => o, _ => 0));

        var sql = new LeadList(db).Ordered(7, "user-1", LeadTab.Qualified, query, false, null, LeadList.PageSize + 1, new ListShares(counts, organizationTotal))
            .Select(l => new { l.Id, l.CompanyName })
            .ToQueryString();

        Assert.Equal(merges, sql.Contains("UNION ALL", StringComparison.Ordinal));
        if (!merges)
        {
            Assert.Contains("[l].[Type] <> N'CustomerInquiry'", sql, StringComparison.Ordinal);
            Assert.Equal(stage is not null, sql.Contains("[l].[Outcome] IS NOT NULL", StringComparison.Ordinal));
        }
    }
}
