namespace LeadPortal.Core.Leads;

/// <summary>An action the lead's current stage does not allow. Nothing on the lead has changed.</summary>
public sealed class LeadTransitionException(LeadAction action, LeadStage stage, string message)
    : DomainException(message)
{
    public LeadAction Action { get; } = action;
    public LeadStage Stage { get; } = stage;
}
