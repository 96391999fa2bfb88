using FluentValidation;
using LeadPortal.Core.Organizations;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Web.Features.Leads;

namespace LeadPortal.Web.Features.Team;

public sealed class InviteForm
{
    public string? Email { get; set; }
    public string? Role { get; set; } = nameof(TeamRole.ReferralsAdmin);
}

public sealed class InviteFormValidator : AbstractValidator<InviteForm>
{
    public InviteFormValidator()
    {
        RuleFor(f => f.Email).Email();
        RuleFor(f => f.Role).Must(TeamRoles.IsRole).WithMessage("Choose a role.");
    }
}

public sealed class RoleForm
{
    public string? Role { get; set; }
}

public sealed class RoleFormValidator : AbstractValidator<RoleForm>
{
    public RoleFormValidator() => RuleFor(f => f.Role).Must(TeamRoles.IsRole).WithMessage("Choose a role.");
}

/// <summary>What an invited person chooses when they accept: their name and password.</summary>
public sealed class JoinForm
{
    public string? DisplayName { get; set; }
    public string? Password { get; set; }
    public string? ConfirmPassword { get; set; }
}

public sealed class JoinFormValidator : AbstractValidator<JoinForm>
{
    public JoinFormValidator()
    {
        RuleFor(f => f.DisplayName).RequiredText(FieldLengths.Name, "Name");
        RuleFor(f => f.Password).NewPassword();
        RuleFor(f => f.ConfirmPassword).Equal(f => f.Password).WithMessage("The two passwords are not the same.");
    }
}

public static class TeamRoles
{
    public static bool IsRole(string? role) => Enum.TryParse<TeamRole>(role, ignoreCase: false, out _) && !int.TryParse(role, out _);

    public static TeamRole Parse(string role) => Enum.Parse<TeamRole>(role);

    /// <summary>How a page names the role.</summary>
    public static string Label(TeamRole role) => role == TeamRole.PartnerAdmin ? "Partner admin" : "Referrals admin";
}

internal static class PasswordRules
{
    /// <summary>The shape of a new password; Identity's own rules (length 10) are checked when it is set.</summary>
    public static IRuleBuilderOptions<T, string?> NewPassword<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(v => !string.IsNullOrEmpty(v)).WithMessage("Choose a password.")
            .MinimumLength(10).WithMessage("A password needs at least 10 characters.")
            .MaximumLength(200).WithMessage("A password can be at most 200 characters.");
}
