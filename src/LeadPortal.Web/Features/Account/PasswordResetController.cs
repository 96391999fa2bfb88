using System.Globalization;
using FluentValidation;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Infrastructure.Identity;
using LeadPortal.Infrastructure.Notifications;
using LeadPortal.Web.Features.Leads;
using LeadPortal.Web.Features.Team;
using LeadPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace LeadPortal.Web.Features.Account;

public sealed class ForgotPasswordForm
{
    public string? Email { get; set; }
}

public sealed class ForgotPasswordFormValidator : AbstractValidator<ForgotPasswordForm>
{
    public ForgotPasswordFormValidator() => RuleFor(f => f.Email).Email();
}

public sealed class ResetPasswordForm
{
    public string? Email { get; set; }
    public string? Token { get; set; }
    public string? Password { get; set; }
    public string? ConfirmPassword { get; set; }
}

public sealed class ResetPasswordFormValidator : AbstractValidator<ResetPasswordForm>
{
    public ResetPasswordFormValidator()
    {
        RuleFor(f => f.Password).NewPassword();
        RuleFor(f => f.ConfirmPassword).Equal(f => f.Password).WithMessage("The two passwords are not the same.");
    }
}

/// <summary>
/// A forgotten password: a reset link by e-mail (through the outbox), then a new password. The answer to a request is
/// the same whether or not the address has an account.
/// </summary>
[AllowAnonymous]
[Route("account")]
public sealed class PasswordResetController(
    UserManager<ApplicationUser> users,
    LeadPortalDbContext db,
    TimeProvider clock,
    IValidator<ForgotPasswordForm> forgotValidator,
    IValidator<ResetPasswordForm> resetValidator,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("forgot-password")]
    public IActionResult Forgot() => View(new ForgotPasswordForm());

    [HttpPost("forgot-password")]
    public async Task<IActionResult> Forgot(ForgotPasswordForm form, CancellationToken cancellationToken)
    {
        if (!await forgotValidator.ValidateIntoAsync(form, ModelState))
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View(form);
        }

        var user = await users.FindByEmailAsync(form.Email!.Trim());
        if (user is { DeactivatedAtUtc: null, Email: not null })
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var now = clock.GetUtcNow().UtcDateTime;
            db.OutboxMessages.Add(new OutboxMessage
            {
                Kind = NotificationKind.PasswordReset,
                Recipient = user.Email,
                RecipientName = string.IsNullOrEmpty(user.DisplayName) ? user.Email : user.DisplayName,
                Link = $"/account/reset-password?email={Uri.EscapeDataString(user.Email)}&token={Uri.EscapeDataString(token)}",
                Culture = CultureInfo.CurrentUICulture.Name,
                CreatedAtUtc = now,
                NextAttemptAtUtc = now,
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        TempData["Flash"] = l["If {0} has a LeadPortal account, a link to choose a new password is on its way. It works for 2 hours.", form.Email.Trim()].Value;
        return RedirectToAction(nameof(Forgot));
    }

    [HttpGet("reset-password")]
    public IActionResult Reset(string? email, string? token)
    {
        Response.Headers.CacheControl = "no-store";
        return View(new ResetPasswordForm { Email = email, Token = token });
    }

    [HttpPost("reset-password")]
    public async Task<IActionResult> Reset(ResetPasswordForm form)
    {
        Response.Headers.CacheControl = "no-store";
        if (await resetValidator.ValidateIntoAsync(form, ModelState))
        {
            var user = string.IsNullOrWhiteSpace(form.Email) || form.Email.Length > FieldLengths.Email ? null : await users.FindByEmailAsync(form.Email.Trim());
            var result = user is null || string.IsNullOrEmpty(form.Token)
                ? IdentityResult.Failed(new IdentityErrorDescriber().InvalidToken())
                : await users.ResetPasswordAsync(user, form.Token, form.Password!);
            if (result.Succeeded)
            {
                TempData["Flash"] = l["Your password is changed. Sign in with the new one."].Value;
                return Redirect("/account/login");
            }

            foreach (var error in result.Errors)
            {
                var isPassword = error.Code.StartsWith("Password", StringComparison.Ordinal);
                ModelState.AddModelError(isPassword ? nameof(ResetPasswordForm.Password) : string.Empty,
                    isPassword ? "Choose a longer password, of at least 10 characters with a digit, a lower-case and an upper-case letter."
                    : "This link has expired or was already used. Ask for a new one below.");
            }
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(form);
    }
}
