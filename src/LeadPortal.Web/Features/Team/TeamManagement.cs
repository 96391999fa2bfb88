using LeadPortal.Core;
using LeadPortal.Core.Organizations;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Infrastructure.Identity;
using LeadPortal.Infrastructure.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Features.Team;

public sealed record MemberRow(string UserId, string Email, string DisplayName, TeamRole Role, DateTime? DeactivatedAtUtc);

public sealed record InvitationRow(long Id, string Email, TeamRole Role, string InvitedBy, DateTime SentAtUtc, DateTime ExpiresAtUtc, InvitationStatus Status);

public sealed record AuditRow(DateTime AtUtc, string Actor, TeamChange Change, string SubjectEmail, TeamRole? FromRole, TeamRole? ToRole);

public sealed record TeamPage(
    IReadOnlyList<MemberRow> Members, IReadOnlyList<InvitationRow> Invitations, IReadOnlyList<AuditRow> Audit, InviteForm Invite, string CurrentUserId);

/// <summary>Who is on an organization's team, and each change to it: checked by <see cref="Core.Organizations.Team"/>, saved with its audit entry in one transaction.</summary>
public sealed class TeamManagement(LeadPortalDbContext db, UserManager<ApplicationUser> users, TimeProvider clock)
{
    public const int AuditShown = 50;

