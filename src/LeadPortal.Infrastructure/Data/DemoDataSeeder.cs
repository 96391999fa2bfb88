using LeadPortal.Core.Leads;
using LeadPortal.Core.Organizations;
using LeadPortal.Core.Profiles;
using LeadPortal.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Infrastructure.Data;

/// <summary>
/// Development demo data: Contoso and Fabrikam with their admins and about 60 leads each, covering every type,
/// stage and outcome, contact requests inside and past the urgent window, and leads close to their deadline.
/// </summary>
public sealed class DemoDataSeeder(LeadPortalDbContext db, OrganizationSetup setup, TimeProvider clock, LeadTimingOptions timing)
{
    public const string Password = "LeadPortal!2026";
    public const int LeadsPerOrganization = 60;

    private static readonly string[] Companies =
    [
        "Northwind Traders", "Adventure Works", "Tailspin Toys", "Wide World Importers", "Alpine Ski House",
        "Blue Yonder Airlines", "Coho Winery", "Datum Corporation", "Fourth Coffee", "Graphic Design Institute",
        "Humongous Insurance", "Litware Inc.", "Lucerne Publishing", "Margie's Travel", "Proseware Inc.",
        "School of Fine Art", "Southridge Video", "Trey Research", "Woodgrove Bank", "Wingtip Toys",
        "台灣精密科技", "臺北資訊服務", "高雄海運物流", "新竹半導體", "台中精機製造",
    ];

    private static readonly string[] People =
    [
        "Avery Chen", "Jordan Lin", "Morgan Wu", "Taylor Huang", "Riley Chang", "Casey Liu", "Jamie Tsai",
        "Drew Yang", "Skyler Kuo", "Quinn Hsu", "陳怡君", "林志明", "王小美", "張家豪", "李佳穎",
    ];

    private static readonly string[] Needs =
    [
        "We want to move our on-premises file servers to the cloud and need help planning the migration.",
        "Looking for a partner to roll out Teams and train 200 staff across three offices.",
        "Need a security assessment and a plan for multi-factor authentication.",
        "We need a CRM set up for our sales team of 25 people, with data migrated from spreadsheets.",
        "Our ERP is out of support; we want a partner to evaluate cloud ERP options.",
        "Build a Power BI dashboard over our production data.",
        "希望導入雲端備份方案，並協助員工教育訓練。",
    ];

    private static readonly (string Country, string City)[] Places =
    [
        ("Taiwan", "Taipei"), ("Taiwan", "Kaohsiung"), ("Taiwan", "Hsinchu"), ("Japan", "Osaka"),
        ("Singapore", "Singapore"), ("United States", "Seattle"), ("Germany", "Berlin"),
    ];

