using System.Security.Cryptography;

namespace LeadPortal.Core.Organizations;

/// <summary>The roles of an organization's users; their names are the Identity role names.</summary>
public enum TeamRole
{
    /// <summary>Works leads and manages the organization's team, profile and API keys.</summary>
    PartnerAdmin,

    /// <summary>Works leads.</summary>
    ReferralsAdmin,
}

/// <summary>A member of an organization's team as the team rules see them.</summary>
public sealed record OrganizationMember(string UserId, TeamRole Role, bool IsActive);

/// <summary>
/// The rules of an organization's team: an organization always keeps at least one active PartnerAdmin, and nobody
/// deactivates themselves. Each check throws <see cref="DomainException"/> before anything changes.
/// </summary>
public sealed class Team(IReadOnlyCollection<OrganizationMember> members)
{
    public void CheckRoleChange(string userId, TeamRole role)
    {
        var member = Find(userId);
        if (member.Role == role)
        {
            throw new DomainException(DomainErrors.TeamRoleUnchanged, "Role");
        }

        if (member is { Role: TeamRole.PartnerAdmin, IsActive: true } && ActiveAdminsOtherThan(userId) == 0)
        {
            throw new DomainException(DomainErrors.TeamNeedsAnAdmin, "Role");
        }
    }

    public void CheckDeactivation(string userId, string actorUserId)
    {
        var member = Find(userId);
        if (userId == actorUserId)
        {
            throw new DomainException(DomainErrors.TeamCannotDeactivateSelf);
        }

        if (!member.IsActive)
        {
            throw new DomainException(DomainErrors.TeamAlreadyDeactivated);
        }

        if (member.Role == TeamRole.PartnerAdmin && ActiveAdminsOtherThan(userId) == 0)
        {
            throw new DomainException(DomainErrors.TeamNeedsAnAdmin);
        }
    }

    public void CheckReactivation(string userId)
    {
        if (Find(userId).IsActive)
        {
            throw new DomainException(DomainErrors.TeamAlreadyActive);
        }
    }

    private OrganizationMember Find(string userId) =>
        members.SingleOrDefault(m => m.UserId == userId) ?? throw new DomainException(DomainErrors.TeamMemberUnknown);

    private int ActiveAdminsOtherThan(string userId) =>
        members.Count(m => m.UserId != userId && m.IsActive && m.Role == TeamRole.PartnerAdmin);
}

public enum InvitationStatus
{
    Pending,
    Accepted,
    Revoked,
    Expired,
}

/// <summary>
/// An invitation to join an organization's team with a role, sent by e-mail as a one-time link valid for
/// <see cref="Lifetime"/>. Only the SHA-256 digest of the link's token is kept; resending makes a new token, so the
/// link of an earlier e-mail stops working.
/// </summary>
public sealed class TeamInvitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private TeamInvitation()
    {
    }

    public long Id { get; private set; }
    public int OrganizationId { get; private set; }
    public string Email { get; private set; } = string.Empty;
    public TeamRole Role { get; private set; }
    public string TokenHash { get; private set; } = string.Empty;
    public string InvitedBy { get; private set; } = string.Empty;
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime SentAtUtc { get; private set; }
    public DateTime ExpiresAtUtc { get; private set; }
    public DateTime? AcceptedAtUtc { get; private set; }
    public DateTime? RevokedAtUtc { get; private set; }

    /// <summary>A new invitation and the token of its link (shown in the e-mail only).</summary>
    public static (TeamInvitation Invitation, string Token) Create(int organizationId, string email, TeamRole role, string invitedBy, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            throw new DomainException(DomainErrors.Required, nameof(Email), nameof(Email));
        }

        var invitation = new TeamInvitation
        {
            OrganizationId = organizationId,
            Email = email.Trim(),
            Role = role,
            InvitedBy = invitedBy,
            CreatedAtUtc = nowUtc,
        };
        return (invitation, invitation.NewToken(nowUtc));
    }

    public InvitationStatus StatusAt(DateTime nowUtc) =>
        AcceptedAtUtc is not null ? InvitationStatus.Accepted
        : RevokedAtUtc is not null ? InvitationStatus.Revoked
        : nowUtc >= ExpiresAtUtc ? InvitationStatus.Expired
        : InvitationStatus.Pending;

    /// <summary>A new link for the same invitation, valid for a full <see cref="Lifetime"/> again; the old link stops working.</summary>
    public string Resend(DateTime nowUtc)
    {
        if (StatusAt(nowUtc) is InvitationStatus.Accepted or InvitationStatus.Revoked)
        {
            throw new DomainException(DomainErrors.InvitationNotPending);
        }

        return NewToken(nowUtc);
    }

    public void Revoke(DateTime nowUtc)
    {
        if (StatusAt(nowUtc) is InvitationStatus.Accepted or InvitationStatus.Revoked)
        {
            throw new DomainException(DomainErrors.InvitationNotPending);
        }

        RevokedAtUtc = nowUtc;
    }

    public void Accept(DateTime nowUtc)
    {
        if (StatusAt(nowUtc) != InvitationStatus.Pending)
        {
            throw new DomainException(DomainErrors.InvitationNotPending);
        }

        AcceptedAtUtc = nowUtc;
    }

    public static string HashOf(string token) =>
        Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token ?? string.Empty)));

    private string NewToken(DateTime nowUtc)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        TokenHash = HashOf(token);
        SentAtUtc = nowUtc;
        ExpiresAtUtc = nowUtc + Lifetime;
        return token;
    }
}

public enum TeamChange
{
    Invited,
    InvitationResent,
    InvitationRevoked,
    Joined,
    RoleChanged,
    Deactivated,
    Reactivated,
}

/// <summary>One change to an organization's team, kept for its audit list: who did what to whom, and when.</summary>
public sealed class TeamAuditEntry
{
    private TeamAuditEntry()
    {
    }

    public TeamAuditEntry(int organizationId, DateTime atUtc, string actor, TeamChange change, string subjectEmail, TeamRole? fromRole = null, TeamRole? toRole = null)
    {
        OrganizationId = organizationId;
        AtUtc = atUtc;
        Actor = actor;
        Change = change;
        SubjectEmail = subjectEmail;
        FromRole = fromRole;
        ToRole = toRole;
    }

    public long Id { get; private set; }
    public int OrganizationId { get; private set; }
    public DateTime AtUtc { get; private set; }

    /// <summary>The name of the user who made the change (for <see cref="TeamChange.Joined"/>, the new member).</summary>
    public string Actor { get; private set; } = string.Empty;

    public TeamChange Change { get; private set; }
    public string SubjectEmail { get; private set; } = string.Empty;
    public TeamRole? FromRole { get; private set; }
    public TeamRole? ToRole { get; private set; }
}
