using System.Globalization;
using FluentValidation;
using LeadPortal.Core;
using LeadPortal.Infrastructure.Identity;
using LeadPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LeadPortal.Web.Features.Team;

/// <summary>PartnerAdmins invite colleagues, change their roles and deactivate them; every change is in the audit list.</summary>
[Authorize(Roles = Roles.PartnerAdmin)]
[Route("settings/team")]
public sealed class TeamController(
    TeamManagement team, IValidator<InviteForm> inviteValidator, IValidator<RoleForm> roleValidator, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await team.PageAsync(User.OrganizationId(), User.UserId(), new InviteForm(), cancellationToken));

    [HttpPost("invitations")]
    public async Task<IActionResult> Invite(InviteForm form, CancellationToken cancellationToken)
    {
        if (await inviteValidator.ValidateIntoAsync(form, ModelState)
            && await team.InviteRefusalAsync(User.OrganizationId(), form.Email!, cancellationToken) is { } refusal)
        {
            ModelState.AddModelError(nameof(InviteForm.Email), refusal);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View(nameof(Index), await team.PageAsync(User.OrganizationId(), User.UserId(), form, cancellationToken));
        }

        await team.InviteAsync(User.OrganizationId(), User.DisplayName(), form.Email!, TeamRoles.Parse(form.Role!), Culture, cancellationToken);
        return Done(l["An invitation is on its way to {0}. Its link works for 7 days.", form.Email!.Trim()]);
    }

    [HttpPost("invitations/{id:long}/resend")]
    public Task<IActionResult> Resend(long id, CancellationToken cancellationToken) =>
        ChangeAsync(() => team.ResendAsync(User.OrganizationId(), User.DisplayName(), id, Culture, cancellationToken), l["The invitation was sent again, with a new link."]);

    [HttpPost("invitations/{id:long}/revoke")]
    public Task<IActionResult> Revoke(long id, CancellationToken cancellationToken) =>
        ChangeAsync(() => team.RevokeAsync(User.OrganizationId(), User.DisplayName(), id, cancellationToken), l["The invitation is revoked: its link no longer works."]);

    [HttpPost("members/{userId}/role")]
    public async Task<IActionResult> ChangeRole(string userId, RoleForm form, CancellationToken cancellationToken)
    {
        if (!await roleValidator.ValidateIntoAsync(form, ModelState))
        {
            return Refused(l["Choose a role."]);
        }

        return await ChangeAsync(
            () => team.ChangeRoleAsync(User.OrganizationId(), User.DisplayName(), userId, TeamRoles.Parse(form.Role!), cancellationToken),
            l["The role is changed. They sign in again to use it."]);
    }

    [HttpPost("members/{userId}/deactivate")]
    public Task<IActionResult> Deactivate(string userId, CancellationToken cancellationToken) =>
        ChangeAsync(() => team.DeactivateAsync(User.OrganizationId(), User.DisplayName(), User.UserId(), userId, cancellationToken),
            l["The user is deactivated: they are signed out and cannot sign in."]);

    [HttpPost("members/{userId}/reactivate")]
    public Task<IActionResult> Reactivate(string userId, CancellationToken cancellationToken) =>
        ChangeAsync(() => team.ReactivateAsync(User.OrganizationId(), User.DisplayName(), userId, cancellationToken),
            l["The user is active again and can sign in."]);

    private static string Culture => CultureInfo.CurrentUICulture.Name;

    private async Task<IActionResult> ChangeAsync(Func<Task<bool>> change, LocalizedString done)
    {
        try
        {
            return await change() ? Done(done) : NotFound();
        }
        catch (DomainException e)
        {
            return Refused(l.Text(e.Error));
        }
        catch (DbUpdateConcurrencyException)
        {
            return Refused(l["Someone else changed the team at the same moment. Look at it again and retry."]);
        }
    }

    private RedirectToActionResult Done(string message)
    {
        TempData["Flash"] = message;
        return RedirectToAction(nameof(Index));
    }

    private RedirectToActionResult Refused(string message)
    {
        TempData["FlashError"] = message;
        return RedirectToAction(nameof(Index));
    }
}
