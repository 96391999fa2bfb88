using FluentValidation;
using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Data;

namespace LeadPortal.Web.Features.Leads;

/// <summary>The deal fields shared by Accept and Edit.</summary>
public class DealForm
{
    /// <summary>The lead's <see cref="Lead.Version"/> when the page was loaded; a different current version means someone else saved meanwhile.</summary>
    public Guid Version { get; set; }

    public string? DealName { get; set; }
    public decimal? EstimatedValue { get; set; }
    public string? Currency { get; set; } = "USD";
    public DateOnly? EstimatedPurchaseDate { get; set; }
    public string? Notes { get; set; }
    public string? CrmId { get; set; }
    public string? CampaignId { get; set; }

    public DealDetails ToDeal() => new(
        DealName!, Money.FromAmount(EstimatedValue!.Value, Currency!), EstimatedPurchaseDate!.Value, Notes, CrmId, CampaignId);

    public static T From<T>(Lead lead)
        where T : DealForm, new()
    {
        ArgumentNullException.ThrowIfNull(lead);
        var form = new T { Version = lead.Version };
        if (lead.Deal is { } deal)
        {
            form.DealName = deal.Name;
            form.EstimatedValue = deal.EstimatedValue.Amount;
            form.Currency = deal.Currency;
            form.EstimatedPurchaseDate = deal.EstimatedPurchaseDate;
            form.Notes = deal.Notes;
            form.CrmId = deal.CrmId;
            form.CampaignId = deal.CampaignId;
        }

        return form;
    }
}

public sealed class AcceptForm : DealForm
{
    public const int ContactSlots = 3;

    /// <summary>Up to three people from the partner's team; blank rows are ignored.</summary>
    public List<TeamMemberForm> Contacts { get; set; } = [];

    public IEnumerable<TeamMemberForm> FilledContacts => Contacts.Where(c => !c.IsBlank);
}

public sealed class EditDealForm : DealForm;

public sealed class TeamMemberForm
{
    public Guid Version { get; set; }
    public string? Name { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Phone) && string.IsNullOrWhiteSpace(Email);

    public TeamMember ToMember() => new(Name!, Phone, Email!);
}

public sealed class RemoveTeamMemberForm
{
    public Guid Version { get; set; }
    public Guid MemberId { get; set; }
}

public sealed class DeclineForm
{
    public Guid Version { get; set; }
    public DeclineReason? Reason { get; set; }
    public string? Notes { get; set; }
}

public sealed class WonForm
{
    public Guid Version { get; set; }

    /// <summary>The final deal value, when it differs from the estimate; in the deal's currency.</summary>
    public decimal? FinalValue { get; set; }

    public string? Notes { get; set; }
}

public sealed class LostForm
{
    public Guid Version { get; set; }
    public string? Notes { get; set; }
}

internal static class FieldRules
{
    public const string PhonePattern = @"^\+?[0-9][0-9 ()./-]{3,38}$";
    public const decimal MaxAmount = 1_000_000_000_000m;

    /// <summary>PostgreSQL stores no NUL in text (it refuses the whole statement); a form cannot post one, JSON can.</summary>
    public const string NulMessage = "Remove the invisible NUL character (U+0000) from this field.";

    public static IRuleBuilderOptions<T, string?> OptionalText<T>(this IRuleBuilder<T, string?> rule, int max, string label) =>
        rule.MaximumLength(max).WithMessage($"{label} can be at most {max} characters.")
            .Must(HasNoNul).WithMessage(NulMessage);

    public static IRuleBuilderOptions<T, string?> RequiredText<T>(this IRuleBuilderInitial<T, string?> rule, int max, string label) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage($"Enter the {label.ToLowerInvariant()}.")
            .MaximumLength(max).WithMessage($"{label} can be at most {max} characters.")
            .Must(HasNoNul).WithMessage(NulMessage);

    public static IRuleBuilderOptions<T, string?> Email<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Enter an email address.")
            .MaximumLength(FieldLengths.Email).WithMessage($"An email address can be at most {FieldLengths.Email} characters.")
            .Must(HasNoNul).WithMessage(NulMessage)
            .EmailAddress().WithMessage("Enter a valid email address, like name@example.com.");

