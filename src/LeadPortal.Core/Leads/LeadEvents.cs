namespace LeadPortal.Core.Leads;

/// <summary>
/// Something that happened to a lead that people outside the page must hear about. The aggregate records events;
/// the data layer turns them into outbox messages in the same transaction as the change.
/// </summary>
public abstract record LeadEvent(Lead Lead, LeadStage? FromStage);

public sealed record LeadReceived(Lead Lead) : LeadEvent(Lead, null);

public sealed record LeadAccepted(Lead Lead) : LeadEvent(Lead, LeadStage.Received);

public sealed record LeadDeclined(Lead Lead) : LeadEvent(Lead, LeadStage.Received);

public sealed record LeadExpired(Lead Lead) : LeadEvent(Lead, LeadStage.Received);

public sealed record LeadWon(Lead Lead) : LeadEvent(Lead, LeadStage.Accepted);

public sealed record LeadLost(Lead Lead) : LeadEvent(Lead, LeadStage.Accepted);
