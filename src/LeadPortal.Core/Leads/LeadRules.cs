using System.Linq.Expressions;

namespace LeadPortal.Core.Leads;

/// <summary>What the rules over the clock read of a lead: the aggregate, and the rows the lists project from it.</summary>
public interface ILeadTimes
{
    LeadStage Stage { get; }
    DateTime ReceivedAtUtc { get; }
    DateTime ResponseDeadlineUtc { get; }
    bool ContactRequested { get; }

    /// <summary>Set by the urgency job once the urgent window has passed (a display flag only).</summary>
    bool ContactUrgencyLapsed { get; }
}

/// <summary>
/// The rules derived from a lead's state and the clock, each stated once as an expression: EF translates it inside a
/// query (insights, the jobs), and the same expression, compiled, answers for a lead or a row in memory (the pages).
/// The windows are <see cref="LeadTimingOptions.UrgentContactWindow"/> and <see cref="LeadTimingOptions.DeadlineWarning"/>.
/// </summary>
public static class LeadRules
{
    /// <summary>
    /// The flame: the customer asked to be contacted, the lead is still active (not archived), and the urgent window
    /// since it arrived has not passed (nor has the urgency job lapsed it).
    /// </summary>
    public static Expression<Func<T, bool>> UrgentContact<T>(DateTime nowUtc, TimeSpan window)
        where T : ILeadTimes => Bind<T>(Rules<T>.UrgentContactAfter, new Instant(nowUtc - window));

    /// <summary>A contact request still flagged urgent whose window has passed: what the urgency job lapses.</summary>
    public static Expression<Func<T, bool>> UrgencyLapsed<T>(DateTime nowUtc, TimeSpan window)
        where T : ILeadTimes => Bind<T>(Rules<T>.UrgencyLapsedAt, new Instant(nowUtc - window));

    /// <summary>A Received lead whose deadline is still ahead but no further than the warning: highlighted, and reminded of once.</summary>
    public static Expression<Func<T, bool>> DeadlineNear<T>(DateTime nowUtc, TimeSpan warning)
        where T : ILeadTimes => Bind<T>(Rules<T>.DeadlineBetween, new Instant(nowUtc), new Instant(nowUtc + warning));

    public static bool IsUrgentContact<T>(T lead, DateTime nowUtc, TimeSpan window)
        where T : ILeadTimes => Rules<T>.UrgentContactAfterCompiled(lead, Utc(nowUtc) - window);

    public static bool IsDeadlineNear<T>(T lead, DateTime nowUtc, TimeSpan warning)
        where T : ILeadTimes => Rules<T>.DeadlineBetweenCompiled(lead, Utc(nowUtc), Utc(nowUtc) + warning);

    private static DateTime Utc(DateTime time) => time.Kind == DateTimeKind.Utc ? time : DateTime.SpecifyKind(time, DateTimeKind.Utc);

    /// <summary>A time an expression reads through a member, so EF sends it as a parameter (a constant would be inlined, one SQL text per instant).</summary>
    private sealed record Instant(DateTime Value);

    private static Expression<Func<T, bool>> Bind<T>(LambdaExpression rule, params Instant[] instants)
    {
        var values = rule.Parameters.Skip(1).Zip(instants, (parameter, instant) =>
            (parameter, (Expression)Expression.Property(Expression.Constant(instant), nameof(Instant.Value))));
        var body = values.Aggregate(rule.Body, (current, bound) => new Replace(bound.parameter, bound.Item2).Visit(current));
        return Expression.Lambda<Func<T, bool>>(body, rule.Parameters[0]);
    }

    private sealed class Replace(ParameterExpression parameter, Expression value) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? value : node;
    }

    private static class Rules<T>
        where T : ILeadTimes
    {
        public static readonly Expression<Func<T, DateTime, bool>> UrgentContactAfter = (l, since) =>
            l.ContactRequested && l.Stage != LeadStage.Archived && !l.ContactUrgencyLapsed && l.ReceivedAtUtc > since;

        public static readonly Expression<Func<T, DateTime, bool>> UrgencyLapsedAt = (l, since) =>
            l.ContactRequested && l.Stage != LeadStage.Archived && !l.ContactUrgencyLapsed && l.ReceivedAtUtc <= since;

        public static readonly Expression<Func<T, DateTime, DateTime, bool>> DeadlineBetween = (l, now, until) =>
            l.Stage == LeadStage.Received && l.ResponseDeadlineUtc > now && l.ResponseDeadlineUtc <= until;

        public static readonly Func<T, DateTime, bool> UrgentContactAfterCompiled = UrgentContactAfter.Compile();
        public static readonly Func<T, DateTime, DateTime, bool> DeadlineBetweenCompiled = DeadlineBetween.Compile();
    }
}
