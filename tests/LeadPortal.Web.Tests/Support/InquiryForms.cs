using System.Globalization;
using LeadPortal.Core.Leads;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Tests.Support;

/// <summary>The public inquiry form on a partner's listing, as a customer fills it in.</summary>
public static class InquiryForms
{
    public const string Form = "#inquiry-form";

    private static int s_counter;

    /// <summary>A company name no other test uses, so a test finds exactly its own lead.</summary>
    public static string UniqueCompany(string label) =>
        string.Create(CultureInfo.InvariantCulture, $"{label} Inquiry {Interlocked.Increment(ref s_counter)} Ltd");

    public static List<(string Name, string? Value)> Valid(string company, bool contactMe = false) =>
    [
        ("CompanyName", company),
        ("ContactName", "Carla Customer"),
        ("Email", "carla@customer.example"),
        ("Phone", "+886 2 8888 1234"),
        ("Country", "Taiwan"),
        ("City", "Taichung"),
        ("CompanySize", "50-249"),
        ("Industry", "Retail"),
        ("Need", "We want to move our shop systems to the cloud this year."),
        ("ContactMe", contactMe ? "true" : null),
    ];

    /// <summary>Opens the partner's public page as an anonymous visitor and posts its inquiry form with <paramref name="values"/>.</summary>
    public static async Task<HttpResponseMessage> SendInquiryAsync(this PortalClient client, string slug, IEnumerable<(string Name, string? Value)> values)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetPageAsync($"/partners/{slug}");
        return await client.SubmitWithAsync(page, Form, values);
    }

    /// <summary>The leads stored with this customer company name, in any organization.</summary>
    public static Task<List<Lead>> LeadsOfCompanyAsync(this PortalFactory factory, string company)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.WithDbAsync(db => db.Leads.AsNoTracking().Where(l => l.Customer.CompanyName == company).ToListAsync());
    }
}
