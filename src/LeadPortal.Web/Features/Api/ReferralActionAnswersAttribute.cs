using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace LeadPortal.Web.Features.Api;

/// <summary>The answers of an action on one referral, for the OpenAPI document: the referral, 400 with per-field errors, 404 and 409.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReferralActionAnswersAttribute : Attribute, IActionModelConvention
{
    public void Apply(ActionModel action)
    {
        ArgumentNullException.ThrowIfNull(action);
        action.Filters.Add(new ProducesResponseTypeAttribute<ReferralResource>(StatusCodes.Status200OK));
        action.Filters.Add(new ProducesResponseTypeAttribute<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ApiProblem.ContentType));
        action.Filters.Add(new ProducesResponseTypeAttribute<ProblemDetails>(StatusCodes.Status404NotFound, ApiProblem.ContentType));
        action.Filters.Add(new ProducesResponseTypeAttribute<ProblemDetails>(StatusCodes.Status409Conflict, ApiProblem.ContentType));
    }
}
