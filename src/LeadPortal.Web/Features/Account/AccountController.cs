using LeadPortal.Infrastructure.Identity;
using LeadPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace LeadPortal.Web.Features.Account;

[Route("account")]
public sealed class AccountController(SignInManager<ApplicationUser> signIn, FluentValidation.IValidator<LoginForm> validator) : Controller
{
    [AllowAnonymous]
    [HttpGet("login")]
    public IActionResult Login(string? returnUrl) =>
        User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl(returnUrl)) : View(new LoginForm { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost("login")]
    public async Task<IActionResult> Login(LoginForm form)
    {
        if (!await validator.ValidateIntoAsync(form, ModelState))
        {
            return View(form);
        }

        var result = await signIn.PasswordSignInAsync(form.Email.Trim(), form.Password, form.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            var user = await signIn.UserManager.FindByEmailAsync(form.Email.Trim());
            var home = user is not null && await signIn.UserManager.IsInRoleAsync(user, Roles.PlatformOperator) ? OperatorHome : LeadsHome;
            return LocalRedirect(SafeReturnUrl(form.ReturnUrl, home));
        }

        // One answer for an unknown address, a wrong password and a locked account, so that it tells nobody which
        // addresses have an account.
        ModelState.AddModelError(string.Empty, "The email or password is not right. After several failed attempts, sign-in is paused for 15 minutes.");
        return View(form);
    }

    [HttpPost("logout")]
    public async Task<IActionResult> Logout()
    {
        // A new security stamp makes every other copy of this session's cookie fail its next stamp check.
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        return RedirectToAction(nameof(Login));
    }

    [AllowAnonymous]
    [HttpGet("denied")]
    public IActionResult Denied() => View();

    private const string LeadsHome = "/leads/marketplace";
    private const string OperatorHome = "/hangfire";

    private string SafeReturnUrl(string? returnUrl, string home = LeadsHome) =>
        !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : home;
}
