using System.Globalization;
using FluentValidation;
using LeadPortal.Core;
using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Api;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Web.Features.Leads;
using LeadPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LeadPortal.Web.Features.Api;

public sealed record ReferralPage(IReadOnlyList<ReferralResource> Value, string? NextLink);

/// <summary>
/// [Produces("application/json")] for the OpenAPI document and the answers, except problem details: the plain attribute
/// would turn their application/problem+json into application/json.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ProducesJsonAttribute() : ProducesAttribute("application/json")
{
    public override void OnResultExecuting(Microsoft.AspNetCore.Mvc.Filters.ResultExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Result is not ObjectResult { Value: ProblemDetails })
        {
            base.OnResultExecuting(context);
        }
    }
}

/// <summary>
/// The referrals API: senders create qualified leads for other organizations; an organization reads and works its own
/// leads with the same rules as the web forms. Errors are RFC 7807 problem details.
/// </summary>
[ApiController]
[Route("api/v1/referrals")]
[Authorize(AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName)]
[IgnoreAntiforgeryToken]
[EnableRateLimiting(RateLimits.ApiPolicy)]
[ProducesJson]
[Tags(ReferralsApiDocument.Tag)]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblem.ContentType)]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, ApiProblem.ContentType)]
public sealed class ReferralsApiController(
    LeadPortalDbContext db, LeadActions actions, TimeProvider clock, LeadTimingOptions timing, IStringLocalizer<SharedResource> l) : ControllerBase
{
    public const int MaxPageSize = 100;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private long KeyId => long.Parse(User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)!.Value, CultureInfo.InvariantCulture);

    /// <summary>Sends a marketing- or sales-qualified lead to another organization. Retrying with the same Idempotency-Key returns the first lead.</summary>
    [HttpPost("")]
    [EndpointName("createReferral")]
    [EndpointSummary("Send a qualified lead to a partner")]
    [ProducesResponseType<ReferralResource>(StatusCodes.Status201Created)]
    [ProducesResponseType<ReferralResource>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ApiProblem.ContentType)]
    public async Task<ActionResult<ReferralResource>> Create(
        CreateReferralRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        [FromServices] IValidator<CreateReferralRequest> validator,
        CancellationToken cancellationToken)
    {
        if (idempotencyKey is { Length: > FieldLengths.Code })
        {
            ModelState.AddModelError("Idempotency-Key", $"The Idempotency-Key can be at most {FieldLengths.Code} characters.");
            return ValidationProblem(ModelState);
        }

        if (!string.IsNullOrWhiteSpace(idempotencyKey) && await ReplayAsync(idempotencyKey, cancellationToken) is { } earlier)
        {
            return Ok(earlier);
        }

        if (!await validator.ValidateIntoAsync(request, ModelState))
        {
            return ValidationProblem(ModelState);
        }

        var slug = request.TargetOrganization!.Trim().ToLowerInvariant();
        var target = await db.Organizations.AsNoTracking()
            .Where(o => o.Slug == slug)
            .Select(o => new { o.Id, Published = db.BusinessProfiles.IgnoreQueryFilters().Any(p => p.OrganizationId == o.Id && p.IsPublished) })
            .SingleOrDefaultAsync(cancellationToken);
        if (target is null || !target.Published)
        {
            ModelState.AddModelError(nameof(CreateReferralRequest.TargetOrganization),
                "This organization does not receive leads: it has no published business profile.");
            return ValidationProblem(ModelState);
        }

        if (target.Id == User.OrganizationId())
        {
            ModelState.AddModelError(nameof(CreateReferralRequest.TargetOrganization), "A key sends leads to other organizations, not to its own.");
            return ValidationProblem(ModelState);
        }

        var customer = request.Customer!;
        var lead = Lead.Receive(
            target.Id, request.LeadType!.Value,
            new CustomerProfile(customer.CompanyName!, customer.ContactName!, customer.Email!, customer.Phone, customer.Country!, customer.City, customer.CompanySize, customer.Industry),
            request.Need!, new LeadSender(request.SenderKind!.Value, request.Sender!.Name!, request.Sender.Email!),
            request.ContactRequested, Now, timing.ResponseWindow);
        db.Leads.Add(lead);
        db.ReferralSubmissions.Add(new ReferralSubmission
        {
            ApiKeyId = KeyId,
            Lead = lead,
            IdempotencyKey = string.IsNullOrWhiteSpace(idempotencyKey) ? null : idempotencyKey,
            CreatedAtUtc = Now,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (!string.IsNullOrWhiteSpace(idempotencyKey))
        {
            // The same key raced itself: the first request's lead is the answer.
            db.ChangeTracker.Clear();
            if (await ReplayAsync(idempotencyKey, cancellationToken) is { } first)
            {
                return Ok(first);
            }

            throw;
        }

        // The sender cannot read the lead afterwards: it belongs to the target organization.
        return StatusCode(StatusCodes.Status201Created, ReferralResource.From(lead));
    }

    /// <summary>The organization's own leads, newest change first, filtered and paged by a cursor.</summary>
    [HttpGet("")]
    [EndpointName("listReferrals")]
    [EndpointSummary("List your organization's referrals")]
    [ProducesResponseType<ReferralPage>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ApiProblem.ContentType)]
    public async Task<ActionResult<ReferralPage>> List(
        [FromQuery] string? type, [FromQuery] string? stage, [FromQuery] string? outcome, [FromQuery] DateTime? updatedSince,
        [FromQuery] int? limit, [FromQuery] string? after, CancellationToken cancellationToken)
    {
        var leads = db.Leads.AsNoTracking();
        if (type is not null)
        {
            if (!Enum.TryParse<LeadType>(type, ignoreCase: true, out var parsed) || int.TryParse(type, out _))
            {
                ModelState.AddModelError(nameof(type), "Type must be customerInquiry, marketingQualified or salesQualified.");
            }

            leads = leads.Where(l => l.Type == parsed);
        }

        if (stage is not null)
        {
            if (!Enum.TryParse<LeadStage>(stage, ignoreCase: true, out var parsed) || int.TryParse(stage, out _))
            {
                ModelState.AddModelError(nameof(stage), "Stage must be received, accepted or archived.");
            }

            leads = leads.Where(l => l.Stage == parsed);
        }

        if (outcome is not null)
        {
            if (!Enum.TryParse<LeadOutcome>(outcome, ignoreCase: true, out var parsed) || int.TryParse(outcome, out _))
            {
                ModelState.AddModelError(nameof(outcome), "Outcome must be won, lost, declined or expired.");
            }

            leads = leads.Where(l => l.Outcome == parsed);
        }

        if (limit is < 1 or > MaxPageSize)
        {
            ModelState.AddModelError(nameof(limit), $"Limit must be between 1 and {MaxPageSize}.");
        }

        LeadCursor cursor = default;
        if (after is not null && !LeadCursor.TryParse(after, out cursor))
        {
            ModelState.AddModelError(nameof(after), "Use the nextLink of the previous page.");
        }

        if (!ModelState.IsValid)
        {
            return ValidationProblem(ModelState);
        }

        if (updatedSince is { } since)
        {
            var sinceUtc = since.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(since, DateTimeKind.Utc) : since.ToUniversalTime();
            leads = leads.Where(l => l.UpdatedAtUtc >= sinceUtc);
        }

        if (after is not null)
        {
            var key = new DateTime(cursor.Key, DateTimeKind.Utc);
            leads = leads.Where(l => l.UpdatedAtUtc < key || (l.UpdatedAtUtc == key && l.Id < cursor.Id));
        }

        var size = limit ?? 50;
        var page = await leads.OrderByDescending(l => l.UpdatedAtUtc).ThenByDescending(l => l.Id).Take(size + 1).ToListAsync(cancellationToken);
        string? next = null;
        if (page.Count > size)
        {
            page.RemoveAt(size);
            var last = page[^1];
            var query = Request.Query.Where(q => q.Key != nameof(after)).Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}")
                .Append($"after={new LeadCursor(last.UpdatedAtUtc.Ticks, last.Id)}");
            next = $"{Request.Scheme}://{Request.Host}{Request.Path}?{string.Join('&', query)}";
        }

        return Ok(new ReferralPage([.. page.Select(ReferralResource.From)], next));
    }

    [HttpGet("{id:long}")]
    [EndpointName("getReferral")]
    [EndpointSummary("Read one referral, with its ETag")]
    [ProducesResponseType<ReferralResource>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ApiProblem.ContentType)]
    public async Task<ActionResult<ReferralResource>> Get(long id, CancellationToken cancellationToken)
    {
        var lead = await db.Leads.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, cancellationToken);
        return lead is null ? LeadNotFound() : WithETag(lead);
    }

    [HttpPost("{id:long}/accept")]
    [EndpointName("acceptReferral")]
    [EndpointSummary("Accept a referral and record its deal")]
    [ReferralActionAnswers]
    public async Task<ActionResult<ReferralResource>> Accept(long id, AcceptReferralRequest request, [FromServices] IValidator<AcceptReferralRequest> validator) =>
        await ActAsync(id, () => validator.ValidateIntoAsync(request, ModelState), action => actions.AcceptAsync(action,
            () => new DealDetails(request.DealName!, Money.FromAmount(request.DealValue!.Value, request.Currency!), request.ClosingDate!.Value,
                request.Notes, request.ExternalReferenceId, request.CampaignId),
            () => [.. (request.Team ?? []).Select(m => new TeamMember(m.Name!, m.Phone, m.Email!))]));

    [HttpPost("{id:long}/decline")]
    [EndpointName("declineReferral")]
    [EndpointSummary("Decline a referral with a reason")]
    [ReferralActionAnswers]
    public async Task<ActionResult<ReferralResource>> Decline(long id, DeclineReferralRequest request, [FromServices] IValidator<DeclineReferralRequest> validator) =>
        await ActAsync(id, () => validator.ValidateIntoAsync(request, ModelState),
            action => actions.DeclineAsync(action, () => request.ParsedReason!.Value, request.Notes));

    [HttpPost("{id:long}/won")]
    [EndpointName("markReferralWon")]
    [EndpointSummary("Mark an accepted referral as won")]
    [ReferralActionAnswers]
    public async Task<ActionResult<ReferralResource>> Won(long id, WonReferralRequest request, [FromServices] IValidator<WonReferralRequest> validator) =>
        await ActAsync(id, () => validator.ValidateIntoAsync(request, ModelState), action => actions.MarkWonAsync(action, request.FinalValue, request.Notes));

    [HttpPost("{id:long}/lost")]
    [EndpointName("markReferralLost")]
    [EndpointSummary("Mark an accepted referral as lost")]
    [ReferralActionAnswers]
    public async Task<ActionResult<ReferralResource>> Lost(long id, LostReferralRequest request, [FromServices] IValidator<LostReferralRequest> validator) =>
        await ActAsync(id, () => validator.ValidateIntoAsync(request, ModelState), action => actions.MarkLostAsync(action, request.Notes));

    /// <summary>Edits the deal of an accepted lead; fields left out keep their value.</summary>
    [HttpPatch("{id:long}")]
    [EndpointName("updateReferral")]
    [EndpointSummary("Edit the deal of an accepted referral")]
    [ReferralActionAnswers]
    public async Task<ActionResult<ReferralResource>> Update(long id, UpdateReferralRequest request, [FromServices] IValidator<UpdateReferralRequest> validator) =>
        await ActAsync(id, () => validator.ValidateIntoAsync(request, ModelState), action => actions.ChangeDealAsync(action, new DealChanges(
            request.DealName, request.DealValue, request.Currency, request.ClosingDate, request.Notes, request.ExternalReferenceId, request.CampaignId)));

    /// <summary>
    /// A lead action from the API (see <see cref="LeadActions"/>, which does it), with If-Match as the version the caller
    /// read: 200 with the referral and its new ETag; 404, 409 (a stale ETag, a lost race, a stage that does not allow
    /// it) and 400 (per-field errors) change nothing.
    /// </summary>
    private async Task<ActionResult<ReferralResource>> ActAsync(long id, Func<Task<bool>> validation, Func<LeadActionRequest, Task<LeadActionResult>> action)
    {
        var ifMatch = Request.Headers.IfMatch.ToString();
        Guid? version = string.IsNullOrEmpty(ifMatch) || ifMatch == "*" ? null
            // An ETag that is not one of ours matches no version (no lead's version is empty).
            : Guid.TryParseExact(ifMatch.Trim('"'), "N", out var read) ? read : Guid.Empty;
        return await action(new LeadActionRequest(id, version, User.DisplayName(), validation, HttpContext.RequestAborted)) switch
        {
            LeadActionResult.Done done => WithETag(done.Lead),
            LeadActionResult.Conflict { Current: { } current } => Conflict("The referral was changed since you read it.", "Read it again and retry with its new ETag.", current),
            LeadActionResult.Conflict => Conflict("The referral was changed by someone else at the same time.", "Read it again and retry.", null),
            LeadActionResult.Refused refused => Conflict("The referral's stage does not allow this.", l.Text(refused.Error), refused.Lead),
            LeadActionResult.Invalid invalid => InvalidField(invalid),
            _ => LeadNotFound(),
        };
    }

    private ActionResult InvalidField(LeadActionResult.Invalid invalid)
    {
        if (invalid.Error is { } error)
        {
            ModelState.AddModelError(error.Field is null ? string.Empty : ApiField(error.Field), l.Text(error));
        }

        return ValidationProblem(ModelState);
    }

    /// <summary>The lead a retried request with the same Idempotency-Key created the first time, if any.</summary>
    private async Task<ReferralResource?> ReplayAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        var leadId = await db.ReferralSubmissions.AsNoTracking()
            .Where(s => s.ApiKeyId == KeyId && s.IdempotencyKey == idempotencyKey)
            .Select(s => (long?)s.LeadId)
            .SingleOrDefaultAsync(cancellationToken);
        return leadId is null ? null : ReferralResource.From(await db.Leads.IgnoreQueryFilters().AsNoTracking().SingleAsync(l => l.Id == leadId, cancellationToken));
    }

    /// <summary>Per-field errors keyed like the JSON fields (camelCase), e.g. "customer.email".</summary>
    public override ActionResult ValidationProblem(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelStateDictionary)
    {
        ArgumentNullException.ThrowIfNull(modelStateDictionary);
        var errors = modelStateDictionary
            .Where(e => e.Value?.Errors.Count > 0)
            .ToDictionary(
                e => string.Join('.', e.Key.Split('.').Select(part => part.Length == 0 || part.Contains('-', StringComparison.Ordinal) ? part : char.ToLowerInvariant(part[0]) + part[1..])),
                e => e.Value!.Errors.Select(x => x.ErrorMessage).ToArray());
        return new ApiProblem(new ValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request has invalid fields.",
            Type = "https://httpstatuses.io/400",
        });
    }

    private OkObjectResult WithETag(Lead lead)
    {
        Response.Headers.ETag = ReferralResource.ETagOf(lead.Version);
        return Ok(ReferralResource.From(lead));
    }

    private static ApiProblem Conflict(string title, string detail, Lead? lead)
    {
        var problem = new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = title, Detail = detail, Type = "https://httpstatuses.io/409" };
        if (lead is not null)
        {
            var (status, substatus) = ReferralResource.StatusOf(lead);
            // Not "status": that member of a problem is the HTTP status code (RFC 7807), and JSON members must be unique.
            problem.Extensions["referralStatus"] = status;
            problem.Extensions["substatus"] = substatus;
            problem.Extensions["etag"] = ReferralResource.ETagOf(lead.Version);
        }

        return new ApiProblem(problem);
    }

    private static ApiProblem LeadNotFound() => new(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound,
        Title = "No such referral.",
        Detail = "There is no referral with this id in your organization.",
        Type = "https://httpstatuses.io/404",
    });

    private static string ApiField(string domainField) => domainField switch
    {
        "EstimatedValue" or "Amount" => "DealValue",
        "EstimatedPurchaseDate" => "ClosingDate",
        "DeclineNotes" => "Notes",
        "Contacts" => "Team",
        _ => domainField,
    };
}
