namespace LeadPortal.Core.Leads;

/// <summary>
/// A sales lead sent to one organization. Every change goes through a method that checks the stage,
/// changes the state, renews <see cref="Version"/> and appends a history entry; an action the stage does
/// not allow throws <see cref="LeadTransitionException"/> and changes nothing.
/// </summary>
public sealed class Lead : ILeadTimes
{
    public const string SystemActor = "LeadPortal";

    private readonly List<TeamMember> _teamMembers = [];
    private readonly List<LeadHistoryEntry> _history = [];
    private readonly List<LeadEvent> _events = [];

    private Lead()
    {
    }

    public long Id { get; private set; }
    public int OrganizationId { get; private set; }
    public LeadType Type { get; private set; }
    public LeadStage Stage { get; private set; }
    public LeadOutcome? Outcome { get; private set; }
    public CustomerProfile Customer { get; private set; } = null!;
    public string Need { get; private set; } = string.Empty;
    public LeadSender Sender { get; private set; } = null!;
    public bool ContactRequested { get; private set; }
    public DateTime ReceivedAtUtc { get; private set; }
    public DateTime ResponseDeadlineUtc { get; private set; }
    public DateTime? AnsweredAtUtc { get; private set; }

    /// <summary>
    /// Seconds from receipt to the answer (accept or decline). Kept as a number because neither SQLite nor SQL Server
    /// share a date-difference function EF can translate, and insights take medians of it in the database.
    /// </summary>
    public long? ResponseTimeSeconds { get; private set; }
    public DateTime? ArchivedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }
    public DealDetails? Deal { get; private set; }
    public DeclineReason? DeclineReason { get; private set; }
    public string? DeclineNotes { get; private set; }
    public string? ClosingNotes { get; private set; }

    /// <summary>Optimistic concurrency token, renewed by every change (SQLite has no rowversion).</summary>
    public Guid Version { get; private set; }

    public IReadOnlyList<TeamMember> TeamMembers => _teamMembers;
    public IReadOnlyList<LeadHistoryEntry> History => _history;

    /// <summary>Set by the urgency job once the urgent window of a contact request has passed; the lead stays open.</summary>
    public bool ContactUrgencyLapsed { get; private set; }

    /// <summary>When the "about to expire" reminder was queued; it is sent once per lead.</summary>
    public DateTime? ReminderQueuedAtUtc { get; private set; }

    /// <summary>Events not yet turned into notifications; cleared when the lead is saved.</summary>
    public IReadOnlyList<LeadEvent> Events => _events;

    public void ClearEvents() => _events.Clear();

    public static Lead Receive(
        int organizationId,
        LeadType type,
        CustomerProfile customer,
        string need,
        LeadSender sender,
        bool contactRequested,
        DateTime receivedAtUtc,
        TimeSpan responseWindow)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(sender);
        if (organizationId <= 0)
        {
            throw new DomainException(DomainErrors.OrganizationRequired);
        }

        if (responseWindow <= TimeSpan.Zero)
        {
            throw new DomainException(DomainErrors.ResponseWindowNotPositive);
        }

        var senderFits = type == LeadType.CustomerInquiry
            ? sender.Kind == SenderKind.Customer
            : sender.Kind != SenderKind.Customer;
        if (!senderFits)
        {
            throw new DomainException(type == LeadType.CustomerInquiry ? DomainErrors.InquiryNotFromCustomer : DomainErrors.QualifiedFromCustomer);
        }

        var receivedUtc = AsUtc(receivedAtUtc);
        var lead = new Lead
        {
            OrganizationId = organizationId,
            Type = type,
            Stage = LeadStage.Received,
            Customer = customer,
            Need = CustomerProfile.Required(need, nameof(Need)),
            Sender = sender,
            ContactRequested = contactRequested,
            ReceivedAtUtc = receivedUtc,
            ResponseDeadlineUtc = receivedUtc + responseWindow,
        };
        lead.Record(receivedUtc, sender.Name, LeadAction.Receive, null,
            contactRequested ? [new LeadChange(LeadChangeField.ContactRequested, null, "true")] : []);
        lead._events.Add(new LeadReceived(lead));
        return lead;
    }

    public bool IsArchived => Stage == LeadStage.Archived;

    public bool IsPastDeadline(DateTime nowUtc) => AsUtc(nowUtc) >= ResponseDeadlineUtc;

    public TimeSpan TimeLeftToRespond(DateTime nowUtc) =>
        Stage == LeadStage.Received && ResponseDeadlineUtc > AsUtc(nowUtc) ? ResponseDeadlineUtc - AsUtc(nowUtc) : TimeSpan.Zero;

    /// <summary>The flame (see <see cref="LeadRules.UrgentContact{T}"/>).</summary>
    public bool IsUrgent(DateTime nowUtc, TimeSpan urgentWindow) => LeadRules.IsUrgentContact(this, AsUtc(nowUtc), urgentWindow);

    public void Accept(DealDetails deal, IEnumerable<TeamMember> additionalContacts, string actor, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(deal);
        ArgumentNullException.ThrowIfNull(additionalContacts);
        EnsureStage(LeadAction.Accept, LeadStage.Received);
        actor = RequireActor(actor);
        var today = DateOnly.FromDateTime(AsUtc(nowUtc));
        EnsurePurchaseDateNotPast(deal.EstimatedPurchaseDate, today);
        var contacts = additionalContacts.ToList();
        if (contacts.Any(c => c is null))
        {
            throw new ArgumentException("A contact is missing.", nameof(additionalContacts));
        }

        if (contacts.GroupBy(c => c.Email, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw new DomainException(DomainErrors.ContactListedTwice, "Contacts", repeated.Key);
        }

        var from = Stage;
        Deal = deal;
        _teamMembers.AddRange(contacts);
        Stage = LeadStage.Accepted;
        Answer(nowUtc);
        Record(nowUtc, actor, LeadAction.Accept, from,
        [
            new LeadChange(LeadChangeField.DealName, null, deal.Name),
            new LeadChange(LeadChangeField.EstimatedValue, null, LeadChange.Of(deal.EstimatedValue)),
            new LeadChange(LeadChangeField.PurchaseDate, null, LeadChange.Of(deal.EstimatedPurchaseDate)),
            .. contacts.Select(c => new LeadChange(LeadChangeField.TeamMember, null, LeadChange.Person(c.Name, c.Email))),
        ]);
        _events.Add(new LeadAccepted(this));
    }

    public void Decline(DeclineReason reason, string? notes, string actor, DateTime nowUtc)
    {
        EnsureStage(LeadAction.Decline, LeadStage.Received);
        actor = RequireActor(actor);
        if (!Enum.IsDefined(reason))
        {
            throw new DomainException(DomainErrors.DeclineReasonUnknown, nameof(DeclineReason));
        }

        var trimmedNotes = CustomerProfile.Optional(notes);
        if (reason == Leads.DeclineReason.Other && trimmedNotes is null)
        {
            throw new DomainException(DomainErrors.DeclineOtherNeedsNotes, nameof(DeclineNotes));
        }

        var from = Stage;
        DeclineReason = reason;
        DeclineNotes = trimmedNotes;
        Answer(nowUtc);
        Archive(LeadOutcome.Declined, nowUtc);
        Record(nowUtc, actor, LeadAction.Decline, from,
            [new LeadChange(LeadChangeField.DeclineReason, null, reason.ToString()), .. NotesChange(trimmedNotes)]);
        _events.Add(new LeadDeclined(this));
    }

    public void Expire(DateTime nowUtc)
    {
        EnsureStage(LeadAction.Expire, LeadStage.Received);
        if (!IsPastDeadline(nowUtc))
        {
            throw new DomainException(DomainErrors.NotYetPastDeadline, null, ResponseDeadlineUtc);
        }

        var from = Stage;
        Archive(LeadOutcome.Expired, nowUtc);
        // The action says it all (no answer within the window); the set-based expiry job writes the same entry.
        Record(nowUtc, SystemActor, LeadAction.Expire, from, []);
        _events.Add(new LeadExpired(this));
    }

    public void EditDeal(DealDetails deal, string actor, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(deal);
        EnsureStage(LeadAction.EditDeal, LeadStage.Accepted);
        actor = RequireActor(actor);
        if (deal.EstimatedPurchaseDate != Deal!.EstimatedPurchaseDate)
        {
            EnsurePurchaseDateNotPast(deal.EstimatedPurchaseDate, DateOnly.FromDateTime(AsUtc(nowUtc)));
        }

        var changes = Deal.ChangesTo(deal).ToList();
        if (changes.Count == 0)
        {
            return;
        }

        Deal = deal;
        Record(nowUtc, actor, LeadAction.EditDeal, Stage, changes);
    }

    public TeamMember AddTeamMember(TeamMember member, string actor, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(member);
        EnsureStage(LeadAction.AddTeamMember, LeadStage.Accepted);
        actor = RequireActor(actor);
        if (_teamMembers.Any(m => string.Equals(m.Email, member.Email, StringComparison.OrdinalIgnoreCase)))
        {
            throw new DomainException(DomainErrors.AlreadyOnTeam, "Email", member.Email);
        }

        _teamMembers.Add(member);
        Record(nowUtc, actor, LeadAction.AddTeamMember, Stage, [new LeadChange(LeadChangeField.TeamMember, null, LeadChange.Person(member.Name, member.Email))]);
        return member;
    }

    public void RemoveTeamMember(Guid memberId, string actor, DateTime nowUtc)
    {
        EnsureStage(LeadAction.RemoveTeamMember, LeadStage.Accepted);
        actor = RequireActor(actor);
        var member = _teamMembers.FirstOrDefault(m => m.Id == memberId)
            ?? throw new DomainException(DomainErrors.NotOnTeam);
        _teamMembers.Remove(member);
        Record(nowUtc, actor, LeadAction.RemoveTeamMember, Stage, [new LeadChange(LeadChangeField.TeamMember, LeadChange.Person(member.Name, member.Email), null)]);
    }

    /// <summary>Archives the lead as won; <paramref name="finalValue"/>, when given, replaces the estimate.</summary>
    public void MarkWon(Money? finalValue, string? notes, string actor, DateTime nowUtc)
    {
        EnsureStage(LeadAction.MarkWon, LeadStage.Accepted);
        actor = RequireActor(actor);
        List<LeadChange> changes = [];
        if (finalValue is not null)
        {
            if (!finalValue.IsPositive)
            {
                throw new DomainException(DomainErrors.FinalValueNotPositive, "FinalValue");
            }

            if (!finalValue.Equals(Deal!.EstimatedValue))
            {
                changes.Add(new LeadChange(LeadChangeField.FinalValue, LeadChange.Of(Deal.EstimatedValue), LeadChange.Of(finalValue)));
            }

            Deal = Deal.WithValue(finalValue);
        }

        Close(LeadAction.MarkWon, LeadOutcome.Won, notes, changes, actor, nowUtc);
        _events.Add(new LeadWon(this));
    }

    public void MarkLost(string? notes, string actor, DateTime nowUtc)
    {
        EnsureStage(LeadAction.MarkLost, LeadStage.Accepted);
        actor = RequireActor(actor);
        Close(LeadAction.MarkLost, LeadOutcome.Lost, notes, [], actor, nowUtc);
        _events.Add(new LeadLost(this));
    }

    /// <summary>Which actions the current stage allows; the UI shows exactly these.</summary>
    public static bool Allows(LeadStage stage, LeadAction action) => action switch
    {
        LeadAction.Accept or LeadAction.Decline or LeadAction.Expire => stage == LeadStage.Received,
        LeadAction.EditDeal or LeadAction.AddTeamMember or LeadAction.RemoveTeamMember
            or LeadAction.MarkWon or LeadAction.MarkLost => stage == LeadStage.Accepted,
        _ => false,
    };

    /// <summary>Throws the same <see cref="LeadTransitionException"/> the action itself would when the stage does not allow it.</summary>
    public void EnsureAllows(LeadAction action)
    {
        if (!Allows(Stage, action))
        {
            EnsureStage(action, Allows(LeadStage.Received, action) ? LeadStage.Received : LeadStage.Accepted);
        }
    }

    private void Close(LeadAction action, LeadOutcome outcome, string? notes, List<LeadChange> changes, string actor, DateTime nowUtc)
    {
        var from = Stage;
        ClosingNotes = CustomerProfile.Optional(notes);
        Archive(outcome, nowUtc);
        Record(nowUtc, actor, action, from, [.. changes, .. NotesChange(ClosingNotes)]);
    }

    private static IEnumerable<LeadChange> NotesChange(string? notes) =>
        notes is null ? [] : [new LeadChange(LeadChangeField.Notes, null, notes)];

    private void Answer(DateTime nowUtc)
    {
        AnsweredAtUtc = AsUtc(nowUtc);
        ResponseTimeSeconds = (long)Math.Max(0, (AnsweredAtUtc.Value - ReceivedAtUtc).TotalSeconds);
    }

    private void Archive(LeadOutcome outcome, DateTime nowUtc)
    {
        Stage = LeadStage.Archived;
        Outcome = outcome;
        ArchivedAtUtc = AsUtc(nowUtc);
    }

    private void EnsureStage(LeadAction action, LeadStage required)
    {
        if (Stage == required)
        {
            return;
        }

        throw Stage == LeadStage.Archived
            ? new LeadTransitionException(action, Stage, DomainErrors.Archived, Outcome!.Value)
            : new LeadTransitionException(action, Stage, DomainErrors.StageDoesNotAllow, action, Stage, required);
    }

    /// <summary>Checked before anything changes, so a missing actor leaves the lead as it was.</summary>
    private static string RequireActor(string actor) => CustomerProfile.Required(actor, "Actor");

    private static void EnsurePurchaseDateNotPast(DateOnly purchaseDate, DateOnly today)
    {
        if (purchaseDate < today)
        {
            throw new DomainException(DomainErrors.PurchaseDateInPast, "EstimatedPurchaseDate");
        }
    }

    private void Record(DateTime nowUtc, string actor, LeadAction action, LeadStage? from, IReadOnlyList<LeadChange> changes)
    {
        var at = AsUtc(nowUtc);
        _history.Add(new LeadHistoryEntry(_history.Count + 1, at, actor, action, from, Stage, changes));
        UpdatedAtUtc = at;
        Version = Guid.NewGuid();
    }

    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
