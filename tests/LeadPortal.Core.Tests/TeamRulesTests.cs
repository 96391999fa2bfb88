using LeadPortal.Core.Organizations;

namespace LeadPortal.Core.Tests;

public class TeamRulesTests
{
    private static readonly DateTime T0 = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    private static Team TeamOf(params OrganizationMember[] members) => new(members);

    [Fact]
    public void RoleChange_OfTheOnlyActiveAdmin_Throws()
    {
        var team = TeamOf(new("a", TeamRole.PartnerAdmin, true), new("b", TeamRole.ReferralsAdmin, true), new("c", TeamRole.PartnerAdmin, false));

        var error = Assert.Throws<DomainException>(() => team.CheckRoleChange("a", TeamRole.ReferralsAdmin));

        Assert.Equal(DomainErrors.TeamNeedsAnAdmin, error.Code);
    }

    [Fact]
    public void RoleChange_WithAnotherActiveAdmin_IsAllowed_AndToTheSameRoleThrows()
    {
        var team = TeamOf(new("a", TeamRole.PartnerAdmin, true), new("b", TeamRole.PartnerAdmin, true));

        team.CheckRoleChange("a", TeamRole.ReferralsAdmin);
        Assert.Equal(DomainErrors.TeamRoleUnchanged, Assert.Throws<DomainException>(() => team.CheckRoleChange("b", TeamRole.PartnerAdmin)).Code);
    }

    [Theory]
    [InlineData("a", "a", DomainErrors.TeamCannotDeactivateSelf)]
    [InlineData("c", "a", DomainErrors.TeamAlreadyDeactivated)]
    [InlineData("x", "a", DomainErrors.TeamMemberUnknown)]
    public void Deactivation_ThatBreaksARule_Throws(string userId, string actor, string code)
    {
        var team = TeamOf(new("a", TeamRole.PartnerAdmin, true), new("b", TeamRole.ReferralsAdmin, true), new("c", TeamRole.ReferralsAdmin, false));

        Assert.Equal(code, Assert.Throws<DomainException>(() => team.CheckDeactivation(userId, actor)).Code);
    }

    [Fact]
    public void Deactivation_OfTheLastActiveAdminByAnother_Throws_ButOfAReferralsAdminIsAllowed()
    {
        // An inactive admin does not count as the organization's admin.
        var team = TeamOf(new("a", TeamRole.PartnerAdmin, false), new("b", TeamRole.PartnerAdmin, true), new("r", TeamRole.ReferralsAdmin, true));

        Assert.Equal(DomainErrors.TeamNeedsAnAdmin, Assert.Throws<DomainException>(() => team.CheckDeactivation("b", "a")).Code);
        team.CheckDeactivation("r", "b");
        team.CheckReactivation("a");
        Assert.Equal(DomainErrors.TeamAlreadyActive, Assert.Throws<DomainException>(() => team.CheckReactivation("b")).Code);
    }

    [Fact]
    public void Invitation_IsPendingForSevenDays_ThenExpired_AndResendStartsANewWeekWithANewToken()
    {
        var (invitation, token) = TeamInvitation.Create(1, " new@contoso.test ", TeamRole.ReferralsAdmin, "Ava", T0);

        Assert.Equal("new@contoso.test", invitation.Email);
        Assert.Equal(TeamInvitation.HashOf(token), invitation.TokenHash);
        Assert.Equal(InvitationStatus.Pending, invitation.StatusAt(T0 + TeamInvitation.Lifetime - TimeSpan.FromSeconds(1)));
        Assert.Equal(InvitationStatus.Expired, invitation.StatusAt(T0 + TeamInvitation.Lifetime));

        var later = T0 + TimeSpan.FromDays(8);
        var second = invitation.Resend(later);
        Assert.NotEqual(token, second);
        Assert.Equal(TeamInvitation.HashOf(second), invitation.TokenHash);
        Assert.Equal(InvitationStatus.Pending, invitation.StatusAt(later + TimeSpan.FromDays(6)));
    }

    [Fact]
    public void Invitation_OnceAcceptedOrRevoked_CannotBeAcceptedResentOrRevoked()
    {
        var (accepted, _) = TeamInvitation.Create(1, "a@contoso.test", TeamRole.PartnerAdmin, "Ava", T0);
        accepted.Accept(T0.AddHours(1));
        var (revoked, _) = TeamInvitation.Create(1, "b@contoso.test", TeamRole.PartnerAdmin, "Ava", T0);
        revoked.Revoke(T0.AddHours(1));
        var (expired, _) = TeamInvitation.Create(1, "c@contoso.test", TeamRole.PartnerAdmin, "Ava", T0);

        foreach (var invitation in new[] { accepted, revoked })
        {
            Assert.Throws<DomainException>(() => invitation.Accept(T0.AddHours(2)));
            Assert.Throws<DomainException>(() => invitation.Resend(T0.AddHours(2)));
            Assert.Throws<DomainException>(() => invitation.Revoke(T0.AddHours(2)));
        }

        Assert.Equal(DomainErrors.InvitationNotPending, Assert.Throws<DomainException>(() => expired.Accept(T0.AddDays(7))).Code);
        Assert.Equal(InvitationStatus.Accepted, accepted.StatusAt(T0.AddDays(30)));
        Assert.Equal(InvitationStatus.Revoked, revoked.StatusAt(T0.AddDays(30)));
    }
}
