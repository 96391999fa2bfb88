using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Data;

namespace LeadPortal.Web.Tests.Support;

/// <summary>
/// A test's own unit of work has no organization scope (it is outside a web request), so it names the organization
/// whose leads it reads.
/// </summary>
public static class TestQueries
{
    public static IQueryable<Lead> LeadsOf(this LeadPortalDbContext db, int organizationId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Leads.Where(l => l.OrganizationId == organizationId);
    }
}
