using FluentValidation;
using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Web.Features.Leads;

namespace LeadPortal.Web.Features.Api;

public sealed record CustomerRequest(
    string? CompanyName, string? ContactName, string? Email, string? Phone, string? Country, string? City, string? CompanySize, string? Industry);

public sealed record SenderRequest(string? Kind, string? Name, string? Email);

/// <summary>POST /api/v1/referrals: a marketing- or sales-qualified lead for another organization.</summary>
public sealed record CreateReferralRequest(
    string? TargetOrganization, string? Type, CustomerRequest? Customer, string? Need, SenderRequest? Sender, bool ContactRequested)
{
    public LeadType? LeadType => Type?.ToLowerInvariant() switch
    {
        "marketingqualified" => Core.Leads.LeadType.MarketingQualified,
        "salesqualified" => Core.Leads.LeadType.SalesQualified,
        _ => null,
    };

    public SenderKind? SenderKind => Sender?.Kind?.ToLowerInvariant() switch
    {
        "platformstaff" => Core.Leads.SenderKind.PlatformStaff,
        "partner" => Core.Leads.SenderKind.Partner,
        _ => null,
    };
}

public sealed record TeamMemberRequest(string? Name, string? Email, string? Phone);

public sealed record AcceptReferralRequest(
    string? DealName, decimal? DealValue, string? Currency, DateOnly? ClosingDate, string? Notes, string? ExternalReferenceId, string? CampaignId,
    IReadOnlyList<TeamMemberRequest>? Team);

/// <summary>PATCH /api/v1/referrals/{id}: the deal fields to change; the ones left out keep their value.</summary>
public sealed record UpdateReferralRequest(
    string? DealName, decimal? DealValue, string? Currency, DateOnly? ClosingDate, string? Notes, string? ExternalReferenceId, string? CampaignId);

public sealed record DeclineReferralRequest(string? Reason, string? Notes)
{
    public DeclineReason? ParsedReason => Enum.TryParse<DeclineReason>(Reason, ignoreCase: true, out var r) && Enum.IsDefined(r) && !int.TryParse(Reason, out _) ? r : null;
}

public sealed record WonReferralRequest(decimal? FinalValue, string? Notes);

public sealed record LostReferralRequest(string? Notes);

public sealed class CreateReferralRequestValidator : AbstractValidator<CreateReferralRequest>
{
    public CreateReferralRequestValidator()
    {
        RuleFor(r => r.TargetOrganization).RequiredText(FieldLengths.Code, "Target organization");
        RuleFor(r => r.Type).Must((r, _) => r.LeadType is not null).WithMessage("Type must be marketingQualified or salesQualified.");
        RuleFor(r => r.Need).RequiredText(FieldLengths.LongText, "Need");
        RuleFor(r => r.Customer).NotNull().WithMessage("Describe the customer.");
        RuleFor(r => r.Customer!.CompanyName).RequiredText(FieldLengths.Name, "Company name").When(r => r.Customer is not null);
        RuleFor(r => r.Customer!.ContactName).RequiredText(FieldLengths.Name, "Contact name").When(r => r.Customer is not null);
        RuleFor(r => r.Customer!.Email).Email().When(r => r.Customer is not null);
        RuleFor(r => r.Customer!.Phone).OptionalPhone().When(r => r.Customer is not null);
        RuleFor(r => r.Customer!.Country).RequiredText(FieldLengths.Code, "Country").When(r => r.Customer is not null);
        RuleFor(r => r.Customer!.City).OptionalText(FieldLengths.Code, "City").When(r => r.Customer is not null);
        RuleFor(r => r.Customer!.CompanySize).OptionalText(FieldLengths.Code, "Company size").When(r => r.Customer is not null);
        RuleFor(r => r.Customer!.Industry).OptionalText(FieldLengths.Code, "Industry").When(r => r.Customer is not null);
        RuleFor(r => r.Sender).NotNull().WithMessage("Say who sends the lead.");
        RuleFor(r => r.Sender!.Kind).Must((r, _) => r.SenderKind is not null).WithMessage("Sender kind must be platformStaff or partner.").When(r => r.Sender is not null);
        RuleFor(r => r.Sender!.Name).RequiredText(FieldLengths.Name, "Sender name").When(r => r.Sender is not null);
        RuleFor(r => r.Sender!.Email).Email().When(r => r.Sender is not null);
    }
}

