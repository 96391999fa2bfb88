using LeadPortal.Core.Profiles;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Web.Features.Leads;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Features.Partners;

public sealed class PartnerSearch
{
    public string? Q { get; set => field = FieldRules.WithoutNul(value); }
    public string? Industry { get; set => field = FieldRules.WithoutNul(value); }
    public string? Country { get; set => field = FieldRules.WithoutNul(value); }
    public string? Size { get; set => field = FieldRules.WithoutNul(value); }
}

public sealed record PartnerCard(string Slug, BusinessProfile Profile);

/// <summary>Published profiles only: an unpublished organization has no listing at all.</summary>
public sealed class PartnerDirectory(LeadPortalDbContext db)
{
    public const int MaxResults = 50;

    public async Task<IReadOnlyList<PartnerCard>> SearchAsync(PartnerSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        // The public directory: every organization's published profile, to anyone.
        var profiles = db.BusinessProfiles.IgnoreQueryFilters().AsNoTracking().Where(p => p.IsPublished);
        if (!string.IsNullOrWhiteSpace(search.Q))
        {
            var tag = TagList.Pattern(search.Q);
            var text = "%" + search.Q.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            profiles = profiles.Where(p => EF.Functions.Like(p.Keywords, tag, "\\") || EF.Functions.Like(p.CompanyName, text, "\\")
                || EF.Functions.Like(p.Keywords, text, "\\"));
        }

        if (!string.IsNullOrWhiteSpace(search.Industry))
        {
            var pattern = TagList.Pattern(search.Industry);
            profiles = profiles.Where(p => EF.Functions.Like(p.Industries, pattern, "\\"));
        }

        if (!string.IsNullOrWhiteSpace(search.Country))
        {
            var pattern = TagList.Pattern(search.Country);
            profiles = profiles.Where(p => EF.Functions.Like(p.Countries, pattern, "\\"));
        }

        if (!string.IsNullOrWhiteSpace(search.Size))
        {
            var pattern = TagList.Pattern(search.Size);
            profiles = profiles.Where(p => EF.Functions.Like(p.CompanySizes, pattern, "\\"));
        }

        return await profiles
            .Join(db.Organizations, p => p.OrganizationId, o => o.Id, (p, o) => new { o.Slug, Profile = p })
            .OrderBy(x => x.Profile.CompanyName)
            .Take(MaxResults)
            .Select(x => new PartnerCard(x.Slug, x.Profile))
            .ToListAsync(cancellationToken);
    }

    public async Task<(int OrganizationId, BusinessProfile Profile)?> FindPublishedAsync(string slug, CancellationToken cancellationToken)
    {
        var found = await db.Organizations.AsNoTracking()
            .Where(o => o.Slug == slug)
            .Join(db.BusinessProfiles.IgnoreQueryFilters().AsNoTracking().Where(p => p.IsPublished), o => o.Id, p => p.OrganizationId, (o, p) => new { o.Id, Profile = p })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.Id, found.Profile);
    }
}
