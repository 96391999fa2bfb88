using FluentValidation;
using LeadPortal.Core;
using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LeadPortal.Web.Features.Leads;

[Authorize(Policy = Policies.WorksLeads)]
[Route("leads")]
public sealed class LeadsController(
    LeadPortalDbContext db, LeadList list, LeadActions actions, TimeProvider clock, LeadTimingOptions timing, IStringLocalizer<SharedResource> l) : Controller
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    [HttpGet("marketplace")]
    public Task<IActionResult> Marketplace(LeadListQuery query, CancellationToken cancellationToken) =>
        List(LeadTab.Marketplace, query, cancellationToken);

    [HttpGet("qualified")]
    public Task<IActionResult> Qualified(LeadListQuery query, CancellationToken cancellationToken) =>
        List(LeadTab.Qualified, query, cancellationToken);

    [HttpGet("favorites")]
    public Task<IActionResult> Favorites(LeadListQuery query, CancellationToken cancellationToken) =>
        List(LeadTab.Favorites, query, cancellationToken);

    /// <summary>
    /// The list as a CSV download: the same tab, filters and sort as <c>/leads/{tab}?...</c>, every page of it
    /// (the paging cursors are ignored). Streamed, so a long list is never built in memory.
    /// </summary>
    [HttpGet("{tab}/export.csv")]
    public IActionResult Export(string tab, LeadListQuery query, [FromServices] LeadExport export) =>
        LeadExport.TryParseTab(tab, out var leadTab)
            ? export.Result(User.OrganizationId(), User.UserId(), leadTab, query)
            : NotFound();

    [HttpGet("{id:long}")]
    public async Task<IActionResult> Details(long id, CancellationToken cancellationToken)
    {
        var lead = await db.Leads.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, cancellationToken);
        return lead is null ? NotFound() : View(await PageFor(lead, cancellationToken));
    }

    [HttpPost("{id:long}/accept")]
    public Task<IActionResult> Accept(long id, [Bind(Prefix = "Accept")] AcceptForm form, [FromServices] IValidator<AcceptForm> validator) =>
        Act(id, form.Version, "Accept", () => validator.ValidateIntoAsync(form, ModelState, "Accept"),
            page => page.Accept = LeadDetailsPage.WithContactSlots(form),
            request => actions.AcceptAsync(request, form.ToDeal, () => [.. form.FilledContacts.Select(c => c.ToMember())]),
            "Lead accepted: it is now in the Accepted stage.");

    [HttpPost("{id:long}/decline")]
    public Task<IActionResult> Decline(long id, [Bind(Prefix = "Decline")] DeclineForm form, [FromServices] IValidator<DeclineForm> validator) =>
        Act(id, form.Version, "Decline", () => validator.ValidateIntoAsync(form, ModelState, "Decline"),
            page => page.Decline = form,
            request => actions.DeclineAsync(request, () => form.Reason!.Value, form.Notes),
            "Lead declined and archived. The customer will be told to choose another partner.");

    [HttpPost("{id:long}/edit")]
    public Task<IActionResult> Edit(long id, [Bind(Prefix = "Edit")] EditDealForm form, [FromServices] IValidator<EditDealForm> validator) =>
        Act(id, form.Version, "Edit", () => validator.ValidateIntoAsync(form, ModelState, "Edit"),
            page => page.Edit = form,
            request => actions.EditDealAsync(request, form.ToDeal),
            "Deal saved.");

    [HttpPost("{id:long}/team")]
    public Task<IActionResult> Team(long id, [Bind(Prefix = "Team")] TeamMemberForm form, [FromServices] IValidator<TeamMemberForm> validator) =>
        Act(id, form.Version, "Team", () => validator.ValidateIntoAsync(form, ModelState, "Team"),
            page => page.Team = form,
            request => actions.AddTeamMemberAsync(request, form.ToMember),
            "Team member added.");

    [HttpPost("{id:long}/team/remove")]
    public Task<IActionResult> RemoveTeamMember(long id, RemoveTeamMemberForm form) =>
        Act(id, form.Version, "Team", () => Task.FromResult(true),
            _ => { },
            request => actions.RemoveTeamMemberAsync(request, form.MemberId),
            "Team member removed.");

    [HttpPost("{id:long}/won")]
    public Task<IActionResult> Won(long id, [Bind(Prefix = "Won")] WonForm form, [FromServices] IValidator<WonForm> validator) =>
        Act(id, form.Version, "Won", () => validator.ValidateIntoAsync(form, ModelState, "Won"),
            page => page.Won = form,
            request => actions.MarkWonAsync(request, form.FinalValue, form.Notes),
            "Deal marked as won and archived. Congratulations!");

    [HttpPost("{id:long}/lost")]
    public Task<IActionResult> Lost(long id, [Bind(Prefix = "Lost")] LostForm form, [FromServices] IValidator<LostForm> validator) =>
        Act(id, form.Version, "Lost", () => validator.ValidateIntoAsync(form, ModelState, "Lost"),
            page => page.Lost = form,
            request => actions.MarkLostAsync(request, form.Notes),
            "Deal marked as lost and archived.");

    /// <summary>Toggles the signed-in user's heart on a lead. Answers JSON to script, and redirects back otherwise.</summary>
    [HttpPost("{id:long}/favorite")]
    public async Task<IActionResult> Favorite(long id, string? returnUrl, CancellationToken cancellationToken)
    {
        var lead = await db.Leads.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (lead is null)
        {
            return NotFound();
        }

        var userId = User.UserId();
        var existing = await db.FavoriteLeads.SingleOrDefaultAsync(f => f.UserId == userId && f.LeadId == id, cancellationToken);
        if (existing is null)
        {
            db.FavoriteLeads.Add(FavoriteLead.For(userId, lead, Now));
        }
        else
        {
            db.FavoriteLeads.Remove(existing);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A double click raced itself: the other request already made the same change.
        }

        var isFavorite = existing is null;
        if (Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true))
        {
            return Json(new { id, favorite = isFavorite });
        }

        return !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : RedirectToAction(nameof(Details), new { id });
    }

    private async Task<IActionResult> List(LeadTab tab, LeadListQuery query, CancellationToken cancellationToken)
    {
        var page = await list.LoadAsync(User.OrganizationId(), User.UserId(), tab, query, cancellationToken);
        return View("List", page with { NowUtc = Now });
    }

    /// <summary>
    /// A lead action from its form (see <see cref="LeadActions"/>, which does it): its answer as a page. Done redirects
    /// (post-redirect-get); a stale page is a 409 showing the lead as it is now, with the input kept; a refusal by the
    /// stage goes back to the lead with a message; invalid input shows the form again with each error at its field.
    /// </summary>
    private async Task<IActionResult> Act(long id, Guid loadedVersion, string formName, Func<Task<bool>> validation,
        Action<LeadDetailsPage> keepInput, Func<LeadActionRequest, Task<LeadActionResult>> action, string success)
    {
        var result = await action(new LeadActionRequest(id, loadedVersion, User.DisplayName(), validation, HttpContext.RequestAborted));
        switch (result)
        {
            case LeadActionResult.Done:
                TempData["Flash"] = success;
                return RedirectToAction(nameof(Details), new { id });
            case LeadActionResult.Conflict:
                return await Conflict(id, formName, keepInput);
            case LeadActionResult.Refused refused:
                TempData["FlashError"] = l.Text(refused.Error);
                return RedirectToAction(nameof(Details), new { id });
            case LeadActionResult.Invalid invalid:
                if (invalid.Error is { } error)
                {
                    ModelState.AddDomainError(FormField(formName, error.Field), l.Text(error), formName);
                }

                return await Redisplay(invalid.Lead, formName, keepInput, StatusCodes.Status422UnprocessableEntity);
            default:
                return NotFound();
        }
    }

    private async Task<IActionResult> Conflict(long id, string formName, Action<LeadDetailsPage> keepInput)
    {
        db.ChangeTracker.Clear();
        var current = await db.Leads.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, HttpContext.RequestAborted);
        if (current is null)
        {
            return NotFound();
        }

        var page = await PageFor(current, HttpContext.RequestAborted);
        keepInput(page);
        page.RefreshVersions();
        page.Conflict = true;
        page.OpenForm = current.IsArchived ? null : formName;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return View(nameof(Details), page);
    }

    private async Task<IActionResult> Redisplay(Lead lead, string formName, Action<LeadDetailsPage> keepInput, int status)
    {
        var page = await PageFor(lead, HttpContext.RequestAborted);
        keepInput(page);
        page.OpenForm = formName;
        Response.StatusCode = status;
        return View(nameof(Details), page);
    }

    private async Task<LeadDetailsPage> PageFor(Lead lead, CancellationToken cancellationToken)
    {
        var userId = User.UserId();
        var isFavorite = await db.FavoriteLeads.AnyAsync(f => f.UserId == userId && f.LeadId == lead.Id, cancellationToken);
        return new LeadDetailsPage(lead, Now, timing, isFavorite);
    }

    /// <summary>The domain names its fields after the aggregate; the decline form calls its notes "Notes".</summary>
    private static string? FormField(string formName, string? domainField) =>
        (formName, domainField) switch
        {
            ("Decline", "DeclineNotes") => "Notes",
            ("Won", "EstimatedValue" or "Amount" or "Currency") => "FinalValue",
            (_, "Amount") => "EstimatedValue",
            (_, "Contacts") => string.Empty,
            _ => domainField,
        };
}