public sealed class AcceptReferralRequestValidator : AbstractValidator<AcceptReferralRequest>
{
    public AcceptReferralRequestValidator()
    {
        RuleFor(r => r.DealName).RequiredText(FieldLengths.Name, "Deal name");
        RuleFor(r => r.DealValue).Cascade(CascadeMode.Stop).NotNull().WithMessage("Give the estimated deal value.")
            .GreaterThan(0).WithMessage("The deal value must be more than zero.").LessThan(FieldRules.MaxAmount).WithMessage("The deal value is too large.");
        RuleFor(r => r.Currency).Must(c => Currencies.IsKnown(c?.Trim().ToUpperInvariant())).WithMessage("Currency must be an ISO 4217 code, like USD.");
        RuleFor(r => r.ClosingDate).NotNull().WithMessage("Give the estimated closing date (yyyy-MM-dd).");
        RuleFor(r => r.Notes).OptionalText(FieldLengths.LongText, "Notes");
        RuleFor(r => r.ExternalReferenceId).OptionalText(FieldLengths.Code, "External reference id");
        RuleFor(r => r.CampaignId).OptionalText(FieldLengths.Code, "Campaign id");
        RuleFor(r => r.Team).Must(t => t is null || t.Count <= 10).WithMessage("Send at most 10 team members.");
        RuleForEach(r => r.Team).ChildRules(m =>
        {
            m.RuleFor(x => x.Name).RequiredText(FieldLengths.Name, "Name");
            m.RuleFor(x => x.Email).Email();
            m.RuleFor(x => x.Phone).OptionalPhone();
        });
    }
}

public sealed class UpdateReferralRequestValidator : AbstractValidator<UpdateReferralRequest>
{
    public UpdateReferralRequestValidator()
    {
        RuleFor(r => r.DealName).Must(n => n is null || !string.IsNullOrWhiteSpace(n)).WithMessage("The deal name cannot be blank.")
            .OptionalText(FieldLengths.Name, "Deal name");
        RuleFor(r => r.DealValue).GreaterThan(0).WithMessage("The deal value must be more than zero.")
            .LessThan(FieldRules.MaxAmount).WithMessage("The deal value is too large.");
        RuleFor(r => r.Currency).Must(c => c is null || Currencies.IsKnown(c.Trim().ToUpperInvariant())).WithMessage("Currency must be an ISO 4217 code, like USD.");
        RuleFor(r => r.Notes).OptionalText(FieldLengths.LongText, "Notes");
        RuleFor(r => r.ExternalReferenceId).OptionalText(FieldLengths.Code, "External reference id");
        RuleFor(r => r.CampaignId).OptionalText(FieldLengths.Code, "Campaign id");
    }
}

public sealed class DeclineReferralRequestValidator : AbstractValidator<DeclineReferralRequest>
{
    public DeclineReferralRequestValidator()
    {
        RuleFor(r => r.Reason).Must((r, _) => r.ParsedReason is not null)
            .WithMessage($"Reason must be one of: {string.Join(", ", Enum.GetNames<DeclineReason>())}.");
        RuleFor(r => r.Notes).OptionalText(FieldLengths.LongText, "Notes");
    }
}

public sealed class WonReferralRequestValidator : AbstractValidator<WonReferralRequest>
{
    public WonReferralRequestValidator()
    {
        RuleFor(r => r.FinalValue).GreaterThan(0).WithMessage("The final value must be more than zero.")
            .LessThan(FieldRules.MaxAmount).WithMessage("The final value is too large.");
        RuleFor(r => r.Notes).OptionalText(FieldLengths.LongText, "Notes");
    }
}

public sealed class LostReferralRequestValidator : AbstractValidator<LostReferralRequest>
{
    public LostReferralRequestValidator() => RuleFor(r => r.Notes).OptionalText(FieldLengths.LongText, "Notes");
}
