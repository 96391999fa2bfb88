using System.Net;
using System.Text.RegularExpressions;
using LeadPortal.Core.Organizations;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Infrastructure.Identity;
using LeadPortal.Infrastructure.Jobs;
using LeadPortal.Infrastructure.Notifications;
using LeadPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadPortal.Web.Tests;

/// <summary>
/// A partner admin manages the team at /settings/team: invitations by e-mail with a one-time link, roles, deactivation;
/// the organization keeps an active partner admin, and each change is in the audit list. Each test has its own portal.
/// </summary>
public sealed partial class TeamTests
{
    private const string Admin = "admin@contoso.test";
    private const string Referrals = "referrals@contoso.test";

    private static async Task<PortalFactory> NewPortalAsync() => await new PortalFactory().SeededAsync();

    private static async Task<HttpResponseMessage> InviteAsync(PortalClient admin, string email, string role = nameof(TeamRole.ReferralsAdmin))
    {
        var page = await admin.GetPageAsync("/settings/team");
        return await admin.SubmitAsync(page, "#invite-form", new Dictionary<string, string> { ["Email"] = email, ["Role"] = role });
    }

    /// <summary>Delivers the outbox and returns the link path of the newest account e-mail to <paramref name="email"/>.</summary>
    private static async Task<string> DeliveredLinkAsync(PortalFactory factory, string email)
    {
        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxDispatchJob>().RunAsync(CancellationToken.None);
        }

