using FluentValidation;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Web.Features.Leads;

namespace LeadPortal.Web.Features.Partners;

/// <summary>What a customer fills in on a partner's public listing.</summary>
public sealed class InquiryForm
{
    public const int NeedMaxLength = 2000;

    public string? CompanyName { get; set; }
    public string? ContactName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Country { get; set; }
    public string? City { get; set; }
    public string? CompanySize { get; set; }
    public string? Industry { get; set; }
    public string? Need { get; set; }
    public bool ContactMe { get; set; }

    /// <summary>Hidden from people; a bot that fills every field fills this one too.</summary>
    public string? Fax { get; set; }
}

public sealed class InquiryFormValidator : AbstractValidator<InquiryForm>
{
    public InquiryFormValidator()
    {
        RuleFor(f => f.CompanyName).RequiredText(FieldLengths.Name, "Company name");
        // Not RequiredText(…, "Your name"): its "Enter the {label}." would read "Enter the your name.".
        RuleFor(f => f.ContactName).Cascade(CascadeMode.Stop)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter your name.")
            .MaximumLength(FieldLengths.Name).WithMessage($"Your name can be at most {FieldLengths.Name} characters.");
        RuleFor(f => f.Email).Email();
        RuleFor(f => f.Phone).OptionalPhone();
        RuleFor(f => f.Country).RequiredText(FieldLengths.Code, "Country");
        RuleFor(f => f.City).OptionalText(FieldLengths.Code, "City");
        RuleFor(f => f.CompanySize).OptionalText(FieldLengths.Code, "Company size");
        RuleFor(f => f.Industry).OptionalText(FieldLengths.Code, "Industry");
        RuleFor(f => f.Need).Cascade(CascadeMode.Stop)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Tell the partner what you need.")
            .Must(n => n!.Trim().Length >= 10).WithMessage("Describe your need in at least 10 characters.")
            .MaximumLength(InquiryForm.NeedMaxLength).WithMessage($"Keep it to {InquiryForm.NeedMaxLength} characters.");
    }
}
