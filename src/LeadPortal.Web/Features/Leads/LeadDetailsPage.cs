using LeadPortal.Core.Leads;

namespace LeadPortal.Web.Features.Leads;

/// <summary>The lead page: the lead as stored now, and the forms its stage allows (holding what the user typed after a failed post).</summary>
public sealed class LeadDetailsPage(Lead lead, DateTime nowUtc, LeadTimingOptions timing, bool isFavorite)
{
    public Lead Lead { get; } = lead;
    public DateTime NowUtc { get; } = nowUtc;
    public LeadTimingOptions Timing { get; } = timing;
    public bool IsFavorite { get; } = isFavorite;

    public AcceptForm Accept { get; set; } = WithContactSlots(DealForm.From<AcceptForm>(lead));
    public DeclineForm Decline { get; set; } = new() { Version = lead.Version };
    public EditDealForm Edit { get; set; } = DealForm.From<EditDealForm>(lead);
    public TeamMemberForm Team { get; set; } = new() { Version = lead.Version };
    public WonForm Won { get; set; } = new() { Version = lead.Version };
    public LostForm Lost { get; set; } = new() { Version = lead.Version };

    /// <summary>The form to show open: the one whose post failed.</summary>
    public string? OpenForm { get; set; }

    /// <summary>Set when the post was refused because another admin saved the lead after this page was loaded.</summary>
    public bool Conflict { get; set; }

    public bool IsUrgent => Lead.IsUrgent(NowUtc, Timing.UrgentContactWindow);

    public bool Allows(LeadAction action) => Core.Leads.Lead.Allows(Lead.Stage, action);

    public static AcceptForm WithContactSlots(AcceptForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        while (form.Contacts.Count < AcceptForm.ContactSlots)
        {
            form.Contacts.Add(new TeamMemberForm());
        }

        return form;
    }

    /// <summary>Puts the new version into every form, so that after a conflict the user can save again over the values now shown.</summary>
    public void RefreshVersions()
    {
        Accept.Version = Decline.Version = Edit.Version = Team.Version = Won.Version = Lost.Version = Lead.Version;
    }
}

/// <summary>The deal fields partial: which form they belong to, its values, and the errors posted back.</summary>
public static class FieldErrors
{
    public static string? First(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, string key)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        return modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
    }

    /// <summary>The first error of a field posted as a list (checkboxes of one name): of the list, or of any of its items ("Industries[2]").</summary>
    public static string? FirstOfList(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, string key)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        return First(modelState, key) ?? modelState
            .Where(e => e.Key.StartsWith(key + "[", StringComparison.Ordinal) && e.Value?.Errors.Count > 0)
            .Select(e => e.Value!.Errors[0].ErrorMessage)
            .FirstOrDefault();
    }
}