        var id = await factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.Recipient == email && m.LeadId == null).OrderByDescending(m => m.Id).Select(m => m.Id).FirstAsync());
        var file = Directory.GetFiles(factory.MailDirectory, $"outbox-{id}_*.eml").Single();
        var eml = await File.ReadAllTextAsync(file);
        var link = LinkPattern().Match(eml.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal));
        Assert.True(link.Success, "The e-mail carries a link to the portal.");
        return link.Groups["path"].Value.Replace("=3D", "=", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"http://localhost:5151(?<path>/(invitations|account/reset-password)[^\s""<>]+)")]
    private static partial Regex LinkPattern();

    private static Task<string> UserIdAsync(PortalFactory factory, string email) =>
        factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private static async Task<HttpResponseMessage> PostOnTeamPageAsync(PortalClient client, string url, Dictionary<string, string>? values = null)
    {
        var page = await client.GetPageAsync("/settings/team");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var fields = new Dictionary<string, string>(values ?? []) { ["__RequestVerificationToken"] = token };
        return await client.PostFormAsync(url, fields);
    }

    [Fact]
    public async Task Invitation_SendsAOneTimeLink_ThatMakesTheColleagueAMemberInTheChosenRole()
    {
        using var factory = await NewPortalAsync();
        using var admin = await factory.SignInAsync(Admin);

        var invited = await InviteAsync(admin, "Nina.New@contoso.test");

        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var team = await admin.GetPageAsync("/settings/team");
        Assert.Contains("Nina.New@contoso.test", team.QuerySelector("[data-testid=invitations]")!.TextContent, StringComparison.Ordinal);
        var link = await DeliveredLinkAsync(factory, "Nina.New@contoso.test");
        Assert.Null(await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Recipient == "Nina.New@contoso.test").Select(m => m.Link).SingleAsync()));

        using var nina = factory.CreatePortalClient();
        var join = await nina.GetPageAsync(link);
        Assert.Contains("Contoso", join.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var joined = await nina.SubmitAsync(join, "#join-form", new Dictionary<string, string>
        {
            ["DisplayName"] = "Nina New",
            ["Password"] = "Welcome-2026x",
            ["ConfirmPassword"] = "Welcome-2026x",
        });

        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await nina.GetAsync("/leads/marketplace")).StatusCode);
        var user = await factory.WithDbAsync(async db =>
        {
            var u = await db.Users.SingleAsync(x => x.Email == "Nina.New@contoso.test");
            var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name).ToListAsync();
            var org = await db.Organizations.Where(o => o.Id == u.OrganizationId).Select(o => o.Slug).SingleAsync();
            return (org, roles);
        });
        Assert.Equal("contoso", user.org);
        Assert.Equal([Roles.ReferralsAdmin], user.roles);

        // The link works once.
        using var again = factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.Gone, (await again.GetAsync(link)).StatusCode);

        var audit = (await admin.GetPageAsync("/settings/team")).QuerySelector("[data-testid=team-audit]")!.TextContent;
        Assert.Contains("invited Nina.New@contoso.test as Referrals admin", audit, StringComparison.Ordinal);
        Assert.Contains("Nina New joined the team as Referrals admin", audit, StringComparison.Ordinal);
        Assert.Contains("Ava Admin", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invitation_AfterSevenDaysOrWhenResentOrRevoked_IsNoLongerValid()
    {
        using var factory = await NewPortalAsync();
        using var admin = await factory.SignInAsync(Admin);
        await InviteAsync(admin, "late@contoso.test");
        var first = await DeliveredLinkAsync(factory, "late@contoso.test");
        var id = await factory.WithDbAsync(db => db.TeamInvitations.Select(i => i.Id).SingleAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await PostOnTeamPageAsync(admin, $"/settings/team/invitations/{id}/resend")).StatusCode);
        var second = await DeliveredLinkAsync(factory, "late@contoso.test");

        using var visitor = factory.CreatePortalClient();
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.Gone, (await visitor.GetAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(second)).StatusCode);

        factory.Clock.Advance(TeamInvitation.Lifetime + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Gone, (await visitor.GetAsync(second)).StatusCode);
        Assert.Contains("Expired", (await admin.GetPageAsync("/settings/team")).QuerySelector("[data-invitation='late@contoso.test']")!.TextContent, StringComparison.Ordinal);

        // Resending an expired invitation gives it a new week; revoking it ends that too.
        await PostOnTeamPageAsync(admin, $"/settings/team/invitations/{id}/resend");
        var third = await DeliveredLinkAsync(factory, "late@contoso.test");
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(third)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostOnTeamPageAsync(admin, $"/settings/team/invitations/{id}/revoke")).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await visitor.GetAsync(third)).StatusCode);
        Assert.NotNull((await admin.GetPageAsync("/settings/team")).QuerySelector("[data-testid=no-invitations]"));
    }

    [Theory]
    [InlineData("not-an-address", "Enter a valid email address")]
    [InlineData("", "Enter an email address")]
    [InlineData(Referrals, "already on your team")]
    [InlineData("admin@fabrikam.test", "another organization")]
    public async Task Invitation_ToABadOrTakenAddress_IsRefusedNextToTheField(string email, string message)
    {
        using var factory = await NewPortalAsync();
        using var admin = await factory.SignInAsync(Admin);

        var response = await InviteAsync(admin, email);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector("#Email-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector("#Email")!.GetAttribute("aria-invalid"));
        Assert.Equal(0, await factory.WithDbAsync(db => db.TeamInvitations.CountAsync()));
    }

    [Fact]
    public async Task Deactivation_EndsTheUsersSessionAtOnce_AndSignInIsRefusedUntilReactivated()
    {
        using var factory = await NewPortalAsync();
        using var admin = await factory.SignInAsync(Admin);
        using var colleague = await factory.SignInAsync(Referrals);
        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync("/leads/marketplace")).StatusCode);
        var id = await UserIdAsync(factory, Referrals);

        Assert.Equal(HttpStatusCode.Redirect, (await PostOnTeamPageAsync(admin, $"/settings/team/members/{id}/deactivate")).StatusCode);

        var after = await colleague.GetAsync("/leads/marketplace");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/login", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var retry = factory.CreatePortalClient();
        var refused = await retry.SignInAsync(Referrals, DemoDataSeeder.Password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("The email or password is not right", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Deactivated", (await admin.GetPageAsync("/settings/team")).QuerySelector($"[data-member='{Referrals}']")!.TextContent, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await PostOnTeamPageAsync(admin, $"/settings/team/members/{id}/reactivate")).StatusCode);
        using var back = factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.Redirect, (await back.SignInAsync(Referrals, DemoDataSeeder.Password)).StatusCode);
        var audit = (await admin.GetPageAsync("/settings/team")).QuerySelector("[data-testid=team-audit]")!.TextContent;
        Assert.Contains($"deactivated {Referrals}", audit, StringComparison.Ordinal);
        Assert.Contains($"reactivated {Referrals}", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoleChange_EndsTheUsersSession_AndTheNewRoleAppliesAtTheNextSignIn()
    {
        using var factory = await NewPortalAsync();
        using var admin = await factory.SignInAsync(Admin);
        using var colleague = await factory.SignInAsync(Referrals);
        Assert.NotEqual(HttpStatusCode.OK, (await colleague.GetAsync("/settings/team")).StatusCode);
        var id = await UserIdAsync(factory, Referrals);

        var changed = await PostOnTeamPageAsync(admin, $"/settings/team/members/{id}/role", new() { ["Role"] = nameof(TeamRole.PartnerAdmin) });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Contains("/account/login", (await colleague.GetAsync("/leads/marketplace")).Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var promoted = await factory.SignInAsync(Referrals);
        Assert.Equal(HttpStatusCode.OK, (await promoted.GetAsync("/settings/team")).StatusCode);
        Assert.Contains($"changed the role of {Referrals} from Referrals admin to Partner admin",
            (await admin.GetPageAsync("/settings/team")).QuerySelector("[data-testid=team-audit]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLastActivePartnerAdmin_CannotBeDemotedOrDeactivated()
    {
        using var factory = await NewPortalAsync();
        using var admin = await factory.SignInAsync(Admin);
        var self = await UserIdAsync(factory, Admin);

        var demoted = await PostOnTeamPageAsync(admin, $"/settings/team/members/{self}/role", new() { ["Role"] = nameof(TeamRole.ReferralsAdmin) });
        Assert.Equal(HttpStatusCode.Redirect, demoted.StatusCode);
        var page = await admin.GetPageAsync("/settings/team");
        Assert.Contains("at least one active partner admin", page.QuerySelector("[role=alert], .alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PostOnTeamPageAsync(admin, $"/settings/team/members/{self}/deactivate")).StatusCode);
        Assert.Contains("cannot deactivate yourself", (await admin.GetPageAsync("/settings/team")).QuerySelector("[role=alert], .alert-danger")!.TextContent, StringComparison.Ordinal);

        // Once a colleague is a partner admin too, the first one may step down.
        var colleague = await UserIdAsync(factory, Referrals);
        await PostOnTeamPageAsync(admin, $"/settings/team/members/{colleague}/role", new() { ["Role"] = nameof(TeamRole.PartnerAdmin) });
        Assert.Equal(HttpStatusCode.Redirect, (await PostOnTeamPageAsync(admin, $"/settings/team/members/{self}/role", new() { ["Role"] = nameof(TeamRole.ReferralsAdmin) })).StatusCode);
        var admins = await factory.WithDbAsync(db => (from ur in db.UserRoles
                                                      join r in db.Roles on ur.RoleId equals r.Id
                                                      join u in db.Users on ur.UserId equals u.Id
                                                      where r.Name == Roles.PartnerAdmin && u.Email!.EndsWith("@contoso.test")
                                                      select u.Email).ToListAsync());
        Assert.Equal([Referrals], admins);
    }

    [Fact]
    public async Task TeamPage_IsForPartnerAdmins_AndAnotherOrganizationsUserIsNotFound()
    {
        using var factory = await NewPortalAsync();
        using var referrals = await factory.SignInAsync(Referrals);
        var denied = await referrals.GetAsync("/settings/team");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/account/denied", denied.Headers.Location!.OriginalString, StringComparison.Ordinal);

        using var fabrikam = await factory.SignInAsync("admin@fabrikam.test");
        var contosoUser = await UserIdAsync(factory, Referrals);
        Assert.Equal(HttpStatusCode.NotFound, (await PostOnTeamPageAsync(fabrikam, $"/settings/team/members/{contosoUser}/deactivate")).StatusCode);
        using var admin = await factory.SignInAsync(Admin);
        await InviteAsync(admin, "someone@contoso.test");
        var invitation = await factory.WithDbAsync(db => db.TeamInvitations.Select(i => i.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await PostOnTeamPageAsync(fabrikam, $"/settings/team/invitations/{invitation}/revoke")).StatusCode);
        Assert.DoesNotContain("someone@contoso.test", await (await fabrikam.GetAsync("/settings/team")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == Referrals && u.DeactivatedAtUtc == null)));
    }

    [Fact]
    public async Task ForgottenPassword_AnswersAlike_AndItsLinkSetsANewPasswordOnce()
    {
        using var factory = await NewPortalAsync();
        using var visitor = factory.CreatePortalClient();
        async Task<string> AskAsync(string email)
        {
            var form = await visitor.GetPageAsync("/account/forgot-password");
            var response = await visitor.SubmitAsync(form, "#forgot-form", new Dictionary<string, string> { ["Email"] = email });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var page = await visitor.GetPageAsync(response.Headers.Location!.OriginalString);
            return page.QuerySelector(".alert")!.TextContent.Replace(email, "…", StringComparison.Ordinal).Trim();
        }

        Assert.Equal(await AskAsync("nobody@contoso.test"), await AskAsync(Referrals));
        Assert.Equal(1, await factory.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == NotificationKind.PasswordReset)));
        using var session = await factory.SignInAsync(Referrals);

        var link = await DeliveredLinkAsync(factory, Referrals);
        var resetPage = await visitor.GetPageAsync(link);
        var reset = await visitor.SubmitAsync(resetPage, "#reset-form", new Dictionary<string, string> { ["Password"] = "Brand-new-2026", ["ConfirmPassword"] = "Brand-new-2026" });

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        using var fresh = factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.SignInAsync(Referrals, "Brand-new-2026")).StatusCode);
        Assert.Contains("/account/login", (await session.GetAsync("/leads/marketplace")).Headers.Location!.OriginalString, StringComparison.Ordinal);
        var reused = await visitor.SubmitAsync(await visitor.GetPageAsync(link), "#reset-form", new Dictionary<string, string> { ["Password"] = "Another-one-2026", ["ConfirmPassword"] = "Another-one-2026" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.NotNull((await PortalClient.ParseAsync(reused)).QuerySelector("[data-testid=reset-error]"));
    }
}
