using FluentValidation;
using LeadPortal.Core;
using LeadPortal.Core.Profiles;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Infrastructure.Identity;
using LeadPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LeadPortal.Web.Features.Profile;

public sealed record ProfilePage(ProfileForm Form, bool CanEdit, bool IsPublished, string Slug);

/// <summary>The organization's business profile: PartnerAdmins edit and publish it, ReferralsAdmins read it.</summary>
[Authorize(Policy = Policies.WorksLeads)]
[Route("profile")]
public sealed class ProfileController(
    LeadPortalDbContext db, TimeProvider clock, IValidator<ProfileForm> validator, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var profile = await db.BusinessProfiles.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        return View(await PageAsync(ProfileForm.From(profile, User.OrganizationName()), profile?.IsPublished == true, cancellationToken));
    }

    [Authorize(Roles = Roles.PartnerAdmin)]
    [HttpPost("")]
    public async Task<IActionResult> Save(ProfileForm form, string? addLocation, CancellationToken cancellationToken)
    {
        var profile = await db.BusinessProfiles.SingleOrDefaultAsync(cancellationToken);
        if (addLocation is not null)
        {
            // Without script, "Add location" posts the form and comes back with one more empty row; nothing is saved.
            ModelState.Clear();
            form.Locations.Add(new LocationForm());
            return View(nameof(Index), await PageAsync(form, profile?.IsPublished == true, cancellationToken));
        }

        if (!await validator.ValidateIntoAsync(form, ModelState))
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View(nameof(Index), await PageAsync(form, profile?.IsPublished == true, cancellationToken));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            if (profile is null)
            {
                profile = new BusinessProfile(User.OrganizationId(), form.CompanyName!);
                db.BusinessProfiles.Add(profile);
            }

            if (!form.Publish)
            {
                profile.Unpublish(now);
            }

            profile.Update(form.CompanyName!, form.Description, form.Website, form.LogoUrl,
                ProfileForm.SplitList(form.Keywords), form.Industries, form.CompanySizes, ProfileForm.SplitList(form.Countries),
                [.. form.KeptLocations.Select(l => l.ToLocation())], now);
            if (form.Publish)
            {
                profile.Publish(now);
            }
        }
        catch (DomainException broken)
        {
            db.ChangeTracker.Clear();
            ModelState.AddDomainError(broken.Field, l.Text(broken.Error));
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            var stored = await db.BusinessProfiles.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
            return View(nameof(Index), await PageAsync(form, stored?.IsPublished == true, cancellationToken));
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = profile.IsPublished ? "Profile saved and published: customers can find you and send you leads." : "Profile saved. It is not published, so you receive no leads yet.";
        return RedirectToAction(nameof(Index));
    }

    private async Task<ProfilePage> PageAsync(ProfileForm form, bool isPublished, CancellationToken cancellationToken)
    {
        if (form.Locations.Count == 0)
        {
            form.Locations.Add(new LocationForm());
        }

        var slug = await db.Organizations.Where(o => o.Id == User.OrganizationId()).Select(o => o.Slug).SingleAsync(cancellationToken);
        return new ProfilePage(form, User.IsInRole(Roles.PartnerAdmin), isPublished, slug);
    }
}
