using FluentValidation;
using LeadPortal.Core;
using LeadPortal.Core.Organizations;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Infrastructure.Identity;
using LeadPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Features.Team;

public sealed record JoinPage(string Token, string? OrganizationName, string? Email, JoinForm Form);

/// <summary>An invited person opens the e-mail's one-time link, chooses a name and a password, and is signed in to the team.</summary>
[AllowAnonymous]
[Route("invitations")]
public sealed class InvitationsController(
    LeadPortalDbContext db, OrganizationSetup setup, SignInManager<ApplicationUser> signIn, TimeProvider clock, IValidator<JoinForm> validator) : Controller
{
    [HttpGet("{token}")]
    public async Task<IActionResult> Join(string token, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        var found = await PendingAsync(token, cancellationToken);
        return found is null ? NoLongerValid(token) : View(new JoinPage(token, found.Value.OrganizationName, found.Value.Invitation.Email, new JoinForm()));
    }

    [HttpPost("{token}")]
    public async Task<IActionResult> Join(string token, JoinForm form, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        var found = await PendingAsync(token, cancellationToken);
        if (found is not { } pending)
        {
            return NoLongerValid(token);
        }

        var (invitation, organizationName) = pending;
        if (await validator.ValidateIntoAsync(form, ModelState))
        {
            var organization = await db.Organizations.SingleAsync(o => o.Id == invitation.OrganizationId, cancellationToken);
            var created = await setup.CreateUserAsync(organization, invitation.Email, form.DisplayName!.Trim(), form.Password!, invitation.Role.ToString());
            if (created.Succeeded)
            {
                var now = clock.GetUtcNow().UtcDateTime;
                invitation.Accept(now);
                db.TeamAuditEntries.Add(new TeamAuditEntry(invitation.OrganizationId, now, form.DisplayName.Trim(), TeamChange.Joined, invitation.Email, toRole: invitation.Role));
                await db.SaveChangesAsync(cancellationToken);
                await signIn.SignOutAsync();
                var user = await signIn.UserManager.FindByEmailAsync(invitation.Email);
                await signIn.SignInAsync(user!, isPersistent: false);
                return LocalRedirect("/leads/marketplace");
            }

            foreach (var error in created.Errors)
            {
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? nameof(JoinForm.Password) : string.Empty,
                    error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Choose a longer password, of at least 10 characters with a digit, a lower-case and an upper-case letter."
                    : "This address already has a LeadPortal account. Sign in with it instead.");
            }
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(new JoinPage(token, organizationName, invitation.Email, form));
    }

    private async Task<(TeamInvitation Invitation, string OrganizationName)?> PendingAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var hash = TeamInvitation.HashOf(token);
        var invitation = await db.TeamInvitations.IgnoreQueryFilters().SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (invitation is null || invitation.StatusAt(clock.GetUtcNow().UtcDateTime) != InvitationStatus.Pending)
        {
            return null;
        }

        var name = await db.Organizations.Where(o => o.Id == invitation.OrganizationId).Select(o => o.Name).SingleAsync(cancellationToken);
        return (invitation, name);
    }

    // One answer for an unknown, used, revoked or expired link: it tells nothing about other people's invitations.
    private ViewResult NoLongerValid(string token)
    {
        Response.StatusCode = StatusCodes.Status410Gone;
        return View(nameof(Join), new JoinPage(token, null, null, new JoinForm()));
    }
}