    public async Task<TeamPage> PageAsync(int organizationId, string currentUserId, InviteForm invite, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var members = await MembersAsync(organizationId, cancellationToken);
        var invitations = await db.TeamInvitations.AsNoTracking()
            .Where(i => i.OrganizationId == organizationId && i.AcceptedAtUtc == null && i.RevokedAtUtc == null)
            .OrderByDescending(i => i.CreatedAtUtc)
            .ToListAsync(cancellationToken);
        var audit = await db.TeamAuditEntries.AsNoTracking()
            .Where(e => e.OrganizationId == organizationId)
            .OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id)
            .Take(AuditShown)
            .Select(e => new AuditRow(e.AtUtc, e.Actor, e.Change, e.SubjectEmail, e.FromRole, e.ToRole))
            .ToListAsync(cancellationToken);
        return new TeamPage(
            members,
            [.. invitations.Select(i => new InvitationRow(i.Id, i.Email, i.Role, i.InvitedBy, i.SentAtUtc, i.ExpiresAtUtc, i.StatusAt(now)))],
            audit,
            invite,
            currentUserId);
    }

    public async Task<List<MemberRow>> MembersAsync(int organizationId, CancellationToken cancellationToken)
    {
        var rows = await (
                from u in db.Users.AsNoTracking()
                where u.OrganizationId == organizationId
                orderby u.DisplayName, u.Email
                select new
                {
                    u.Id,
                    u.Email,
                    u.DisplayName,
                    u.DeactivatedAtUtc,
                    Role = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name).FirstOrDefault(),
                })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new MemberRow(r.Id, r.Email ?? "", r.DisplayName, r.Role == Roles.PartnerAdmin ? TeamRole.PartnerAdmin : TeamRole.ReferralsAdmin, r.DeactivatedAtUtc))];
    }

    /// <summary>Why the address cannot be invited (a message for its field), or null when it can.</summary>
    public async Task<string?> InviteRefusalAsync(int organizationId, string email, CancellationToken cancellationToken)
    {
        var normalized = users.NormalizeEmail(email.Trim());
        var user = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).Select(u => new { u.OrganizationId }).FirstOrDefaultAsync(cancellationToken);
        if (user is not null)
        {
            return user.OrganizationId == organizationId
                ? "This person is already on your team."
                : "This address already has a LeadPortal account, in another organization: each user belongs to one organization.";
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var pending = await db.TeamInvitations.AsNoTracking()
            .AnyAsync(i => i.OrganizationId == organizationId && i.Email == email.Trim() && i.AcceptedAtUtc == null && i.RevokedAtUtc == null && i.ExpiresAtUtc > now, cancellationToken);
        return pending ? "This address already has an invitation waiting: resend it from the list below." : null;
    }

    public async Task InviteAsync(int organizationId, string actor, string email, TeamRole role, string culture, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (invitation, token) = TeamInvitation.Create(organizationId, email, role, actor, now);
        db.TeamInvitations.Add(invitation);
        db.TeamAuditEntries.Add(new TeamAuditEntry(organizationId, now, actor, TeamChange.Invited, invitation.Email, toRole: role));
        QueueInvitation(organizationId, invitation.Email, token, culture, now);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> ResendAsync(int organizationId, string actor, long invitationId, string culture, CancellationToken cancellationToken)
    {
        var invitation = await db.TeamInvitations.SingleOrDefaultAsync(i => i.Id == invitationId && i.OrganizationId == organizationId, cancellationToken);
        if (invitation is null)
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var token = invitation.Resend(now);
        db.TeamAuditEntries.Add(new TeamAuditEntry(organizationId, now, actor, TeamChange.InvitationResent, invitation.Email, toRole: invitation.Role));
        QueueInvitation(organizationId, invitation.Email, token, culture, now);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<bool> RevokeAsync(int organizationId, string actor, long invitationId, CancellationToken cancellationToken)
    {
        var invitation = await db.TeamInvitations.SingleOrDefaultAsync(i => i.Id == invitationId && i.OrganizationId == organizationId, cancellationToken);
        if (invitation is null)
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        invitation.Revoke(now);
        db.TeamAuditEntries.Add(new TeamAuditEntry(organizationId, now, actor, TeamChange.InvitationRevoked, invitation.Email, toRole: invitation.Role));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Changes a member's role; their sessions end (a new security stamp), so they sign in again with it.</summary>
    public Task<bool> ChangeRoleAsync(int organizationId, string actor, string userId, TeamRole role, CancellationToken cancellationToken) =>
        ChangeMemberAsync(organizationId, userId, async (team, member, user, now) =>
        {
            team.CheckRoleChange(userId, role);
            var removed = await users.RemoveFromRoleAsync(user, member.Role.ToString());
            var added = removed.Succeeded ? await users.AddToRoleAsync(user, role.ToString()) : removed;
            Require(added);
            return new TeamAuditEntry(organizationId, now, actor, TeamChange.RoleChanged, member.Email, member.Role, role);
        }, cancellationToken);

    /// <summary>Deactivates a member: they cannot sign in, and their sessions end at their next request.</summary>
    public Task<bool> DeactivateAsync(int organizationId, string actor, string actorUserId, string userId, CancellationToken cancellationToken) =>
        ChangeMemberAsync(organizationId, userId, (team, member, user, now) =>
        {
            team.CheckDeactivation(userId, actorUserId);
            user.DeactivatedAtUtc = now;
            user.LockoutEnabled = true;
            user.LockoutEnd = DateTimeOffset.MaxValue;
            return Task.FromResult(new TeamAuditEntry(organizationId, now, actor, TeamChange.Deactivated, member.Email));
        }, cancellationToken);

    public Task<bool> ReactivateAsync(int organizationId, string actor, string userId, CancellationToken cancellationToken) =>
        ChangeMemberAsync(organizationId, userId, (team, member, user, now) =>
        {
            team.CheckReactivation(userId);
            user.DeactivatedAtUtc = null;
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            return Task.FromResult(new TeamAuditEntry(organizationId, now, actor, TeamChange.Reactivated, member.Email));
        }, cancellationToken);

    /// <summary>
    /// Loads the team, lets <paramref name="change"/> check the rule and change the user, renews the user's security
    /// stamp and the organization's team version, and saves it all with the audit entry in one transaction. False
    /// when the user is not on this organization's team.
    /// </summary>
    private async Task<bool> ChangeMemberAsync(
        int organizationId, string userId, Func<Core.Organizations.Team, MemberRow, ApplicationUser, DateTime, Task<TeamAuditEntry>> change, CancellationToken cancellationToken)
    {
        var members = await MembersAsync(organizationId, cancellationToken);
        var member = members.SingleOrDefault(m => m.UserId == userId);
        if (member is null)
        {
            return false;
        }

        var team = new Core.Organizations.Team([.. members.Select(m => new OrganizationMember(m.UserId, m.Role, m.DeactivatedAtUtc is null))]);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var organization = await db.Organizations.SingleAsync(o => o.Id == organizationId, ct);
            var user = await users.FindByIdAsync(userId) ?? throw new DomainException(DomainErrors.TeamMemberUnknown);
            var entry = await change(team, member, user, clock.GetUtcNow().UtcDateTime);
            organization.TeamChanged();
            db.TeamAuditEntries.Add(entry);
            // Saves the user, the organization's version (checked: a concurrent change fails here) and the entry.
            Require(await users.UpdateSecurityStampAsync(user));
            await transaction.CommitAsync(ct);
        }, cancellationToken);
        return true;
    }

    private void QueueInvitation(int organizationId, string email, string token, string culture, DateTime now) =>
        db.OutboxMessages.Add(new OutboxMessage
        {
            Kind = NotificationKind.TeamInvitation,
            OrganizationId = organizationId,
            Recipient = email,
            RecipientName = email,
            Link = "/invitations/" + token,
            Culture = culture,
            CreatedAtUtc = now,
            NextAttemptAtUtc = now,
        });

    private static void Require(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            // UpdateAsync reports a failed concurrency check as an error rather than throwing it.
            throw result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure))
                ? new DbUpdateConcurrencyException(result.Errors.First().Description)
                : new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