    private static readonly string[] Sizes = ["1-9", "10-49", "50-249", "250-999", "1000+"];
    private static readonly string[] Industries = ["Manufacturing", "Retail", "Financial services", "Healthcare", "Education", "Government"];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Organizations.AnyAsync(cancellationToken))
        {
            return;
        }

        await setup.EnsureRolesAsync();
        var contoso = await setup.EnsureOrganizationAsync("Contoso");
        var fabrikam = await setup.EnsureOrganizationAsync("Fabrikam");
        await Require(setup.CreateUserAsync(contoso, "admin@contoso.test", "Ava Admin", Password, Roles.PartnerAdmin));
        await Require(setup.CreateUserAsync(contoso, "referrals@contoso.test", "Ray Referrals", Password, Roles.ReferralsAdmin));
        await Require(setup.CreateUserAsync(fabrikam, "admin@fabrikam.test", "Fay Fabrikam", Password, Roles.PartnerAdmin));
        await Require(setup.CreateOperatorAsync("operator@leadportal.test", "Olive Operator", Password));

        var now = clock.GetUtcNow().UtcDateTime;
        db.BusinessProfiles.Add(Profile(contoso.Id, "Contoso",
            "Cloud migration, modern workplace and security for mid-sized companies in Taiwan and Japan.",
            ["cloud migration", "Microsoft 365", "security", "Teams"], ["Manufacturing", "Retail", "Financial services"], ["10-49", "50-249", "250-999"], ["Taiwan", "Japan"],
            [new ProfileLocation("Taipei office", "No. 7, Xinyi Rd. Sec. 5", "Taipei", "Taiwan", "Ava Admin", "admin@contoso.test", "+886 2 5555 0100"),
             new ProfileLocation("Kaohsiung office", "No. 1, Zhongzheng 4th Rd.", "Kaohsiung", "Taiwan", "Ray Referrals", "referrals@contoso.test", "+886 7 5555 0200")],
            now));
        db.BusinessProfiles.Add(Profile(fabrikam.Id, "Fabrikam",
            "Data and analytics partner: Power BI, data platforms and AI for retailers and manufacturers.",
            ["Power BI", "data platform", "AI"], ["Retail", "Manufacturing"], ["50-249", "250-999", "1000+"], ["Singapore", "Taiwan"],
            [new ProfileLocation("Singapore office", "1 Marina Blvd", "Singapore", "Singapore", "Fay Fabrikam", "admin@fabrikam.test", "+65 5555 0300")],
            now));
        db.Leads.AddRange(CreateLeads(contoso.Id, "Contoso", now, seed: 1));
        db.Leads.AddRange(CreateLeads(fabrikam.Id, "Fabrikam", now, seed: 2));
        await db.SaveChangesAsync(cancellationToken);
    }

    private IEnumerable<Lead> CreateLeads(int organizationId, string organizationName, DateTime now, int seed)
    {
        var random = new Random(seed);
        var types = Enum.GetValues<LeadType>();
        for (var i = 0; i < LeadsPerOrganization; i++)
        {
            var type = types[i % types.Length];
            var company = Companies[random.Next(Companies.Length)];
            if (organizationName == "Fabrikam")
            {
                company = $"{company} (Fabrikam lead)";
            }

            var person = People[random.Next(People.Length)];
            var (country, city) = Places[random.Next(Places.Length)];
            var customer = new CustomerProfile(
                company, person, $"{Slug(person, i)}@{Slug(company, 0)}.example", $"+886 2 {random.Next(1000, 9999)} {random.Next(1000, 9999)}",
                country, city, Sizes[random.Next(Sizes.Length)], Industries[random.Next(Industries.Length)]);
            var sender = type switch
            {
                LeadType.CustomerInquiry => new LeadSender(SenderKind.Customer, person, customer.Email),
                LeadType.MarketingQualified => new LeadSender(SenderKind.PlatformStaff, "Platform marketing", "marketing@leadportal.example"),
                _ => i % 2 == 0
                    ? new LeadSender(SenderKind.PlatformStaff, "Morgan Seller", "seller@leadportal.example")
                    : new LeadSender(SenderKind.Partner, "Litware Partner Team", "referrals@litware.example"),
            };

            // Spread the stage by position so every stage and outcome appears in every type.
            var scenario = i % 10;
            var ageHours = scenario switch
            {
                0 => random.Next(1, 60),                                   // fresh, often urgent
                1 => random.Next(80, 200),                                 // contact request older than 72 hours
                2 => (int)timing.ResponseWindow.TotalHours - random.Next(6, 40), // close to the deadline
                _ => random.Next(24 * 3, 24 * 60),
            };
            var received = now.AddHours(-ageHours).AddMinutes(-random.Next(60));
            if (scenario is 3 or 4 && received + timing.ResponseWindow <= now)
            {
                received = now - timing.ResponseWindow + TimeSpan.FromHours(random.Next(30, 200));
            }

            var contactRequested = scenario is 0 or 1 || random.Next(4) == 0;
            var lead = Lead.Receive(organizationId, type, customer, Needs[random.Next(Needs.Length)], sender, contactRequested, received, timing.ResponseWindow);
            var actor = organizationName == "Contoso" ? "Ray Referrals" : "Fay Fabrikam";
            var answered = received.AddHours(random.Next(2, 48));
            switch (scenario)
            {
                case 5:
                case 6:
                    Accept(lead, random, actor, answered, i);
                    break;
                case 7:
                    Accept(lead, random, actor, answered, i);
                    lead.MarkWon(null, "Signed the contract.", actor, answered.AddHours(random.Next(2, 24)));
                    break;
                case 8:
                    if (i % 20 == 8)
                    {
                        Accept(lead, random, actor, answered, i);
                        lead.MarkLost("Customer chose a competitor.", actor, answered.AddHours(random.Next(2, 24)));
                    }
                    else
                    {
                        lead.Decline((DeclineReason)random.Next(0, 7), null, actor, answered);
                    }

                    break;
                case 9:
                    var expiredReceived = now.AddDays(-random.Next(15, 40));
                    lead = Lead.Receive(organizationId, type, customer, lead.Need, sender, contactRequested, expiredReceived, timing.ResponseWindow);
                    lead.Expire(lead.ResponseDeadlineUtc);
                    break;
            }

            // Demo leads are history, not news: nobody is notified of them.
            lead.ClearEvents();
            yield return lead;
        }
    }

    private static BusinessProfile Profile(int organizationId, string name, string description, string[] keywords, string[] industries,
        string[] sizes, string[] countries, ProfileLocation[] locations, DateTime now)
    {
        var profile = new BusinessProfile(organizationId, name);
        profile.Update(name, description, $"https://{name.ToLowerInvariant()}.example", null, keywords, industries, sizes, countries, locations, now);
        profile.Publish(now);
        return profile;
    }

    private static void Accept(Lead lead, Random random, string actor, DateTime at, int i)
    {
        var currency = i % 3 == 0 ? "TWD" : "USD";
        var amount = currency == "TWD" ? random.Next(100, 5000) * 1000m : random.Next(5, 200) * 1000m;
        var deal = new DealDetails(
            $"{lead.Customer.CompanyName} - {(i % 2 == 0 ? "cloud migration" : "modern workplace")}",
            Money.FromAmount(amount, currency),
            DateOnly.FromDateTime(at).AddDays(random.Next(30, 180)),
            "Customer wants a proposal this quarter.",
            i % 2 == 0 ? $"CRM-{1000 + i}" : null,
            i % 4 == 0 ? $"CMP-{200 + i}" : null);
        var contacts = i % 3 == 0 ? new[] { new TeamMember("Sam Engineer", "+886 2 5555 0101", $"sam{i}@partner.example") } : [];
        lead.Accept(deal, contacts, actor, at);
    }

    private static string Slug(string value, int suffix)
    {
        var ascii = new string([.. value.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);
        return (ascii.Length == 0 ? "contact" : ascii) + (suffix == 0 ? string.Empty : suffix.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task Require(Task<Microsoft.AspNetCore.Identity.IdentityResult> result)
    {
        var outcome = await result;
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", outcome.Errors.Select(e => e.Description)));
        }
    }
}
