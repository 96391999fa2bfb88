using LeadPortal.Core.Leads;
using LeadPortal.Core.Tests.Builders;
using LeadPortal.Core.Tests.Support;

namespace LeadPortal.Core.Tests;

public class LeadDeadlineTests
{
    private static readonly DateTime T0 = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime FourteenDaysLater = new(2026, 11, 15, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime SevenDaysLater = new(2026, 11, 8, 9, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    [Fact]
    public void Receive_WithFourteenDayWindow_SetsDeadlineFourteenDaysAfterReceipt()
    {
        var lead = new LeadBuilder().ReceivedAt(T0).WithResponseWindow(TimeSpan.FromDays(14)).Build();

        Assert.Equal(FourteenDaysLater, lead.ResponseDeadlineUtc);
        Assert.Equal(DateTimeKind.Utc, lead.ResponseDeadlineUtc.Kind);
    }

    [Fact]
    public void Expire_OneSecondBeforeFourteenDays_ThrowsAndChangesNothing()
    {
        var lead = new LeadBuilder().ReceivedAt(T0).WithResponseWindow(TimeSpan.FromDays(14)).Build();
        var before = LeadSnapshot.Of(lead);

        // Exactly DomainException: a too-early expiry is a rule, not a stage problem.
        var error = Assert.Throws<DomainException>(() => lead.Expire(FourteenDaysLater - OneSecond));

        Assert.Equal(DomainErrors.NotYetPastDeadline, error.Code);
        Assert.Equal([FourteenDaysLater], error.Arguments);
        Assert.Equal(before, LeadSnapshot.Of(lead));
        Assert.Equal(LeadStage.Received, lead.Stage);
    }

    [Fact]
    public void Expire_AtExactlyFourteenDays_ArchivesAsExpired()
    {
        var lead = new LeadBuilder().ReceivedAt(T0).WithResponseWindow(TimeSpan.FromDays(14)).Build();

        lead.Expire(FourteenDaysLater);

        Assert.Equal(LeadStage.Archived, lead.Stage);
        Assert.Equal(LeadOutcome.Expired, lead.Outcome);
        Assert.Equal(FourteenDaysLater, lead.ArchivedAtUtc);
        Assert.Null(lead.AnsweredAtUtc);
        var entry = lead.History[^1];
        Assert.Equal(LeadAction.Expire, entry.Action);
        Assert.Equal(Lead.SystemActor, entry.Actor);
        Assert.Equal(LeadStage.Received, entry.FromStage);
        Assert.Equal(LeadStage.Archived, entry.ToStage);
        Assert.Equal(FourteenDaysLater, entry.AtUtc);
    }

    [Fact]
    public void Expire_LongAfterDeadline_ArchivesAsExpiredAtTheExpiryTime()
    {
        var lead = new LeadBuilder().ReceivedAt(T0).Build();
        var muchLater = new DateTime(2027, 1, 10, 3, 0, 0, DateTimeKind.Utc);

        lead.Expire(muchLater);

        Assert.Equal(LeadOutcome.Expired, lead.Outcome);
        Assert.Equal(muchLater, lead.ArchivedAtUtc);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    public void IsPastDeadline_AroundFourteenDays_TurnsTrueAtExactlyTheDeadline(int secondsFromDeadline, bool expected)
    {
        var lead = new LeadBuilder().ReceivedAt(T0).WithResponseWindow(TimeSpan.FromDays(14)).Build();

        Assert.Equal(expected, lead.IsPastDeadline(FourteenDaysLater.AddSeconds(secondsFromDeadline)));
    }

    [Fact]
    public void Receive_WithSevenDayWindow_SetsDeadlineSevenDaysAfterReceipt()
    {
        var lead = new LeadBuilder().ReceivedAt(T0).WithResponseWindow(TimeSpan.FromDays(7)).Build();

        Assert.Equal(SevenDaysLater, lead.ResponseDeadlineUtc);
        Assert.False(lead.IsPastDeadline(SevenDaysLater - OneSecond));
        Assert.True(lead.IsPastDeadline(SevenDaysLater));
    }

    [Fact]
    public void Expire_WithSevenDayWindow_OneSecondEarly_Throws()
    {
        var lead = new LeadBuilder().ReceivedAt(T0).WithResponseWindow(TimeSpan.FromDays(7)).Build();
        var before = LeadSnapshot.Of(lead);

        Assert.Throws<DomainException>(() => lead.Expire(SevenDaysLater - OneSecond));

        Assert.Equal(before, LeadSnapshot.Of(lead));
    }

    [Fact]
    public void Expire_WithSevenDayWindow_AtExactlySevenDays_ArchivesAsExpired()
    {
        var lead = new LeadBuilder().ReceivedAt(T0).WithResponseWindow(TimeSpan.FromDays(7)).Build();

        lead.Expire(SevenDaysLater);

        Assert.Equal(LeadStage.Archived, lead.Stage);
        Assert.Equal(LeadOutcome.Expired, lead.Outcome);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Receive_WithZeroOrNegativeWindow_Throws(int windowDays)
    {
        var builder = new LeadBuilder().ReceivedAt(T0).WithResponseWindow(TimeSpan.FromDays(windowDays));

        var error = Assert.Throws<DomainException>(builder.Build);

        Assert.Equal(DomainErrors.ResponseWindowNotPositive, error.Code);
    }

    [Fact]
    public void TimeLeftToRespond_ThirteenDaysIn_IsOneDay()
    {
        var lead = new LeadBuilder().ReceivedAt(T0).Build();

        Assert.Equal(TimeSpan.FromDays(1), lead.TimeLeftToRespond(T0.AddDays(13)));
    }

    [Fact]
    public void TimeLeftToRespond_AtOrAfterDeadline_IsZero()
    {
        var lead = new LeadBuilder().ReceivedAt(T0).Build();

        Assert.Equal(TimeSpan.Zero, lead.TimeLeftToRespond(FourteenDaysLater));
        Assert.Equal(TimeSpan.Zero, lead.TimeLeftToRespond(FourteenDaysLater.AddDays(3)));
    }

    [Fact]
    public void TimeLeftToRespond_OnceAccepted_IsZero()
    {
        var lead = new LeadBuilder().ReceivedAt(T0).Accepted().Build();

        Assert.Equal(TimeSpan.Zero, lead.TimeLeftToRespond(T0.AddDays(2)));
    }
}
