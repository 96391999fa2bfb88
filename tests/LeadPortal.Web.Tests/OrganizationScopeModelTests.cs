using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Tests;

/// <summary>
/// Scope by construction: in a request's unit of work every entity of the model that carries an organization id is
/// filtered to the signed-in user's organization, so a page or endpoint added later cannot forget it.
/// </summary>
public sealed class OrganizationScopeModelTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>The entity types with an organization id that are deliberately not filtered, and why.</summary>
    private static readonly Dictionary<string, string> Unfiltered = new()
    {
        // Identity looks a user up by e-mail before anyone is signed in; the team page lists its own organization's users by OrganizationId.
        [typeof(LeadPortal.Infrastructure.Identity.ApplicationUser).FullName!] = "Identity signs users in before there is a scope",
        [typeof(LeadPortal.Infrastructure.Notifications.OutboxMessage).FullName!] = "only written in a request; read by the outbox job, which delivers every organization's messages",
    };

    [Fact]
    [Trait(Runs.Trait, Runs.WithoutADatabase)]
    public void EveryEntityWithAnOrganizationId_HasTheOrganizationFilter()
    {
        using var db = new SqliteLeadPortalDbContext(
            new DbContextOptionsBuilder<SqliteLeadPortalDbContext>().UseSqlite("Data Source=:memory:").Options, new FixedOrganizationScope(1));

        var owned = db.Model.GetEntityTypes()
            .Where(t => !t.IsOwned() && t.FindProperty(nameof(Lead.OrganizationId)) is not null)
            .Select(t => t.ClrType.FullName!)
            .ToList();
        var unfiltered = db.Model.GetEntityTypes()
            .Where(t => owned.Contains(t.ClrType.FullName!) && t.GetDeclaredQueryFilters().Count == 0)
            .Select(t => t.ClrType.FullName!)
            .Where(name => !Unfiltered.ContainsKey(name))
            .ToList();

        Assert.True(owned.Count >= 7, "the model's organization-owned entities: " + string.Join(", ", owned));
        Assert.True(unfiltered.Count == 0, "no organization filter on " + string.Join(", ", unfiltered));
    }

    [Fact]
    [Trait(Runs.Trait, Runs.WithoutADatabase)]
    public void OutsideARequest_TheModelHasNoFilters()
    {
        // The jobs and the command line work across organizations.
        using var db = new SqliteLeadPortalDbContext(new DbContextOptionsBuilder<SqliteLeadPortalDbContext>().UseSqlite("Data Source=:memory:").Options);

        Assert.DoesNotContain(db.Model.GetEntityTypes(), t => t.GetDeclaredQueryFilters().Count > 0);
    }

    [Fact]
    public async Task AQueryWithoutAnOrganizationPredicate_SeesOnlyTheScopedOrganizationsLeads()
    {
        await factory.SeededAsync();
        var (contoso, fabrikam) = (await factory.OrganizationIdAsync("contoso"), await factory.OrganizationIdAsync("fabrikam"));
        var expected = await factory.WithDbAsync(db => db.Leads.CountAsync(l => l.OrganizationId == fabrikam));
        var contosoLead = await factory.WithDbAsync(db => db.Leads.Where(l => l.OrganizationId == contoso).Select(l => l.Id).FirstAsync());

        var (seen, other, nobody) = await factory.WithScopedDbAsync(fabrikam, async db =>
            (await db.Leads.CountAsync(), await db.Leads.AnyAsync(l => l.Id == contosoLead), await db.LeadStatusCounts.AnyAsync(c => c.OrganizationId == contoso)));
        var asNobody = await factory.WithScopedDbAsync(IOrganizationScope.Nobody, db => db.Leads.CountAsync());

        Assert.True(expected > 0);
        Assert.Equal(expected, seen);
        Assert.False(other);
        Assert.False(nobody);
        Assert.Equal(0, asNobody);
    }
}