    private static bool HasNoNul(string? value) => value?.Contains('\0', StringComparison.Ordinal) != true;

    /// <summary>A search or filter as typed, without NUL characters (which no stored text has, and PostgreSQL refuses in a query).</summary>
    public static string? WithoutNul(string? value) => value?.Replace("\0", string.Empty, StringComparison.Ordinal);

    public static IRuleBuilderOptions<T, string?> OptionalPhone<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => string.IsNullOrWhiteSpace(v) || System.Text.RegularExpressions.Regex.IsMatch(v.Trim(), PhonePattern))
            .WithMessage("Enter a phone number of digits, spaces and + ( ) - . only, like +886 2 1234 5678.");
}

public sealed class DealFormValidator<T> : AbstractValidator<T>
    where T : DealForm
{
    public DealFormValidator()
    {
        RuleFor(f => f.DealName).RequiredText(FieldLengths.Name, "Deal name");
        RuleFor(f => f.EstimatedValue).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Enter the estimated value.")
            .GreaterThan(0).WithMessage("The estimated value must be more than zero.")
            .LessThan(FieldRules.MaxAmount).WithMessage("The estimated value is too large.");
        RuleFor(f => f.Currency).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Choose a currency.")
            .Must(c => Currencies.IsKnown(c?.Trim().ToUpperInvariant())).WithMessage("Choose an ISO 4217 currency, like USD or TWD.");
        RuleFor(f => f.EstimatedPurchaseDate).NotNull().WithMessage("Enter the estimated purchase date.");
        RuleFor(f => f.Notes).OptionalText(FieldLengths.LongText, "Notes");
        RuleFor(f => f.CrmId).OptionalText(FieldLengths.Code, "CRM ID");
        RuleFor(f => f.CampaignId).OptionalText(FieldLengths.Code, "Campaign ID");
    }
}

public sealed class AcceptFormValidator : AbstractValidator<AcceptForm>
{
    public AcceptFormValidator()
    {
        Include(new DealFormValidator<AcceptForm>());
        RuleFor(f => f.Contacts).Must(c => c.Count <= AcceptForm.ContactSlots)
            .WithMessage($"Add at most {AcceptForm.ContactSlots} contacts here; add more after accepting.");
        RuleForEach(f => f.Contacts).Where(c => !c.IsBlank).SetValidator(new TeamMemberFormValidator());
    }
}

public sealed class EditDealFormValidator : AbstractValidator<EditDealForm>
{
    public EditDealFormValidator() => Include(new DealFormValidator<EditDealForm>());
}

public sealed class TeamMemberFormValidator : AbstractValidator<TeamMemberForm>
{
    public TeamMemberFormValidator()
    {
        RuleFor(f => f.Name).RequiredText(FieldLengths.Name, "Name");
        RuleFor(f => f.Phone).OptionalPhone();
        RuleFor(f => f.Email).Email();
    }
}

public sealed class DeclineFormValidator : AbstractValidator<DeclineForm>
{
    public DeclineFormValidator()
    {
        RuleFor(f => f.Reason).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Choose why you are declining.")
            .IsInEnum().WithMessage("Choose a reason from the list.");
        RuleFor(f => f.Notes).OptionalText(FieldLengths.LongText, "Notes");
    }
}

public sealed class WonFormValidator : AbstractValidator<WonForm>
{
    public WonFormValidator()
    {
        RuleFor(f => f.FinalValue)
            .GreaterThan(0).WithMessage("The final value must be more than zero.")
            .LessThan(FieldRules.MaxAmount).WithMessage("The final value is too large.");
        RuleFor(f => f.Notes).OptionalText(FieldLengths.LongText, "Notes");
    }
}

public sealed class LostFormValidator : AbstractValidator<LostForm>
{
    public LostFormValidator() => RuleFor(f => f.Notes).OptionalText(FieldLengths.LongText, "Notes");
}
