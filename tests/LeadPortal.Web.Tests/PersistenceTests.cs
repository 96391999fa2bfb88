using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Infrastructure.Identity;
using LeadPortal.Web.Infrastructure;
using LeadPortal.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadPortal.Web.Tests;

public sealed class PersistenceTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public PersistenceTests(PortalFactory factory)
    {
        _factory = factory;
        factory.SeededAsync().GetAwaiter().GetResult();
    }

    private DealDetails Deal(string name) =>
        new(name, Money.FromAmount(5000m, "USD"), DateOnly.FromDateTime(_factory.Clock.GetUtcNow().UtcDateTime).AddDays(30), null, null, null);

    [Fact]
    public async Task Startup_AppliesTheProvidersMigrations()
    {
        var applied = await _factory.WithDbAsync(db => db.Database.GetAppliedMigrationsAsync());
        var pending = await _factory.WithDbAsync(db => db.Database.GetPendingMigrationsAsync());

        Assert.Contains(applied, m => m.EndsWith("_Initial", StringComparison.Ordinal));
        var onPostgreSql = await _factory.WithDbAsync(db => Task.FromResult(db is PostgreSqlLeadPortalDbContext));
        Assert.Equal(TestDatabase.OnPostgreSql, onPostgreSql);
        Assert.Empty(pending);
    }

    [Fact]
    public async Task DemoData_CoversEveryTypeStageAndOutcomeInBothOrganizations()
    {
        var summary = await _factory.WithDbAsync(db => db.Leads
            .GroupBy(l => new { l.OrganizationId, l.Type, l.Stage, l.Outcome })
            .Select(g => g.Key)
            .ToListAsync());

        foreach (var org in summary.Select(s => s.OrganizationId).Distinct())
        {
            Assert.All(Enum.GetValues<LeadType>(), t => Assert.Contains(summary, s => s.OrganizationId == org && s.Type == t));
            Assert.All(Enum.GetValues<LeadStage>(), st => Assert.Contains(summary, s => s.OrganizationId == org && s.Stage == st));
            Assert.All(Enum.GetValues<LeadOutcome>(), o => Assert.Contains(summary, s => s.OrganizationId == org && s.Outcome == o));
        }

        Assert.Equal(2, summary.Select(s => s.OrganizationId).Distinct().Count());
    }

    [Fact]
    public async Task SavingALead_ChangedMeanwhileByAnotherAdmin_FailsWithAConcurrencyError()
    {
        var id = await _factory.WithDbAsync(db => db.Leads.Where(l => l.Stage == LeadStage.Received).Select(l => l.Id).FirstAsync());
        var now = _factory.Clock.GetUtcNow().UtcDateTime;
        using var firstScope = _factory.Services.CreateScope();
        using var secondScope = _factory.Services.CreateScope();
        var first = firstScope.ServiceProvider.GetRequiredService<LeadPortalDbContext>();
        var second = secondScope.ServiceProvider.GetRequiredService<LeadPortalDbContext>();
        var leadOfFirst = await first.Leads.SingleAsync(l => l.Id == id);
        var leadOfSecond = await second.Leads.SingleAsync(l => l.Id == id);

        leadOfFirst.Accept(Deal("First admin's deal"), [], "first", now);
        await first.SaveChangesAsync();
        leadOfSecond.Decline(DeclineReason.NotAFit, null, "second", now);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        var stored = await _factory.WithDbAsync(db => db.Leads.AsNoTracking().SingleAsync(l => l.Id == id));
        Assert.Equal(LeadStage.Accepted, stored.Stage);
        Assert.Equal("First admin's deal", stored.Deal!.Name);
        Assert.Equal(2, stored.History.Count);
    }

    [Fact]
    public async Task Lead_RoundTripsMoneyTimesTeamAndHistory()
    {
        var id = await _factory.WithDbAsync(db => db.Leads.Where(l => l.Stage == LeadStage.Received).OrderByDescending(l => l.Id).Select(l => l.Id).FirstAsync());
        var now = _factory.Clock.GetUtcNow().UtcDateTime;
        await _factory.WithDbAsync(async db =>
        {
            var lead = await db.Leads.SingleAsync(l => l.Id == id);
            lead.Accept(new DealDetails("Round trip", Money.FromAmount(1234.56m, "EUR"), DateOnly.FromDateTime(now).AddDays(10), "n", "CRM-1", "CMP-1"),
                [new TeamMember("Pat", "+1 555", "pat@partner.example")], "tester", now);
            await db.SaveChangesAsync();
        });

        var stored = await _factory.WithDbAsync(db => db.Leads.AsNoTracking().SingleAsync(l => l.Id == id));

        Assert.Equal(123456, stored.Deal!.ValueMinor);
        Assert.Equal(Money.FromAmount(1234.56m, "EUR"), stored.Deal.EstimatedValue);
        Assert.Equal(DateTimeKind.Utc, stored.AnsweredAtUtc!.Value.Kind);
        Assert.Equal(now, stored.AnsweredAtUtc.Value);
        Assert.Equal("Pat", Assert.Single(stored.TeamMembers).Name);
        Assert.Equal(LeadAction.Accept, stored.History.OrderBy(h => h.Sequence).Last().Action);
    }

    [Fact]
    public async Task CreateAdminCommand_CreatesAPartnerAdminWhoCanSignIn()
    {
        var exitCode = await AdminCommand.RunAsync(_factory.Services,
            ["--organization", "Northwind Partners", "--email", "owner@northwind.test", "--password", "Northwind!2026x"]);

        Assert.Equal(0, exitCode);
        using var scope = _factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync("owner@northwind.test");
        Assert.NotNull(user);
        Assert.True(await users.IsInRoleAsync(user, Roles.PartnerAdmin));
        using var client = _factory.CreatePortalClient();
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await client.SignInAsync("owner@northwind.test", "Northwind!2026x")).StatusCode);
    }

    [Fact]
    public async Task CreateAdminCommand_WithAWeakPassword_FailsAndCreatesNoUser()
    {
        var exitCode = await AdminCommand.RunAsync(_factory.Services,
            ["--organization", "Weak Co", "--email", "owner@weak.test", "--password", "short"]);

        Assert.Equal(1, exitCode);
        Assert.False(await _factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "owner@weak.test")));
    }
}
