using LeadPortal.Core.Leads;

namespace LeadPortal.Core.Tests.Builders;

/// <summary>
/// Builds a <see cref="Lead"/> in a chosen stage by calling the real domain methods in order
/// (<see cref="Lead.Receive"/>, then Accept/Decline/Expire, then MarkWon/MarkLost), so every lead it
/// returns is one the application itself could have produced.
/// </summary>
/// <example>
/// <code>new LeadBuilder().OfType(LeadType.SalesQualified).AskedForContact().ReceivedAt(t0).Accepted().Build()</code>
/// </example>
public sealed class LeadBuilder
{
    /// <summary>How long after receipt the lead is accepted or declined.</summary>
    public static readonly TimeSpan AnswerDelay = TimeSpan.FromHours(1);

    /// <summary>How long after receipt an accepted lead is marked won or lost.</summary>
    public static readonly TimeSpan CloseDelay = TimeSpan.FromHours(2);

    private readonly List<TeamMember> _contacts = [];

    private int _organizationId = 1;
    private LeadType _type = LeadType.CustomerInquiry;
    private SenderKind? _senderKind;
    private CustomerProfile? _customer;
    private string _need = "Needs a quote for retrofitting three packaging lines.";
    private bool _contactRequested;
    private DateTime _receivedAt = TestData.ReceivedAt;
    private TimeSpan _responseWindow = TestData.FourteenDays;
    private string _actor = TestData.PartnerUser;
    private Fate _fate = Fate.Received;
    private DealDetails? _deal;
    private DeclineReason _declineReason = DeclineReason.NotAFit;
    private string? _declineNotes;
    private Money? _finalValue;
    private string? _closingNotes;

    private enum Fate
    {
        Received,
        Accepted,
        Declined,
        Expired,
        Won,
        Lost,
    }

    public LeadBuilder ForOrganization(int organizationId)
    {
        _organizationId = organizationId;
        return this;
    }

    /// <summary>Sets the lead type; unless <see cref="SentBy"/> is used, the sender is one that fits the type.</summary>
    public LeadBuilder OfType(LeadType type)
    {
        _type = type;
        return this;
    }

    public LeadBuilder SentBy(SenderKind kind)
    {
        _senderKind = kind;
        return this;
    }

    public LeadBuilder For(CustomerProfile customer)
    {
        _customer = customer;
        return this;
    }

    public LeadBuilder Needing(string need)
    {
        _need = need;
        return this;
    }

    public LeadBuilder AskedForContact(bool asked = true)
    {
        _contactRequested = asked;
        return this;
    }

    public LeadBuilder ReceivedAt(DateTime receivedAtUtc)
    {
        _receivedAt = receivedAtUtc;
        return this;
    }

    public LeadBuilder WithResponseWindow(TimeSpan responseWindow)
    {
        _responseWindow = responseWindow;
        return this;
    }

    /// <summary>The partner user who answers and closes the lead.</summary>
    public LeadBuilder ActingAs(string actor)
    {
        _actor = actor;
        return this;
    }

    /// <summary>A contact named when the lead is accepted (ignored if the lead is never accepted).</summary>
    public LeadBuilder WithTeamMember(TeamMember member)
    {
        _contacts.Add(member);
        return this;
    }

    /// <summary>The deal recorded on acceptance (default <see cref="TestData.Deal"/>).</summary>
    public LeadBuilder WithDeal(DealDetails deal)
    {
        _deal = deal;
        return this;
    }

    /// <summary>Accepted <see cref="AnswerDelay"/> after receipt.</summary>
    public LeadBuilder Accepted()
    {
        _fate = Fate.Accepted;
        return this;
    }

    /// <summary>Declined <see cref="AnswerDelay"/> after receipt.</summary>
    public LeadBuilder Declined(DeclineReason reason = DeclineReason.NotAFit, string? notes = null)
    {
        _fate = Fate.Declined;
        _declineReason = reason;
        _declineNotes = notes;
        return this;
    }

    /// <summary>Expired by the system exactly at the response deadline.</summary>
    public LeadBuilder Expired()
    {
        _fate = Fate.Expired;
        return this;
    }

    /// <summary>Accepted, then marked won <see cref="CloseDelay"/> after receipt.</summary>
    public LeadBuilder Won(Money? finalValue = null, string? notes = null)
    {
        _fate = Fate.Won;
        _finalValue = finalValue;
        _closingNotes = notes;
        return this;
    }

    /// <summary>Accepted, then marked lost <see cref="CloseDelay"/> after receipt.</summary>
    public LeadBuilder Lost(string? notes = null)
    {
        _fate = Fate.Lost;
        _closingNotes = notes;
        return this;
    }

    /// <summary>
    /// Picks the path to a stage (and, for archived leads, an outcome). Throws for a combination it does
    /// not know, so a stage or outcome added to the domain fails the tests until the builder learns it.
    /// </summary>
    public LeadBuilder InState(LeadStage stage, LeadOutcome? outcome) => (stage, outcome) switch
    {
        (LeadStage.Received, null) => this,
        (LeadStage.Accepted, null) => Accepted(),
        (LeadStage.Archived, LeadOutcome.Won) => Won(),
        (LeadStage.Archived, LeadOutcome.Lost) => Lost(),
        (LeadStage.Archived, LeadOutcome.Declined) => Declined(),
        (LeadStage.Archived, LeadOutcome.Expired) => Expired(),
        _ => throw new NotSupportedException($"LeadBuilder cannot reach stage {stage} with outcome {outcome?.ToString() ?? "(none)"}."),
    };

    public Lead Build()
    {
        var sender = TestData.Sender(_senderKind ?? TestData.UsualSenderOf(_type));
        var lead = Lead.Receive(
            _organizationId,
            _type,
            _customer ?? TestData.Customer(),
            _need,
            sender,
            _contactRequested,
            _receivedAt,
            _responseWindow);

        var answeredAt = _receivedAt + AnswerDelay;
        var closedAt = _receivedAt + CloseDelay;
        switch (_fate)
        {
            case Fate.Received:
                break;
            case Fate.Accepted:
                Accept(lead, answeredAt);
                break;
            case Fate.Declined:
                lead.Decline(_declineReason, _declineNotes, _actor, answeredAt);
                break;
            case Fate.Expired:
                lead.Expire(lead.ResponseDeadlineUtc);
                break;
            case Fate.Won:
                Accept(lead, answeredAt);
                lead.MarkWon(_finalValue, _closingNotes, _actor, closedAt);
                break;
            case Fate.Lost:
                Accept(lead, answeredAt);
                lead.MarkLost(_closingNotes, _actor, closedAt);
                break;
            default:
                throw new NotSupportedException($"Unknown fate {_fate}.");
        }

        return lead;
    }

    private void Accept(Lead lead, DateTime answeredAt) =>
        lead.Accept(_deal ?? TestData.Deal(), _contacts, _actor, answeredAt);
}
