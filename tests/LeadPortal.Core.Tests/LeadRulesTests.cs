using LeadPortal.Core.Leads;
using LeadPortal.Core.Tests.Builders;
using LeadPortal.Core.Tests.Support;

namespace LeadPortal.Core.Tests;

/// <summary>The business rules each legal action checks beyond the stage.</summary>
public class LeadRulesTests
{
    private static readonly DateTime T0 = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Later = new(2026, 11, 3, 15, 30, 0, DateTimeKind.Utc);
    private const string Actor = TestData.OtherPartnerUser;

    // ---- Decline ----

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Decline_WithReasonOtherAndNoNotes_ThrowsOnDeclineNotesAndChangesNothing(string? notes)
    {
        var lead = new LeadBuilder().ReceivedAt(T0).Build();
        var before = LeadSnapshot.Of(lead);

        var error = Assert.Throws<DomainException>(() => lead.Decline(DeclineReason.Other, notes, Actor, Later));

        Assert.Equal("DeclineNotes", error.Field);
        Assert.Equal(before, LeadSnapshot.Of(lead));
    }

    [Fact]
    public void Decline_WithReasonOtherAndNotes_ArchivesAsDeclinedWithTrimmedNotes()
    {
        var lead = new LeadBuilder().ReceivedAt(T0).Build();

        lead.Decline(DeclineReason.Other, "  We only serve Europe.  ", Actor, Later);

        Assert.Equal(LeadOutcome.Declined, lead.Outcome);
        Assert.Equal(DeclineReason.Other, lead.DeclineReason);
        Assert.Equal("We only serve Europe.", lead.DeclineNotes);
        Assert.Equal(Later, lead.AnsweredAtUtc);
        Assert.Equal(Later, lead.ArchivedAtUtc);
        Assert.Equal(
            [new LeadChange(LeadChangeField.DeclineReason, null, "Other"), new LeadChange(LeadChangeField.Notes, null, "We only serve Europe.")],
            lead.History[^1].Changes);
    }

    [Fact]
    public void Decline_WithListedReasonAndNoNotes_IsAllowed()
    {
        var lead = new LeadBuilder().ReceivedAt(T0).Build();

        lead.Decline(DeclineReason.OutsideServedRegions, null, Actor, Later);

        Assert.Equal(LeadOutcome.Declined, lead.Outcome);
        Assert.Null(lead.DeclineNotes);
        Assert.Equal([new LeadChange(LeadChangeField.DeclineReason, null, "OutsideServedRegions")], lead.History[^1].Changes);
    }

    [Fact]
    public void Decline_WithUndefinedReason_ThrowsAndChangesNothing()
    {
        var lead = new LeadBuilder().ReceivedAt(T0).Build();
        var before = LeadSnapshot.Of(lead);

        var error = Assert.Throws<DomainException>(() => lead.Decline((DeclineReason)99, "some notes", Actor, Later));

        Assert.Equal("DeclineReason", error.Field);
        Assert.Equal(before, LeadSnapshot.Of(lead));
    }

    // ---- DealDetails ----

    [Theory]
    [InlineData("0")]
    [InlineData("-0.01")]
    [InlineData("-2500")]
    public void DealDetails_WithZeroOrNegativeValue_ThrowsOnEstimatedValue(string amount)
    {
        var value = TestData.Usd(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture));

        var error = Assert.Throws<DomainException>(
            () => new DealDetails("Line 3 retrofit", value, TestData.PurchaseDate, null, null, null));

