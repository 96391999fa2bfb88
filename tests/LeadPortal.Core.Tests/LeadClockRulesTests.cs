using LeadPortal.Core.Leads;

namespace LeadPortal.Core.Tests;

/// <summary>
/// The rules over the clock (<see cref="LeadRules"/>): the flame, its lapse and the deadline warning, at their edges,
/// and the same answer from the expression EF translates as from the compiled rule the pages call.
/// </summary>
public sealed class LeadClockRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Window = TimeSpan.FromHours(72);
    private static readonly TimeSpan Warning = TimeSpan.FromDays(2);

    private sealed record Times(LeadStage Stage, DateTime ReceivedAtUtc, DateTime ResponseDeadlineUtc, bool ContactRequested, bool ContactUrgencyLapsed)
        : ILeadTimes;

    private static Times Requested(TimeSpan age, LeadStage stage = LeadStage.Received, bool lapsed = false) =>
        new(stage, Now - age, Now - age + TimeSpan.FromDays(14), true, lapsed);

    private static Times DueIn(TimeSpan left, LeadStage stage = LeadStage.Received) =>
        new(stage, Now + left - TimeSpan.FromDays(14), Now + left, false, false);

    public static TheoryData<string, bool> UrgentCases => new()
    {
        { "asked an hour ago", true },
        { "asked just inside the window", true },
        { "asked exactly the window ago", false },
        { "asked four days ago", false },
        { "accepted, asked an hour ago", true },
        { "archived, asked an hour ago", false },
        { "lapsed by the job", false },
        { "never asked", false },
    };

    private static Times UrgentCase(string name) => name switch
    {
        "asked an hour ago" => Requested(TimeSpan.FromHours(1)),
        "asked just inside the window" => Requested(Window - TimeSpan.FromSeconds(1)),
        "asked exactly the window ago" => Requested(Window),
        "asked four days ago" => Requested(TimeSpan.FromDays(4)),
        "accepted, asked an hour ago" => Requested(TimeSpan.FromHours(1), LeadStage.Accepted),
        "archived, asked an hour ago" => Requested(TimeSpan.FromHours(1), LeadStage.Archived),
        "lapsed by the job" => Requested(TimeSpan.FromHours(1), lapsed: true),
        _ => Requested(TimeSpan.FromHours(1)) with { ContactRequested = false },
    };

    [Theory]
    [MemberData(nameof(UrgentCases))]
    public void UrgentContact_InMemoryAndAsAnExpression_AgreeAtTheEdges(string name, bool urgent)
    {
        var lead = UrgentCase(name);

        Assert.Equal(urgent, LeadRules.IsUrgentContact(lead, Now, Window));
        Assert.Equal(urgent, LeadRules.UrgentContact<Times>(Now, Window).Compile()(lead));
    }

    [Theory]
    [MemberData(nameof(UrgentCases))]
    public void UrgencyLapsed_IsAnActiveUnlapsedRequestPastItsWindow(string name, bool urgent)
    {
        var lead = UrgentCase(name);
        var lapses = LeadRules.UrgencyLapsed<Times>(Now, Window).Compile()(lead);

        var expected = lead is { ContactRequested: true, ContactUrgencyLapsed: false } && lead.Stage != LeadStage.Archived && !urgent;
        Assert.Equal(expected, lapses);
    }

    [Theory]
    [InlineData(47 * 60, true)]
    [InlineData(48 * 60, true)]
    [InlineData(48 * 60 + 1, false)]
    [InlineData(1, true)]
    [InlineData(0, false)]
    [InlineData(-60, false)]
    public void DeadlineNear_IsAReceivedLeadWithNoMoreThanTheWarningLeft(int minutesLeft, bool near)
    {
        var lead = DueIn(TimeSpan.FromMinutes(minutesLeft));

        Assert.Equal(near, LeadRules.IsDeadlineNear(lead, Now, Warning));
        Assert.Equal(near, LeadRules.DeadlineNear<Times>(Now, Warning).Compile()(lead));
        Assert.False(LeadRules.IsDeadlineNear(DueIn(TimeSpan.FromMinutes(minutesLeft), LeadStage.Accepted), Now, Warning));
    }

    [Fact]
    public void TheExpressions_ReadTheClockThroughAMember_SoAQueryParameterizesIt()
    {
        // A DateTime constant would be written into the SQL text: one statement (and one cached plan) per instant.
        var constants = new Constants();
        constants.Visit(LeadRules.DeadlineNear<Times>(Now, Warning));
        constants.Visit(LeadRules.UrgentContact<Times>(Now, Window));

        Assert.DoesNotContain(constants.Types, t => t == typeof(DateTime));
        Assert.Equal(3, constants.ReadThroughMembers);
    }

    private sealed class Constants : System.Linq.Expressions.ExpressionVisitor
    {
        public List<Type> Types { get; } = [];

        public int ReadThroughMembers { get; private set; }

        protected override System.Linq.Expressions.Expression VisitConstant(System.Linq.Expressions.ConstantExpression node)
        {
            Types.Add(node.Type);
            return base.VisitConstant(node);
        }

        protected override System.Linq.Expressions.Expression VisitMember(System.Linq.Expressions.MemberExpression node)
        {
            if (node.Expression is System.Linq.Expressions.ConstantExpression && node.Type == typeof(DateTime))
            {
                ReadThroughMembers++;
            }

            return base.VisitMember(node);
        }
    }
}
