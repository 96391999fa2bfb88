using FluentValidation;

namespace LeadPortal.Web.Features.Account;

public sealed class LoginForm
{
    public string Email { get; set; } = string.Empty;
    public string Password { get; set; } = string.Empty;
    public bool RememberMe { get; set; }
    public string? ReturnUrl { get; set; }
}

public sealed class LoginFormValidator : AbstractValidator<LoginForm>
{
    public LoginFormValidator()
    {
        RuleFor(f => f.Email).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter your email address.")
            .MaximumLength(254).WithMessage("Enter a valid email address.")
            .EmailAddress().WithMessage("Enter a valid email address.");
        RuleFor(f => f.Password).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter your password.")
            .MaximumLength(200).WithMessage("The email or password is not right.");
    }
}
