using LeadPortal.Core.Leads;
using LeadPortal.Core.Tests.Builders;
using LeadPortal.Core.Tests.Support;

namespace LeadPortal.Core.Tests;

/// <summary>
/// Every (start state, action) pair, generated from the enums so that a new stage, outcome or action
/// shows up here as a failing case until the transition table below says what it should do.
/// </summary>
public class LeadStateMachineTests
{
    /// <summary>All actions run at the default lead's response deadline, so Expire is legal where the stage allows it.</summary>
    private static readonly DateTime ActionAt = TestData.ReceivedAt + TestData.FourteenDays;

    private const string Actor = TestData.OtherPartnerUser;
    private const string EditedDealName = "Line 3 retrofit, phase 2";
    private const string NewMemberEmail = "nina@fabrikam.example";

    /// <summary>The specification: the only legal pairs and where they lead. Any pair not listed must be refused.</summary>
    private static readonly Dictionary<(LeadStage Stage, LeadAction Action), (LeadStage Stage, LeadOutcome? Outcome)> LegalTransitions = new()
    {
        [(LeadStage.Received, LeadAction.Accept)] = (LeadStage.Accepted, null),
        [(LeadStage.Received, LeadAction.Decline)] = (LeadStage.Archived, LeadOutcome.Declined),
        [(LeadStage.Received, LeadAction.Expire)] = (LeadStage.Archived, LeadOutcome.Expired),
        [(LeadStage.Accepted, LeadAction.EditDeal)] = (LeadStage.Accepted, null),
        [(LeadStage.Accepted, LeadAction.AddTeamMember)] = (LeadStage.Accepted, null),
        [(LeadStage.Accepted, LeadAction.RemoveTeamMember)] = (LeadStage.Accepted, null),
        [(LeadStage.Accepted, LeadAction.MarkWon)] = (LeadStage.Archived, LeadOutcome.Won),
        [(LeadStage.Accepted, LeadAction.MarkLost)] = (LeadStage.Archived, LeadOutcome.Lost),
    };

    public static TheoryData<LeadStage, LeadOutcome?, LeadAction> EveryStateAndAction() =>
        Pairs(_ => true);

    public static TheoryData<LeadStage, LeadOutcome?, LeadAction> LegalStateAndAction() =>
        Pairs(pair => LegalTransitions.ContainsKey(pair));

    public static TheoryData<LeadStage, LeadOutcome?, LeadAction> IllegalStateAndAction() =>
        Pairs(pair => !LegalTransitions.ContainsKey(pair));

    [Theory]
    [MemberData(nameof(LegalStateAndAction))]
    public void AllowedAction_MovesLeadAppendsOneHistoryEntryAndRenewsVersion(LeadStage stage, LeadOutcome? outcome, LeadAction action)
    {
        var lead = StartIn(stage, outcome);
        var before = LeadSnapshot.Of(lead);
        var expected = LegalTransitions[(stage, action)];

        Perform(lead, action, ActionAt);

        Assert.Equal(expected.Stage, lead.Stage);
        Assert.Equal(expected.Outcome, lead.Outcome);
        Assert.Equal(before.HistoryCount + 1, lead.History.Count);
        var entry = lead.History[^1];
        Assert.Equal(action, entry.Action);
        Assert.Equal(stage, entry.FromStage);
        Assert.Equal(expected.Stage, entry.ToStage);
        Assert.Equal(action == LeadAction.Expire ? Lead.SystemActor : Actor, entry.Actor);
        Assert.Equal(ActionAt, entry.AtUtc);
        Assert.Equal(lead.History.Count, entry.Sequence);
        Assert.NotEqual(before.Version, lead.Version);
        Assert.NotEqual(Guid.Empty, lead.Version);
        Assert.Equal(ActionAt, lead.UpdatedAtUtc);
        AssertActionEffect(action, before, lead);
    }

    [Theory]
    [MemberData(nameof(IllegalStateAndAction))]
    public void ForbiddenAction_ThrowsTransitionExceptionAndChangesNothing(LeadStage stage, LeadOutcome? outcome, LeadAction action)
    {
        var lead = StartIn(stage, outcome);
        var before = LeadSnapshot.Of(lead);

        var error = Assert.Throws<LeadTransitionException>(() => Perform(lead, action, ActionAt));

        Assert.Equal(action, error.Action);
        Assert.Equal(stage, error.Stage);
        Assert.Equal(stage == LeadStage.Archived ? DomainErrors.Archived : DomainErrors.StageDoesNotAllow, error.Code);
        Assert.Equal(before, LeadSnapshot.Of(lead));
    }

    [Theory]
    [MemberData(nameof(EveryStateAndAction))]
    public void Allows_AgreesWithTheTransitionTable(LeadStage stage, LeadOutcome? outcome, LeadAction action)
    {
        var lead = StartIn(stage, outcome);

        Assert.Equal(LegalTransitions.ContainsKey((stage, action)), Lead.Allows(lead.Stage, action));
    }

    [Fact]
    public void Accept_WhenLeadIsArchived_ThrowsWithArchivedStage()
    {
        var lead = new LeadBuilder().Won().Build();

        var error = Assert.Throws<LeadTransitionException>(
            () => lead.Accept(TestData.Deal(), [], Actor, ActionAt));

        Assert.Equal(LeadAction.Accept, error.Action);
        Assert.Equal(LeadStage.Archived, error.Stage);
        Assert.Equal(DomainErrors.Archived, error.Code);
        Assert.Equal([LeadOutcome.Won], error.Arguments);
    }

