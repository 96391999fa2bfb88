using LeadPortal.Core.Leads;

using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Tests.Support;

/// <summary>The states a test can ask <see cref="ActionTestLeads.CreateLeadAsync"/> for.</summary>
public enum LeadState
{
    Received,
    Accepted,
    ArchivedWon,
    ArchivedDeclined,
    ArchivedExpired,
    ArchivedLost,
}

/// <summary>What a test compares to show that a refused request changed nothing.</summary>
public sealed record LeadSnapshot(
    LeadStage Stage,
    LeadOutcome? Outcome,
    Guid Version,
    int HistoryCount,
    int TeamCount,
    string? DealName,
    long? DealValueMinor,
    string? DealCurrency,
    DeclineReason? DeclineReason,
    string? DeclineNotes,
    string? ClosingNotes,
    DateTime UpdatedAtUtc);

/// <summary>Leads made for one test through the aggregate itself, so that tests sharing a database do not meet.</summary>
public static class ActionTestLeads
{
    public const string SeedDealName = "Seeded deal";
    public const decimal SeedDealValue = 5000m;
    public const string SeedCurrency = "USD";
    public const string SeedMemberName = "Sam Seed";
    public const string SeedMemberEmail = "sam.seed@partner.example";

    private static int s_counter;

    public static Task<int> OrganizationIdBySlugAsync(this PortalFactory factory, string slug)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.WithDbAsync(db => db.Organizations.Where(o => o.Slug == slug).Select(o => o.Id).SingleAsync());
    }

    /// <summary>Today by the portal's (fake) clock.</summary>
    public static DateOnly Today(this PortalFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>Creates a lead of <paramref name="organizationSlug"/> in <paramref name="state"/>; an accepted one has a 5,000 USD deal and one team member.</summary>
    public static async Task<long> CreateLeadAsync(this PortalFactory factory, LeadState state, string organizationSlug = "contoso")
    {
        ArgumentNullException.ThrowIfNull(factory);
        var organizationId = await factory.OrganizationIdBySlugAsync(organizationSlug);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var number = Interlocked.Increment(ref s_counter);
        var company = $"Action Test {organizationSlug} {number}";
        var customer = new CustomerProfile(company, "Tess Tester", $"tess{number}@example.com", "+886 2 1234 5678", "Taiwan", "Taipei", "10-49", "Retail");
        var sender = new LeadSender(SenderKind.Customer, "Tess Tester", $"tess{number}@example.com");
        var window = TimeSpan.FromDays(14);
        var received = state == LeadState.ArchivedExpired ? now.AddDays(-20) : now.AddDays(-2);
        var lead = Lead.Receive(organizationId, LeadType.CustomerInquiry, customer, "We need help moving to the cloud.", sender, false, received, window);
        var answered = now.AddDays(-1);

        switch (state)
        {
            case LeadState.Accepted:
            case LeadState.ArchivedWon:
            case LeadState.ArchivedLost:
                lead.Accept(
                    new DealDetails(SeedDealName, Money.FromAmount(SeedDealValue, SeedCurrency), DateOnly.FromDateTime(now).AddDays(60), "Seed notes", "CRM-SEED", null),
                    [new TeamMember(SeedMemberName, "+886 2 5555 0101", SeedMemberEmail)],
                    "Seeder",
                    answered);
                if (state == LeadState.ArchivedWon)
                {
                    lead.MarkWon(null, "Signed.", "Seeder", answered.AddHours(2));
                }
                else if (state == LeadState.ArchivedLost)
                {
                    lead.MarkLost("Went elsewhere.", "Seeder", answered.AddHours(2));
                }

                break;
            case LeadState.ArchivedDeclined:
                lead.Decline(DeclineReason.BudgetTooSmall, "Too small.", "Seeder", answered);
                break;
            case LeadState.ArchivedExpired:
                lead.Expire(now.AddHours(-1));
                break;
        }

        await factory.WithDbAsync(async db =>
        {
            db.Leads.Add(lead);
            await db.SaveChangesAsync();
        });
        return lead.Id;
    }

    public static Task<Lead> LoadStoredLeadAsync(this PortalFactory factory, long id)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.WithDbAsync(db => db.Leads.AsNoTracking().SingleAsync(l => l.Id == id));
    }

    public static async Task<LeadSnapshot> SnapshotAsync(this PortalFactory factory, long id)
    {
        var lead = await factory.LoadStoredLeadAsync(id);
        return new LeadSnapshot(
            lead.Stage, lead.Outcome, lead.Version, lead.History.Count, lead.TeamMembers.Count,
            lead.Deal?.Name, lead.Deal?.ValueMinor, lead.Deal?.Currency,
            lead.DeclineReason, lead.DeclineNotes, lead.ClosingNotes, lead.UpdatedAtUtc);
    }

    /// <summary>The last entry of the lead's history, by sequence.</summary>
    public static LeadHistoryEntry LastHistoryEntry(this Lead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return lead.History.OrderBy(h => h.Sequence).Last();
    }
}