        Assert.Equal("EstimatedValue", error.Field);
    }

    [Fact]
    public void DealDetails_WithBlankName_ThrowsOnDealName()
    {
        var error = Assert.Throws<DomainException>(() => TestData.Deal(name: "  "));

        Assert.Equal("DealName", error.Field);
    }

    // ---- Accept ----

    [Fact]
    public void Accept_WithPurchaseDateBeforeToday_ThrowsOnEstimatedPurchaseDateAndChangesNothing()
    {
        var lead = new LeadBuilder().ReceivedAt(T0).Build();
        var before = LeadSnapshot.Of(lead);
        var now = new DateTime(2026, 11, 1, 10, 0, 0, DateTimeKind.Utc);
        var yesterday = new DateOnly(2026, 10, 31);

        var error = Assert.Throws<DomainException>(
            () => lead.Accept(TestData.Deal(purchaseDate: yesterday), [TestData.Member()], Actor, now));

        Assert.Equal("EstimatedPurchaseDate", error.Field);
        Assert.Equal(before, LeadSnapshot.Of(lead));
    }

    [Fact]
    public void Accept_WithPurchaseDateEqualToToday_IsAllowed()
    {
        var lead = new LeadBuilder().ReceivedAt(T0).Build();
        var lateToday = new DateTime(2026, 11, 1, 23, 59, 59, DateTimeKind.Utc);

        lead.Accept(TestData.Deal(purchaseDate: new DateOnly(2026, 11, 1)), [], Actor, lateToday);

        Assert.Equal(LeadStage.Accepted, lead.Stage);
        Assert.Equal(new DateOnly(2026, 11, 1), lead.Deal!.EstimatedPurchaseDate);
    }

    [Fact]
    public void Accept_KeepsDealContactsAndAnswerTimeAndRecordsThem()
    {
        var lead = new LeadBuilder().ReceivedAt(T0).Build();
        var deal = TestData.Deal(name: "Warehouse racking", valueUsd: 12_500m);
        var tom = TestData.Member("Tom Teammate", "tom@fabrikam.example");
        var uma = TestData.Member("Uma Engineer", "uma@fabrikam.example");

        lead.Accept(deal, [tom, uma], Actor, Later);

        Assert.Same(deal, lead.Deal);
        Assert.Equal([tom.Id, uma.Id], lead.TeamMembers.Select(m => m.Id));
        Assert.Equal(Later, lead.AnsweredAtUtc);
        Assert.Null(lead.ArchivedAtUtc);
        Assert.Equal(
        [
            new LeadChange(LeadChangeField.DealName, null, "Warehouse racking"),
            new LeadChange(LeadChangeField.EstimatedValue, null, "12500.00 USD"),
            new LeadChange(LeadChangeField.PurchaseDate, null, "2027-03-31"),
            new LeadChange(LeadChangeField.TeamMember, null, "Tom Teammate <tom@fabrikam.example>"),
            new LeadChange(LeadChangeField.TeamMember, null, "Uma Engineer <uma@fabrikam.example>"),
        ], lead.History[^1].Changes);
    }

    // ---- EditDeal ----

    [Fact]
    public void EditDeal_KeepingAnOldPastPurchaseDateButChangingTheName_IsAllowed()
    {
        var purchaseDate = new DateOnly(2026, 11, 10);
        var lead = new LeadBuilder().ReceivedAt(T0).WithDeal(TestData.Deal(name: "Old name", purchaseDate: purchaseDate)).Accepted().Build();
        var monthLater = new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

        lead.EditDeal(TestData.Deal(name: "New name", purchaseDate: purchaseDate), Actor, monthLater);

        Assert.Equal("New name", lead.Deal!.Name);
        Assert.Equal(purchaseDate, lead.Deal.EstimatedPurchaseDate);
        Assert.Equal(LeadAction.EditDeal, lead.History[^1].Action);
    }

    [Fact]
    public void EditDeal_ChangingToAPastPurchaseDate_ThrowsOnEstimatedPurchaseDateAndChangesNothing()
    {
        var lead = new LeadBuilder().ReceivedAt(T0).WithDeal(TestData.Deal(purchaseDate: new DateOnly(2026, 11, 10))).Accepted().Build();
        var before = LeadSnapshot.Of(lead);
        var monthLater = new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

        var error = Assert.Throws<DomainException>(
            () => lead.EditDeal(TestData.Deal(name: "New name", purchaseDate: new DateOnly(2026, 11, 20)), Actor, monthLater));

        Assert.Equal("EstimatedPurchaseDate", error.Field);
        Assert.Equal(before, LeadSnapshot.Of(lead));
    }

    [Fact]
    public void EditDeal_ChangingToTodayAsPurchaseDate_IsAllowed()
    {
        var lead = new LeadBuilder().ReceivedAt(T0).Accepted().Build();

        lead.EditDeal(TestData.Deal(purchaseDate: new DateOnly(2026, 11, 3)), Actor, Later);

        Assert.Equal(new DateOnly(2026, 11, 3), lead.Deal!.EstimatedPurchaseDate);
        Assert.Equal([new LeadChange(LeadChangeField.PurchaseDate, "2027-03-31", "2026-11-03")], lead.History[^1].Changes);
    }

    [Fact]
    public void EditDeal_ChangingTheName_RecordsOldAndNewNameInDetails()
    {
        var lead = new LeadBuilder().ReceivedAt(T0).WithDeal(TestData.Deal(name: "Line 3 retrofit")).Accepted().Build();

        lead.EditDeal(TestData.Deal(name: "Line 3 and 4 retrofit"), Actor, Later);

        var entry = lead.History[^1];
        Assert.Equal(LeadAction.EditDeal, entry.Action);
        Assert.Equal(LeadStage.Accepted, entry.FromStage);
        Assert.Equal(LeadStage.Accepted, entry.ToStage);
        Assert.Equal([new LeadChange(LeadChangeField.DealName, "Line 3 retrofit", "Line 3 and 4 retrofit")], entry.Changes);
    }

    [Fact]
    public void EditDeal_ChangingValueAndCrmId_RecordsEachChange()
    {
        var lead = new LeadBuilder().ReceivedAt(T0).WithDeal(TestData.Deal(valueUsd: 25_000m)).Accepted().Build();

        lead.EditDeal(TestData.Deal(valueUsd: 30_000m, crmId: "OPP-77"), Actor, Later);

        Assert.Equal(
            [new LeadChange(LeadChangeField.EstimatedValue, "25000.00 USD", "30000.00 USD"), new LeadChange(LeadChangeField.CrmId, null, "OPP-77")],
            lead.History[^1].Changes);
        Assert.Equal(TestData.Usd(30_000m), lead.Deal!.EstimatedValue);
    }

    [Fact]
    public void EditDeal_WithNoChange_AppendsNoHistoryAndKeepsVersion()
    {
        var lead = new LeadBuilder().ReceivedAt(T0).WithDeal(TestData.Deal(notes: "Call after 3pm")).Accepted().Build();
        var before = LeadSnapshot.Of(lead);

        lead.EditDeal(TestData.Deal(notes: "Call after 3pm"), Actor, Later);

        Assert.Equal(before.HistoryCount, lead.History.Count);
        Assert.Equal(before.Version, lead.Version);
        Assert.Equal(before.UpdatedAtUtc, lead.UpdatedAtUtc);
    }

    // ---- Team ----

    [Theory]
    [InlineData("tom@fabrikam.example")]
    [InlineData("TOM@Fabrikam.Example")]
    public void AddTeamMember_WithEmailAlreadyOnTheTeam_ThrowsOnEmailAndChangesNothing(string email)
    {
        var lead = new LeadBuilder().WithTeamMember(TestData.Member("Tom Teammate", "tom@fabrikam.example")).Accepted().Build();
        var before = LeadSnapshot.Of(lead);

        var error = Assert.Throws<DomainException>(
            () => lead.AddTeamMember(TestData.Member("Thomas T.", email), Actor, Later));

        Assert.Equal("Email", error.Field);
        Assert.Equal(before, LeadSnapshot.Of(lead));
    }

    [Fact]
    public void AddTeamMember_WithNewEmail_AddsMemberAndRecordsIt()
    {
        var lead = new LeadBuilder().WithTeamMember(TestData.Member("Tom Teammate", "tom@fabrikam.example")).Accepted().Build();
        var nina = TestData.Member("Nina Newcomer", "nina@fabrikam.example");

        var added = lead.AddTeamMember(nina, Actor, Later);

        Assert.Same(nina, added);
        Assert.Equal(2, lead.TeamMembers.Count);
        Assert.Contains(lead.TeamMembers, m => m.Id == nina.Id);
        Assert.Equal([new LeadChange(LeadChangeField.TeamMember, null, "Nina Newcomer <nina@fabrikam.example>")], lead.History[^1].Changes);
    }

    [Fact]
    public void RemoveTeamMember_WithUnknownId_ThrowsAndChangesNothing()
    {
        var lead = new LeadBuilder().WithTeamMember(TestData.Member()).Accepted().Build();
        var before = LeadSnapshot.Of(lead);

        Assert.Throws<DomainException>(() => lead.RemoveTeamMember(Guid.NewGuid(), Actor, Later));

        Assert.Equal(before, LeadSnapshot.Of(lead));
    }

    [Fact]
    public void RemoveTeamMember_WithKnownId_RemovesOnlyThatMemberAndRecordsIt()
    {
        var tom = TestData.Member("Tom Teammate", "tom@fabrikam.example");
        var uma = TestData.Member("Uma Engineer", "uma@fabrikam.example");
        var lead = new LeadBuilder().WithTeamMember(tom).WithTeamMember(uma).Accepted().Build();

        lead.RemoveTeamMember(tom.Id, Actor, Later);

        Assert.Equal(uma.Id, Assert.Single(lead.TeamMembers).Id);
        Assert.Equal([new LeadChange(LeadChangeField.TeamMember, "Tom Teammate <tom@fabrikam.example>", null)], lead.History[^1].Changes);
    }

    // ---- MarkWon / MarkLost ----

    [Fact]
    public void MarkWon_WithFinalValue_ReplacesDealValueAndHistoryMentionsIt()
    {
        var lead = new LeadBuilder().WithDeal(TestData.Deal(name: "Line 3 retrofit", valueUsd: 25_000m)).Accepted().Build();

        lead.MarkWon(TestData.Usd(27_500m), null, Actor, Later);

        Assert.Equal(LeadOutcome.Won, lead.Outcome);
        Assert.Equal(TestData.Usd(27_500m), lead.Deal!.EstimatedValue);
        Assert.Equal("Line 3 retrofit", lead.Deal.Name);
        Assert.Equal(TestData.PurchaseDate, lead.Deal.EstimatedPurchaseDate);
        Assert.Equal([new LeadChange(LeadChangeField.FinalValue, "25000.00 USD", "27500.00 USD")], lead.History[^1].Changes);
    }

    [Fact]
    public void MarkWon_WithoutFinalValue_KeepsEstimateAndRecordsNotes()
    {
        var lead = new LeadBuilder().WithDeal(TestData.Deal(valueUsd: 25_000m)).Accepted().Build();

        lead.MarkWon(null, "  Signed on site.  ", Actor, Later);

        Assert.Equal(TestData.Usd(25_000m), lead.Deal!.EstimatedValue);
        Assert.Equal("Signed on site.", lead.ClosingNotes);
        Assert.Equal(Later, lead.ArchivedAtUtc);
        Assert.Equal([new LeadChange(LeadChangeField.Notes, null, "Signed on site.")], lead.History[^1].Changes);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-100)]
    public void MarkWon_WithNonPositiveFinalValue_ThrowsOnFinalValueAndChangesNothing(int finalValueUsd)
    {
        var lead = new LeadBuilder().Accepted().Build();
        var before = LeadSnapshot.Of(lead);

        var error = Assert.Throws<DomainException>(
            () => lead.MarkWon(TestData.Usd(finalValueUsd), null, Actor, Later));

        Assert.Equal("FinalValue", error.Field);
        Assert.Equal(before, LeadSnapshot.Of(lead));
    }

    [Fact]
    public void MarkLost_WithNotes_ArchivesAsLostAndKeepsTrimmedNotes()
    {
        var lead = new LeadBuilder().Accepted().Build();

        lead.MarkLost("  Went with a competitor.  ", Actor, Later);

        Assert.Equal(LeadStage.Archived, lead.Stage);
        Assert.Equal(LeadOutcome.Lost, lead.Outcome);
        Assert.Equal("Went with a competitor.", lead.ClosingNotes);
        Assert.Equal([new LeadChange(LeadChangeField.Notes, null, "Went with a competitor.")], lead.History[^1].Changes);
    }

    // ---- Actor ----

    public static TheoryData<LeadAction> ActionsTakingAnActor() =>
        [.. Enum.GetValues<LeadAction>().Where(a => a is not (LeadAction.Receive or LeadAction.Expire))];

    /// <summary>
    /// A blank actor is refused (Field "Actor") like any other broken rule, so, like them, it must leave the
    /// lead exactly as it was: a caller that catches the DomainException and saves must not persist half a change.
    /// </summary>
    [Theory]
    [MemberData(nameof(ActionsTakingAnActor))]
    public void Action_ByBlankActor_ThrowsOnActorAndChangesNothing(LeadAction action)
    {
        var tom = TestData.Member("Tom Teammate", "tom@fabrikam.example");
        var builder = new LeadBuilder().ReceivedAt(T0).WithTeamMember(tom);
        var lead = (action is LeadAction.Accept or LeadAction.Decline ? builder : builder.Accepted()).Build();
        var before = LeadSnapshot.Of(lead);
        const string blank = "  ";

        var error = Assert.Throws<DomainException>(() =>
        {
            switch (action)
            {
                case LeadAction.Accept:
                    lead.Accept(TestData.Deal(), [TestData.Member("Uma Engineer", "uma@fabrikam.example")], blank, Later);
                    break;
                case LeadAction.Decline:
                    lead.Decline(DeclineReason.NotAFit, null, blank, Later);
                    break;
                case LeadAction.EditDeal:
                    lead.EditDeal(TestData.Deal(name: "Renamed"), blank, Later);
                    break;
                case LeadAction.AddTeamMember:
                    lead.AddTeamMember(TestData.Member("Nina Newcomer", "nina@fabrikam.example"), blank, Later);
                    break;
                case LeadAction.RemoveTeamMember:
                    lead.RemoveTeamMember(tom.Id, blank, Later);
                    break;
                case LeadAction.MarkWon:
                    lead.MarkWon(TestData.Usd(99_000m), null, blank, Later);
                    break;
                case LeadAction.MarkLost:
                    lead.MarkLost(null, blank, Later);
                    break;
                default:
                    throw new NotSupportedException($"No blank-actor case for {action}.");
            }
        });

        Assert.Equal("Actor", error.Field);
        Assert.Equal(before, LeadSnapshot.Of(lead));
    }
}
