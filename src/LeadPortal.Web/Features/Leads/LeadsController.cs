using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Features.Leads;

[Authorize(Policy = Policies.WorksLeads)]
[Route("leads")]
public sealed class LeadsController(LeadPortalDbContext db, LeadList list, TimeProvider clock, LeadTimingOptions timing) : Controller
{
    [HttpGet("marketplace")]
    public Task<IActionResult> Marketplace(LeadStage? stage, CancellationToken cancellationToken) =>
        List(LeadTab.Marketplace, stage, cancellationToken);

    [HttpGet("qualified")]
    public Task<IActionResult> Qualified(LeadStage? stage, CancellationToken cancellationToken) =>
        List(LeadTab.Qualified, stage, cancellationToken);

    [HttpGet("{id:long}")]
    public async Task<IActionResult> Details(long id, CancellationToken cancellationToken)
    {
        var lead = await db.LeadsOf(User.OrganizationId()).AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, cancellationToken);
        return lead is null ? NotFound() : View(new LeadDetailsPage(lead, clock.GetUtcNow().UtcDateTime, timing));
    }

    private async Task<IActionResult> List(LeadTab tab, LeadStage? stage, CancellationToken cancellationToken)
    {
        var page = await list.LoadAsync(User.OrganizationId(), tab, stage, cancellationToken);
        return View("List", page);
    }
}

public sealed record LeadDetailsPage(Lead Lead, DateTime NowUtc, LeadTimingOptions Timing)
{
    public bool IsUrgent => Lead.IsUrgent(NowUtc, Timing.UrgentContactWindow);
}
