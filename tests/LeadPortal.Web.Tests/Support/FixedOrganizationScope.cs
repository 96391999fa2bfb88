using LeadPortal.Infrastructure.Data;

namespace LeadPortal.Web.Tests.Support;

/// <summary>The scope a web request of <paramref name="organizationId"/>'s user has, for a context a test builds itself.</summary>
public sealed class FixedOrganizationScope(int organizationId) : IOrganizationScope
{
    public int? OrganizationId { get; } = organizationId;
}
