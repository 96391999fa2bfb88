using LeadPortal.Infrastructure.Identity;
using LeadPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace LeadPortal.Web.Features.Account;

[Route("account")]
public sealed class AccountController(
    SignInManager<ApplicationUser> signIn,
    FluentValidation.IValidator<LoginForm> validator,
    FluentValidation.IValidator<LoginTwoFactorForm> twoFactorValidator,
    FluentValidation.IValidator<LoginRecoveryForm> recoveryValidator) : Controller
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
            return await SignedInAsync(await signIn.UserManager.FindByEmailAsync(form.Email.Trim()), form.ReturnUrl);
        }

        if (result.RequiresTwoFactor)
        {
            // The password was right: Identity's two-factor cookie now names the user until the code comes.
            return RedirectToAction(nameof(LoginTwoFactor), new { returnUrl = form.ReturnUrl, rememberMe = form.RememberMe });
        }

        // One answer for an unknown address, a wrong password and a locked account, so that it tells nobody which
        // addresses have an account.
        ModelState.AddModelError(string.Empty, "The email or password is not right. After several failed attempts, sign-in is paused for 15 minutes.");
        return View(form);
    }

    [AllowAnonymous]
    [HttpGet("login/two-factor")]
    public async Task<IActionResult> LoginTwoFactor(string? returnUrl, bool rememberMe) =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null
            ? RedirectToAction(nameof(Login), new { returnUrl })
            : View(new LoginTwoFactorForm { ReturnUrl = returnUrl, RememberMe = rememberMe });

    [AllowAnonymous]
    [HttpPost("login/two-factor")]
    public async Task<IActionResult> LoginTwoFactor(LoginTwoFactorForm form)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return RedirectToAction(nameof(Login), new { returnUrl = form.ReturnUrl });
        }

        if (await twoFactorValidator.ValidateIntoAsync(form, ModelState))
        {
            var result = await signIn.TwoFactorAuthenticatorSignInAsync(AccountLimits.Clean(form.Code), form.RememberMe, form.RememberMachine);
            if (result.Succeeded)
            {
                return await SignedInAsync(user, form.ReturnUrl);
            }

            // One answer for a wrong code and a locked account, as at the password step.
            ModelState.AddModelError(nameof(form.Code), "The code is not right. After several failed attempts, sign-in is paused for 15 minutes.");
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(new LoginTwoFactorForm { ReturnUrl = form.ReturnUrl, RememberMe = form.RememberMe, RememberMachine = form.RememberMachine });
    }

    [AllowAnonymous]
    [HttpGet("login/recovery")]
    public async Task<IActionResult> LoginRecovery(string? returnUrl) =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null
            ? RedirectToAction(nameof(Login), new { returnUrl })
            : View(new LoginRecoveryForm { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost("login/recovery")]
    public async Task<IActionResult> LoginRecovery(LoginRecoveryForm form)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return RedirectToAction(nameof(Login), new { returnUrl = form.ReturnUrl });
        }

        if (await recoveryValidator.ValidateIntoAsync(form, ModelState))
        {
            var result = await signIn.TwoFactorRecoveryCodeSignInAsync(AccountLimits.CleanRecoveryCode(form.RecoveryCode));
            if (result.Succeeded)
            {
                return await SignedInAsync(user, form.ReturnUrl);
            }

            ModelState.AddModelError(nameof(form.RecoveryCode), "That recovery code is not right, or it was used already. After several failed attempts, sign-in is paused for 15 minutes.");
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(new LoginRecoveryForm { ReturnUrl = form.ReturnUrl });
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

    private async Task<IActionResult> SignedInAsync(ApplicationUser? user, string? returnUrl)
    {
        var home = user is not null && await signIn.UserManager.IsInRoleAsync(user, Roles.PlatformOperator) ? OperatorHome : LeadsHome;
        return LocalRedirect(SafeReturnUrl(returnUrl, home));
    }

    private string SafeReturnUrl(string? returnUrl, string home = LeadsHome) =>
        !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : home;
}
