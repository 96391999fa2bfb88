using System.Security.Claims;
using FluentValidation;
using LeadPortal.Infrastructure.Identity;
using LeadPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace LeadPortal.Web.Features.Account;

public sealed record AccountPage(string DisplayName, string Email, IReadOnlyList<string> Roles, bool TwoFactorEnabled);

public sealed record TwoFactorPage(bool Enabled, int RecoveryCodesLeft, DisableTwoFactorForm Disable);

public sealed record EnableTwoFactorPage(AuthenticatorSetup Setup, AuthenticatorCodeForm Form);

public sealed record RecoveryCodesPage(IReadOnlyList<string> Codes);

/// <summary>
/// The signed-in user's own account (any signed-in user, the platform operator too): password and two-factor sign-in.
/// Each change renews the security stamp, which ends the user's other sessions; this one is signed in again with the
/// new stamp, so it goes on.
/// </summary>
[Route("account")]
public sealed class MyAccountController(
    SignInManager<ApplicationUser> signIn,
    IValidator<ChangePasswordForm> passwordValidator,
    IValidator<AuthenticatorCodeForm> codeValidator,
    IValidator<DisableTwoFactorForm> disableValidator,
    IStringLocalizer<SharedResource> l) : Controller
{
    private UserManager<ApplicationUser> Users => signIn.UserManager;

    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        if (await Users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        var roles = User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        return View(new AccountPage(User.DisplayName(), user.Email ?? string.Empty, roles, await Users.GetTwoFactorEnabledAsync(user)));
    }

    [HttpGet("password")]
    public IActionResult Password() => View(new ChangePasswordForm());

    [HttpPost("password")]
    public async Task<IActionResult> ChangePassword(ChangePasswordForm form)
    {
        if (await Users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (await passwordValidator.ValidateIntoAsync(form, ModelState))
        {
            // Through the sign-in manager, so that guessing the current password locks the account as the sign-in form does.
            var check = await signIn.CheckPasswordSignInAsync(user, form.CurrentPassword!, lockoutOnFailure: true);
            if (!check.Succeeded)
            {
                ModelState.AddModelError(nameof(form.CurrentPassword), check.IsLockedOut
                    ? "Too many wrong passwords: try again in 15 minutes."
                    : "The current password is not right.");
            }
            else
            {
                var result = await Users.ChangePasswordAsync(user, form.CurrentPassword!, form.NewPassword!);
                if (result.Succeeded)
                {
                    await signIn.RefreshSignInAsync(user);
                    TempData["Flash"] = "Your password is changed. Your other sessions are signed out.";
                    return RedirectToAction(nameof(Index));
                }

                foreach (var error in result.Errors)
                {
                    ModelState.AddModelError(nameof(form.NewPassword), AccountLimits.NewPasswordError(error, Users.Options.Password, l));
                }
            }
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(nameof(Password), new ChangePasswordForm());
    }

    [HttpGet("two-factor")]
    public async Task<IActionResult> TwoFactor()
    {
        if (await Users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        return View(await TwoFactorPageAsync(user, new DisableTwoFactorForm()));
    }

    /// <summary>A new shared key (an earlier one, shown but never confirmed, may have been seen by someone else).</summary>
    [HttpPost("two-factor/setup")]
    public async Task<IActionResult> SetUpTwoFactor()
    {
        if (await Users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (await Users.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToAction(nameof(TwoFactor));
        }

        await Users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        return RedirectToAction(nameof(EnableTwoFactor));
    }

    [HttpGet("two-factor/enable")]
    public async Task<IActionResult> EnableTwoFactor()
    {
        if (await Users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        var key = await Users.GetAuthenticatorKeyAsync(user);
        if (key is null || await Users.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToAction(nameof(TwoFactor));
        }

        Response.Headers.CacheControl = "no-store";
        return View(new EnableTwoFactorPage(AuthenticatorSetup.For(user.Email!, key), new AuthenticatorCodeForm()));
    }

    [HttpPost("two-factor/enable")]
    public async Task<IActionResult> ConfirmTwoFactor(AuthenticatorCodeForm form)
    {
        if (await Users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        var key = await Users.GetAuthenticatorKeyAsync(user);
        if (key is null || await Users.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToAction(nameof(TwoFactor));
        }

        Response.Headers.CacheControl = "no-store";
        if (await codeValidator.ValidateIntoAsync(form, ModelState)
            && !await Users.VerifyTwoFactorTokenAsync(user, Users.Options.Tokens.AuthenticatorTokenProvider, form.CleanCode))
        {
            ModelState.AddModelError(nameof(form.Code), "The code is not right. Check the time on your phone and try the newest code.");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View(nameof(EnableTwoFactor), new EnableTwoFactorPage(AuthenticatorSetup.For(user.Email!, key), new AuthenticatorCodeForm()));
        }

        await Users.SetTwoFactorEnabledAsync(user, true);
        var codes = await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, AccountLimits.RecoveryCodeCount);
        await signIn.RefreshSignInAsync(user);
        return RecoveryCodes(codes, "Two-factor sign-in is on.");
    }

    [HttpPost("two-factor/disable")]
    public async Task<IActionResult> DisableTwoFactor(DisableTwoFactorForm form)
    {
        if (await Users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (!await Users.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToAction(nameof(TwoFactor));
        }

        if (await disableValidator.ValidateIntoAsync(form, ModelState))
        {
            await ProveOwnerAsync(user, form);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View(nameof(TwoFactor), await TwoFactorPageAsync(user, new DisableTwoFactorForm()));
        }

        await Users.SetTwoFactorEnabledAsync(user, false);
        await signIn.RefreshSignInAsync(user);
        // A browser that was told to skip the code must not skip it if two-factor sign-in is turned on again.
        await signIn.ForgetTwoFactorClientAsync();
        TempData["Flash"] = "Two-factor sign-in is off.";
        return RedirectToAction(nameof(TwoFactor));
    }

    [HttpPost("two-factor/recovery-codes")]
    public async Task<IActionResult> NewRecoveryCodes()
    {
        if (await Users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (!await Users.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToAction(nameof(TwoFactor));
        }

        var codes = await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, AccountLimits.RecoveryCodeCount);
        return RecoveryCodes(codes, "New recovery codes: the earlier ones no longer work.");
    }

    // Shown in this response only (no redirect): the codes are never stored in clear, not even in a cookie.
    private ViewResult RecoveryCodes(IEnumerable<string>? codes, string flash)
    {
        Response.Headers.CacheControl = "no-store";
        ViewData["Flash"] = flash;
        return View(nameof(RecoveryCodes), new RecoveryCodesPage([.. codes ?? []]));
    }

    /// <summary>The password, or else a current code; a wrong one counts towards the lockout as at sign-in.</summary>
    private async Task ProveOwnerAsync(ApplicationUser user, DisableTwoFactorForm form)
    {
        if (!string.IsNullOrEmpty(form.Password))
        {
            var check = await signIn.CheckPasswordSignInAsync(user, form.Password, lockoutOnFailure: true);
            if (!check.Succeeded)
            {
                ModelState.AddModelError(nameof(form.Password), check.IsLockedOut ? "Too many wrong passwords: try again in 15 minutes." : "The password is not right.");
            }

            return;
        }

        if (await Users.IsLockedOutAsync(user))
        {
            ModelState.AddModelError(nameof(form.Code), "Too many wrong codes: try again in 15 minutes.");
        }
        else if (!await Users.VerifyTwoFactorTokenAsync(user, Users.Options.Tokens.AuthenticatorTokenProvider, AccountLimits.Clean(form.Code)))
        {
            await Users.AccessFailedAsync(user);
            ModelState.AddModelError(nameof(form.Code), "The code is not right. Check the time on your phone and try the newest code.");
        }
    }

    private async Task<TwoFactorPage> TwoFactorPageAsync(ApplicationUser user, DisableTwoFactorForm disable) =>
        new(await Users.GetTwoFactorEnabledAsync(user), await Users.CountRecoveryCodesAsync(user), disable);
}
