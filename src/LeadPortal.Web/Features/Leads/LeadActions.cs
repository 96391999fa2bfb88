using LeadPortal.Core;
using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Features.Leads;

/// <summary>What a lead action came to. The pages and the API each turn it into their own answer.</summary>
public abstract record LeadActionResult
{
    private LeadActionResult()
    {
    }

    /// <summary>Saved; <see cref="Lead"/> is the lead as it is now.</summary>
    public sealed record Done(Lead Lead) : LeadActionResult;

    /// <summary>No such lead in the signed-in user's organization.</summary>
    public sealed record NotFound : LeadActionResult;

    /// <summary>
    /// The lead changed since the caller read it; nothing saved. <see cref="Current"/> is the lead as it is for a stale
    /// version, null when another save won the race during this one.
    /// </summary>
    public sealed record Conflict(Lead? Current) : LeadActionResult;

    /// <summary>The lead's stage does not allow the action (<see cref="Error"/> says which rule, as a code); nothing saved.</summary>
    public sealed record Refused(LeadAction Action, LeadStage Stage, DomainError Error, Lead Lead) : LeadActionResult;

    /// <summary>
    /// The input broke a rule: the request's own checks (whose errors the caller holds; <see cref="Error"/> is null),
    /// or the aggregate's (its code, and the field as the domain names it, or null for the whole action).
    /// <see cref="Lead"/> is the lead unchanged.
    /// </summary>
    public sealed record Invalid(DomainError? Error, Lead Lead) : LeadActionResult;
}

/// <summary>Who acts on which lead, as of which version (null: whatever version it has), and the request's own checks.</summary>
/// <param name="ValidRequest">The request's validation, run once the lead is known to exist and to be current.</param>
public sealed record LeadActionRequest(long LeadId, Guid? Version, string Actor, Func<Task<bool>> ValidRequest, CancellationToken CancellationToken);

/// <summary>A change to a deal where null keeps the current value (the API's PATCH).</summary>
public sealed record DealChanges(
    string? Name, decimal? Value, string? Currency, DateOnly? EstimatedPurchaseDate, string? Notes, string? CrmId, string? CampaignId)
{
    /// <summary>The deal with these changes: a new currency alone re-labels the current amount.</summary>
    public DealDetails AppliedTo(DealDetails current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var currency = Currency?.Trim().ToUpperInvariant() ?? current.Currency;
        var value = Value is { } amount ? Money.FromAmount(amount, currency)
            : currency == current.Currency ? current.EstimatedValue : Money.FromAmount(current.EstimatedValue.Amount, currency);
        return new DealDetails(Name ?? current.Name, value, EstimatedPurchaseDate ?? current.EstimatedPurchaseDate,
            Notes ?? current.Notes, CrmId ?? current.CrmId, CampaignId ?? current.CampaignId);
    }
}

/// <summary>
/// The one path of every action on a lead, for the pages and the API alike: load the lead (the organization filter
/// scopes it), refuse a stale version, run the request's checks, call the aggregate, save. Whatever fails, nothing is
/// saved. One method per action; the rules of an action (the won value's currency, what a PATCH keeps) live here or
/// in the aggregate, never in a controller.
/// </summary>
public sealed class LeadActions(LeadPortalDbContext db, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<LeadActionResult> AcceptAsync(LeadActionRequest request, Func<DealDetails> deal, Func<IReadOnlyList<TeamMember>> team) =>
        RunAsync(request, lead => lead.Accept(deal(), team(), request.Actor, Now));

    public Task<LeadActionResult> DeclineAsync(LeadActionRequest request, Func<DeclineReason> reason, string? notes) =>
        RunAsync(request, lead => lead.Decline(reason(), notes, request.Actor, Now));

    public Task<LeadActionResult> EditDealAsync(LeadActionRequest request, Func<DealDetails> deal) =>
        RunAsync(request, lead => lead.EditDeal(deal(), request.Actor, Now));

    /// <summary>Changes the given fields of the deal and keeps the others.</summary>
    public Task<LeadActionResult> ChangeDealAsync(LeadActionRequest request, DealChanges changes) =>
        RunAsync(request, lead =>
        {
            lead.EnsureAllows(LeadAction.EditDeal);
            lead.EditDeal(changes.AppliedTo(lead.Deal!), request.Actor, Now);
        });

    public Task<LeadActionResult> AddTeamMemberAsync(LeadActionRequest request, Func<TeamMember> member) =>
        RunAsync(request, lead => lead.AddTeamMember(member(), request.Actor, Now));

    public Task<LeadActionResult> RemoveTeamMemberAsync(LeadActionRequest request, Guid memberId) =>
        RunAsync(request, lead => lead.RemoveTeamMember(memberId, request.Actor, Now));

    /// <summary>The final value, when given, is in the deal's currency. A lead without a deal is not Accepted, so MarkWon refuses it by its stage.</summary>
    public Task<LeadActionResult> MarkWonAsync(LeadActionRequest request, decimal? finalValue, string? notes) =>
        RunAsync(request, lead => lead.MarkWon(
            finalValue is { } value && lead.Deal is { } deal ? Money.FromAmount(value, deal.Currency) : null, notes, request.Actor, Now));

    public Task<LeadActionResult> MarkLostAsync(LeadActionRequest request, string? notes) =>
        RunAsync(request, lead => lead.MarkLost(notes, request.Actor, Now));

    private async Task<LeadActionResult> RunAsync(LeadActionRequest request, Action<Lead> action)
    {
        var cancellationToken = request.CancellationToken;
        var lead = await db.Leads.SingleOrDefaultAsync(l => l.Id == request.LeadId, cancellationToken);
        if (lead is null)
        {
            return new LeadActionResult.NotFound();
        }

        // A stale page or ETag is refused before its input is judged: the user first needs to see the lead as it is.
        if (request.Version is { } version && lead.Version != version)
        {
            return new LeadActionResult.Conflict(lead);
        }

        if (!await request.ValidRequest())
        {
            return new LeadActionResult.Invalid(null, lead);
        }

        try
        {
            action(lead);
        }
        catch (LeadTransitionException refused)
        {
            return new LeadActionResult.Refused(refused.Action, refused.Stage, refused.Error, await UnchangedAsync(request.LeadId, cancellationToken));
        }
        catch (DomainException broken)
        {
            return new LeadActionResult.Invalid(broken.Error, await UnchangedAsync(request.LeadId, cancellationToken));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new LeadActionResult.Conflict(null);
        }

        return new LeadActionResult.Done(lead);
    }

    /// <summary>Forgets what the failed action did to the tracked lead and reads it as stored.</summary>
    private async Task<Lead> UnchangedAsync(long id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await db.Leads.AsNoTracking().SingleAsync(l => l.Id == id, cancellationToken);
    }
}
