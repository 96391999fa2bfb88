namespace LeadPortal.Core.Leads;

/// <summary>
/// An action the lead's current stage does not allow (<see cref="DomainErrors.StageDoesNotAllow"/>, or
/// <see cref="DomainErrors.Archived"/> once archived). Nothing on the lead has changed.
/// </summary>
public sealed class LeadTransitionException(LeadAction action, LeadStage stage, string code, params object[] arguments)
    : DomainException(code, null, arguments)
{
    public LeadAction Action { get; } = action;
    public LeadStage Stage { get; } = stage;
}
