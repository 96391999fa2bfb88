using LeadPortal.Core.Leads;
using LeadPortal.Core.Tests.Builders;

namespace LeadPortal.Core.Tests;

public class LeadUrgencyTests
{
    private static readonly DateTime T0 = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime SeventyTwoHoursLater = new(2026, 11, 4, 9, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan UrgentWindow = TimeSpan.FromHours(72);

    [Fact]
    public void IsUrgent_ContactRequestedAndOneSecondBefore72Hours_IsTrue()
    {
        var lead = new LeadBuilder().AskedForContact().ReceivedAt(T0).Build();

        Assert.True(lead.IsUrgent(SeventyTwoHoursLater.AddSeconds(-1), UrgentWindow));
    }

    [Fact]
    public void IsUrgent_ContactRequestedRightAfterReceipt_IsTrue()
    {
        var lead = new LeadBuilder().AskedForContact().ReceivedAt(T0).Build();

        Assert.True(lead.IsUrgent(T0, UrgentWindow));
    }

    [Fact]
    public void IsUrgent_AtExactly72Hours_IsFalse()
    {
        var lead = new LeadBuilder().AskedForContact().ReceivedAt(T0).Build();

        Assert.False(lead.IsUrgent(SeventyTwoHoursLater, UrgentWindow));
    }

    [Fact]
    public void IsUrgent_ContactNotRequested_IsFalse()
    {
        var lead = new LeadBuilder().AskedForContact(false).ReceivedAt(T0).Build();

        Assert.False(lead.IsUrgent(T0.AddHours(1), UrgentWindow));
    }

    [Theory]
    [InlineData(LeadOutcome.Declined)]
    [InlineData(LeadOutcome.Won)]
    [InlineData(LeadOutcome.Lost)]
    public void IsUrgent_WhenArchivedWithin72Hours_IsFalse(LeadOutcome outcome)
    {
        var lead = new LeadBuilder().AskedForContact().ReceivedAt(T0).InState(LeadStage.Archived, outcome).Build();

        Assert.False(lead.IsUrgent(T0.AddHours(3), UrgentWindow));
    }

    [Fact]
    public void IsUrgent_WithShorterWindow_UsesThatWindow()
    {
        var lead = new LeadBuilder().AskedForContact().ReceivedAt(T0).Build();

        Assert.True(lead.IsUrgent(T0.AddHours(23), TimeSpan.FromHours(24)));
        Assert.False(lead.IsUrgent(T0.AddHours(24), TimeSpan.FromHours(24)));
    }
}
