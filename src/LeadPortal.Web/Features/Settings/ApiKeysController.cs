using FluentValidation;
using LeadPortal.Infrastructure.Api;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Infrastructure.Identity;
using LeadPortal.Infrastructure.Notifications;
using LeadPortal.Web.Features.Leads;
using LeadPortal.Web.Features.Profile;
using LeadPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Features.Settings;

public sealed class ApiKeyForm
{
    public string? Name { get; set; }
    public string? WebhookUrl { get; set; }
}

public sealed class ApiKeyFormValidator : AbstractValidator<ApiKeyForm>
{
    public ApiKeyFormValidator()
        : this(allowHttp: false)
    {
    }

    /// <summary>http webhooks are allowed in Development only.</summary>
    [ActivatorUtilitiesConstructor]
    public ApiKeyFormValidator(IHostEnvironment environment)
        : this(environment?.IsDevelopment() == true)
    {
    }

    private ApiKeyFormValidator(bool allowHttp)
    {
        RuleFor(f => f.Name).RequiredText(FieldLengths.Code, "Name");
        RuleFor(f => f.WebhookUrl).Must(ProfileFormValidator.BeAWebAddress).WithMessage("Enter a full address starting with https://.")
            .OptionalText(FieldLengths.Url, "Webhook URL")
            .DependentRules(() => RuleFor(f => f.WebhookUrl).CustomAsync(async (url, context, ct) =>
            {
                // One check (one DNS lookup) says which rule, if any, the address breaks.
                var refusal = string.IsNullOrWhiteSpace(url)
                    ? WebhookAddresses.Refusal.None
                    : await WebhookAddresses.RefusalAsync(new Uri(url.Trim()), allowHttp, ct);
                if (refusal == WebhookAddresses.Refusal.NotHttps)
                {
                    context.AddFailure(nameof(ApiKeyForm.WebhookUrl), "A webhook address must start with https://.");
                }
                else if (refusal == WebhookAddresses.Refusal.NotPublic)
                {
                    context.AddFailure(nameof(ApiKeyForm.WebhookUrl), "A webhook must go to a public internet address, not to a local or private network.");
                }
            }));
    }
}

public sealed record ApiKeyRow(
    long Id, string Name, string Prefix, string? WebhookUrl, DateTime CreatedAtUtc, string CreatedBy, DateTime? RevokedAtUtc, DateTime? LastUsedAtUtc);

public sealed record ApiKeysPage(IReadOnlyList<ApiKeyRow> Keys, ApiKeyForm Form, string? NewKey);

/// <summary>PartnerAdmins create and revoke the organization's API keys; a new key is shown once and stored only as a hash.</summary>
[Authorize(Roles = Roles.PartnerAdmin)]
[Route("settings/api-keys")]
public sealed class ApiKeysController(
    LeadPortalDbContext db, TimeProvider clock, IValidator<ApiKeyForm> validator, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(new ApiKeysPage(await RowsAsync(cancellationToken), new ApiKeyForm(), null));

    [HttpPost("")]
    public async Task<IActionResult> Create(ApiKeyForm form, CancellationToken cancellationToken)
    {
        if (!await validator.ValidateIntoAsync(form, ModelState))
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View(nameof(Index), new ApiKeysPage(await RowsAsync(cancellationToken), form, null));
        }

        var (key, fullKey) = ApiKey.Create(User.OrganizationId(), form.Name!, form.WebhookUrl, User.DisplayName(), clock.GetUtcNow().UtcDateTime);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);

        // Shown in this response only (no redirect), so the full key is never stored, not even in a cookie.
        Response.Headers.CacheControl = "no-store";
        return View(nameof(Index), new ApiKeysPage(await RowsAsync(cancellationToken), new ApiKeyForm(), fullKey));
    }

    [HttpPost("{id:long}/revoke")]
    public async Task<IActionResult> Revoke(long id, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
        {
            return NotFound();
        }

        key.RevokedAtUtc ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = l["The key \"{0}\" is revoked: calls with it are now refused.", key.Name].Value;
        return RedirectToAction(nameof(Index));
    }

    private Task<List<ApiKeyRow>> RowsAsync(CancellationToken cancellationToken) =>
        db.ApiKeys.AsNoTracking()
            .OrderByDescending(k => k.CreatedAtUtc)
            .Select(k => new ApiKeyRow(k.Id, k.Name, k.Prefix, k.WebhookUrl, k.CreatedAtUtc, k.CreatedBy, k.RevokedAtUtc, k.LastUsedAtUtc))
            .ToListAsync(cancellationToken);
}
