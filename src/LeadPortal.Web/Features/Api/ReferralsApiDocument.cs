using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LeadPortal.Web.Features.Api;

/// <summary>
/// The OpenAPI document's own parts: what the API is, its licence, how to authenticate (a bearer API key, required on
/// every operation), and its tag. Kept so that the document passes Redocly's recommended rules
/// (tools/openapi-lint) and a generated client needs no hand edits.
/// </summary>
public sealed class ReferralsApiDocument : IOpenApiDocumentTransformer
{
    public const string SecurityScheme = "apiKey";
    public const string Tag = "Referrals";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info.Title = "LeadPortal referrals API";
        document.Info.Description = "Send qualified leads to partners, and read and work your organization's leads. " +
            "Authenticate with `Authorization: Bearer lp_…` (keys are created by a partner admin under API keys).";
        document.Info.License = new OpenApiLicense
        {
            Name = "Proprietary: for LeadPortal partners and platform staff",
            Identifier = "LicenseRef-LeadPortal-Partner-Terms",
        };
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SecurityScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "lp_…",
            Description = "An API key created under Settings → API keys, sent as `Authorization: Bearer lp_…`.",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, document)] = [] }];
        document.Tags = new HashSet<OpenApiTag>
        {
            new() { Name = Tag, Description = "Leads sent to an organization: create them, read them, and work them from accept to won or lost." },
        };
        return Task.CompletedTask;
    }
}