    [Fact]
    public void MarkWon_WhenLeadIsOnlyReceived_ThrowsWithReceivedStage()
    {
        var lead = new LeadBuilder().Build();

        var error = Assert.Throws<LeadTransitionException>(() => lead.MarkWon(null, null, Actor, ActionAt));

        Assert.Equal(LeadAction.MarkWon, error.Action);
        Assert.Equal(LeadStage.Received, error.Stage);
    }

    [Fact]
    public void Expire_WhenLeadIsAcceptedAndPastDeadline_ThrowsTransitionException()
    {
        var lead = new LeadBuilder().Accepted().Build();
        var before = LeadSnapshot.Of(lead);

        var error = Assert.Throws<LeadTransitionException>(() => lead.Expire(ActionAt.AddDays(30)));

        Assert.Equal(LeadAction.Expire, error.Action);
        Assert.Equal(LeadStage.Accepted, error.Stage);
        Assert.Equal(before, LeadSnapshot.Of(lead));
    }

    private static TheoryData<LeadStage, LeadOutcome?, LeadAction> Pairs(Func<(LeadStage, LeadAction), bool> include)
    {
        var data = new TheoryData<LeadStage, LeadOutcome?, LeadAction>();
        foreach (var (stage, outcome) in StartStates())
        {
            foreach (var action in Enum.GetValues<LeadAction>().Where(a => a != LeadAction.Receive))
            {
                if (include((stage, action)))
                {
                    data.Add(stage, outcome, action);
                }
            }
        }

        return data;
    }

    /// <summary>Received, Accepted, and Archived with each outcome.</summary>
    private static IEnumerable<(LeadStage Stage, LeadOutcome? Outcome)> StartStates()
    {
        foreach (var stage in Enum.GetValues<LeadStage>())
        {
            if (stage == LeadStage.Archived)
            {
                foreach (var outcome in Enum.GetValues<LeadOutcome>())
                {
                    yield return (stage, outcome);
                }
            }
            else
            {
                yield return (stage, null);
            }
        }
    }

    private static Lead StartIn(LeadStage stage, LeadOutcome? outcome)
    {
        var lead = new LeadBuilder()
            .WithTeamMember(TestData.Member())
            .InState(stage, outcome)
            .Build();

        // Guard the precondition, so a builder fault cannot pass for a domain result.
        Assert.Equal(stage, lead.Stage);
        Assert.Equal(outcome, lead.Outcome);
        return lead;
    }

    /// <summary>What each legal action must have done beyond moving the stage.</summary>
    private static void AssertActionEffect(LeadAction action, LeadSnapshot before, Lead lead)
    {
        switch (action)
        {
            case LeadAction.Accept:
                Assert.Equal("Line 3 retrofit", lead.Deal?.Name);
                Assert.Equal(ActionAt, lead.AnsweredAtUtc);
                break;
            case LeadAction.Decline:
                Assert.Equal(DeclineReason.BudgetTooSmall, lead.DeclineReason);
                Assert.Equal(ActionAt, lead.AnsweredAtUtc);
                Assert.Equal(ActionAt, lead.ArchivedAtUtc);
                break;
            case LeadAction.Expire:
                Assert.Null(lead.AnsweredAtUtc);
                Assert.Equal(ActionAt, lead.ArchivedAtUtc);
                break;
            case LeadAction.EditDeal:
                Assert.Equal(EditedDealName, lead.Deal?.Name);
                break;
            case LeadAction.AddTeamMember:
                Assert.Equal(before.TeamCount + 1, lead.TeamMembers.Count);
                Assert.Equal(NewMemberEmail, lead.TeamMembers[^1].Email);
                break;
            case LeadAction.RemoveTeamMember:
                Assert.Equal(before.TeamCount - 1, lead.TeamMembers.Count);
                break;
            case LeadAction.MarkWon:
            case LeadAction.MarkLost:
                Assert.Equal(ActionAt, lead.ArchivedAtUtc);
                Assert.Equal(before.AnsweredAtUtc, lead.AnsweredAtUtc);
                break;
            default:
                throw new NotSupportedException($"No expected effect written for {action}.");
        }
    }

    /// <summary>Calls the action with valid arguments, so only the stage can make it fail.</summary>
    private static void Perform(Lead lead, LeadAction action, DateTime nowUtc)
    {
        switch (action)
        {
            case LeadAction.Accept:
                lead.Accept(TestData.Deal(), [], Actor, nowUtc);
                break;
            case LeadAction.Decline:
                lead.Decline(DeclineReason.BudgetTooSmall, null, Actor, nowUtc);
                break;
            case LeadAction.Expire:
                lead.Expire(nowUtc);
                break;
            case LeadAction.EditDeal:
                lead.EditDeal(TestData.Deal(name: EditedDealName), Actor, nowUtc);
                break;
            case LeadAction.AddTeamMember:
                lead.AddTeamMember(TestData.Member("Nina Newcomer", NewMemberEmail), Actor, nowUtc);
                break;
            case LeadAction.RemoveTeamMember:
                lead.RemoveTeamMember(lead.TeamMembers.Count > 0 ? lead.TeamMembers[0].Id : Guid.NewGuid(), Actor, nowUtc);
                break;
            case LeadAction.MarkWon:
                lead.MarkWon(null, null, Actor, nowUtc);
                break;
            case LeadAction.MarkLost:
                lead.MarkLost(null, Actor, nowUtc);
                break;
            default:
                throw new NotSupportedException($"The state-machine tests do not know how to perform {action}; add it to Perform and to the transition table.");
        }
    }
}
