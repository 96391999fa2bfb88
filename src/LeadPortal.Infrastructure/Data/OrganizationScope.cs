namespace LeadPortal.Infrastructure.Data;

/// <summary>
/// The organization whose rows a unit of work sees. Every organization-owned entity has a query filter on it (see
/// <see cref="LeadPortalDbContext"/>), so a query written without a thought for organizations still sees only the
/// signed-in user's. In a web request it is the user's organization (from the cookie or the API key), or
/// <see cref="Nobody"/> when no one is signed in: such a request sees no organization's rows unless its code opts out
/// with <c>IgnoreQueryFilters()</c> and says why (intake, the public directory, authentication). Outside a web request
/// (the jobs, the command line, a test's own unit of work) it is null: no scope, since those work across organizations;
/// the context then uses the model without the filters, and the jobs still say <c>IgnoreQueryFilters()</c> where they
/// read across organizations, so that they stay right wherever they run.
/// </summary>
public interface IOrganizationScope
{
    /// <summary>An id no organization has: the scope of a request without a signed-in user.</summary>
    public const int Nobody = 0;

    int? OrganizationId { get; }
}
