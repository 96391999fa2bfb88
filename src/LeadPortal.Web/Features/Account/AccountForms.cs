using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace LeadPortal.Web.Features.Account;

public sealed class ChangePasswordForm
{
    public string? CurrentPassword { get; set; }
    public string? NewPassword { get; set; }
    public string? ConfirmPassword { get; set; }
}

public sealed class ChangePasswordFormValidator : AbstractValidator<ChangePasswordForm>
{
    public ChangePasswordFormValidator()
    {
        RuleFor(f => f.CurrentPassword).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter your current password.")
            .MaximumLength(AccountLimits.Password).WithMessage("The current password is not right.");
        RuleFor(f => f.NewPassword).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter a new password.")
            .MaximumLength(AccountLimits.Password).WithMessage("Use at most 200 characters.");
        RuleFor(f => f.ConfirmPassword).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the new password again.")
            .Equal(f => f.NewPassword).WithMessage("The two new passwords are not the same.");
    }
}

/// <summary>The code an authenticator app shows: six digits (spaces and dashes, as some apps group them, are ignored).</summary>
public sealed class AuthenticatorCodeForm
{
    public string? Code { get; set; }

    public string CleanCode => AccountLimits.Clean(Code);
}

public sealed class AuthenticatorCodeFormValidator : AbstractValidator<AuthenticatorCodeForm>
{
    public AuthenticatorCodeFormValidator()
    {
        RuleFor(f => f.Code).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the 6-digit code from your authenticator app.")
            .Must(code => AccountLimits.IsAuthenticatorCode(AccountLimits.Clean(code))).WithMessage("The code is 6 digits.");
    }
}

/// <summary>Turning two-factor sign-in off asks for proof that it is the account's owner: the password or a current code.</summary>
public sealed class DisableTwoFactorForm
{
    public string? Password { get; set; }
    public string? Code { get; set; }
}

public sealed class DisableTwoFactorFormValidator : AbstractValidator<DisableTwoFactorForm>
{
    public DisableTwoFactorFormValidator()
    {
        RuleFor(f => f.Password).NotEmpty().When(f => string.IsNullOrWhiteSpace(f.Code))
            .WithMessage("Enter your password or a code from your authenticator app.");
        RuleFor(f => f.Password).MaximumLength(AccountLimits.Password).WithMessage("The password is not right.");
        RuleFor(f => f.Code).Must(code => AccountLimits.IsAuthenticatorCode(AccountLimits.Clean(code)))
            .When(f => !string.IsNullOrWhiteSpace(f.Code) && string.IsNullOrEmpty(f.Password)).WithMessage("The code is 6 digits.");
    }
}

public sealed class LoginTwoFactorForm
{
    public string? Code { get; set; }
    public bool RememberMachine { get; set; }
    public bool RememberMe { get; set; }
    public string? ReturnUrl { get; set; }
}

public sealed class LoginTwoFactorFormValidator : AbstractValidator<LoginTwoFactorForm>
{
    public LoginTwoFactorFormValidator()
    {
        RuleFor(f => f.Code).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the 6-digit code from your authenticator app.")
            .Must(code => AccountLimits.IsAuthenticatorCode(AccountLimits.Clean(code))).WithMessage("The code is 6 digits.");
    }
}

public sealed class LoginRecoveryForm
{
    public string? RecoveryCode { get; set; }
    public string? ReturnUrl { get; set; }
}

public sealed class LoginRecoveryFormValidator : AbstractValidator<LoginRecoveryForm>
{
    public LoginRecoveryFormValidator()
    {
        RuleFor(f => f.RecoveryCode).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter one of your recovery codes.")
            .MaximumLength(AccountLimits.RecoveryCode).WithMessage("That recovery code is not right.");
    }
}

public static class AccountLimits
{
    public const int Password = 200;
    public const int RecoveryCode = 40;
    public const int RecoveryCodeCount = 10;

    public static string Clean(string? code) => (code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal).Trim();

    /// <summary>A recovery code as Identity stored it (with its dash), without the spaces a copy may have added.</summary>
    public static string CleanRecoveryCode(string? code) => string.Concat((code ?? string.Empty).Where(c => !char.IsWhiteSpace(c)));

    public static bool IsAuthenticatorCode(string code) => code.Length == 6 && code.All(char.IsAsciiDigit);

    /// <summary>Identity's refusal of a new password, in the reader's language (its own descriptions are English only).</summary>
    public static string NewPasswordError(IdentityError error, PasswordOptions rules, IStringLocalizer<SharedResource> l)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(l);
        var describer = new IdentityErrorDescriber();
        return error.Code switch
        {
            nameof(describer.PasswordTooShort) => l["Use at least {0} characters.", rules.RequiredLength],
            nameof(describer.PasswordRequiresDigit) => l["Use at least one digit (0-9)."],
            nameof(describer.PasswordRequiresLower) => l["Use at least one lowercase letter (a-z)."],
            nameof(describer.PasswordRequiresUpper) => l["Use at least one uppercase letter (A-Z)."],
            nameof(describer.PasswordRequiresNonAlphanumeric) => l["Use at least one character that is not a letter or a digit."],
            nameof(describer.PasswordRequiresUniqueChars) => l["Use at least {0} different characters.", rules.RequiredUniqueChars],
            _ => l["Choose another password."],
        };
    }
}
