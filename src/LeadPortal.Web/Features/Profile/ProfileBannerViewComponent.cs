using LeadPortal.Infrastructure.Data;
using LeadPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Features.Profile;

/// <summary>On the lead pages: a banner when the organization has no published profile, and so receives no leads.</summary>
public sealed class ProfileBannerViewComponent(LeadPortalDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var published = await db.BusinessProfiles.AnyAsync(p => p.IsPublished, HttpContext.RequestAborted);
        return published ? Content(string.Empty) : View();
    }
}
