using FluentValidation;
using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace LeadPortal.Web.Features.Partners;

public sealed record PartnerListPage(PartnerSearch Search, IReadOnlyList<PartnerCard> Partners);

public sealed record PartnerPage(string Slug, LeadPortal.Core.Profiles.BusinessProfile Profile, InquiryForm Form, string? Refusal = null);

/// <summary>The public side: customers find published partners and send them an inquiry, which becomes a Marketplace lead.</summary>
[AllowAnonymous]
[Route("partners")]
public sealed class PartnersController(
    PartnerDirectory directory, LeadPortalDbContext db, TimeProvider clock, LeadTimingOptions timing, IValidator<InquiryForm> validator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(PartnerSearch search, CancellationToken cancellationToken) =>
        View(new PartnerListPage(search, await directory.SearchAsync(search, cancellationToken)));

    [HttpGet("{slug}")]
    public async Task<IActionResult> Show(string slug, CancellationToken cancellationToken)
    {
        var found = await directory.FindPublishedAsync(slug, cancellationToken);
        return found is { } partner ? View(new PartnerPage(slug, partner.Profile, new InquiryForm())) : NotFound();
    }

    [HttpPost("{slug}/contact")]
    [EnableRateLimiting(RateLimits.InquiryPolicy)]
    public async Task<IActionResult> Contact(string slug, InquiryForm form, CancellationToken cancellationToken)
    {
        var found = await directory.FindPublishedAsync(slug, cancellationToken);
        if (found is not { } partner)
        {
            return NotFound();
        }

        if (!string.IsNullOrEmpty(form.Fax))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Show), new PartnerPage(slug, partner.Profile, form,
                "Your message was not sent: it filled in a field that people leave empty, so it looks automated. If you are a person, clear your browser's autofill and try again."));
        }

        if (!await validator.ValidateIntoAsync(form, ModelState))
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View(nameof(Show), new PartnerPage(slug, partner.Profile, form));
        }

        var lead = Lead.Receive(
            partner.OrganizationId,
            LeadType.CustomerInquiry,
            new CustomerProfile(form.CompanyName!, form.ContactName!, form.Email!, form.Phone, form.Country!, form.City, form.CompanySize, form.Industry),
            form.Need!,
            new LeadSender(SenderKind.Customer, form.ContactName!, form.Email!),
            form.ContactMe,
            clock.GetUtcNow().UtcDateTime,
            timing.ResponseWindow);
        db.Leads.Add(lead);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToAction(nameof(Thanks), new { slug });
    }

    [HttpGet("{slug}/thanks")]
    public async Task<IActionResult> Thanks(string slug, CancellationToken cancellationToken)
    {
        var found = await directory.FindPublishedAsync(slug, cancellationToken);
        return found is { } partner ? View(new PartnerPage(slug, partner.Profile, new InquiryForm())) : NotFound();
    }
}
