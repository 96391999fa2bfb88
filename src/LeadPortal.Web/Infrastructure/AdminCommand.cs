using LeadPortal.Infrastructure.Identity;

namespace LeadPortal.Web.Infrastructure;

/// <summary>
/// <c>dotnet run --project src/LeadPortal.Web -- create-admin --organization "Name" --email a@b.c --password "..."</c>:
/// creates the first PartnerAdmin of an organization outside Development, where nothing is seeded.
/// </summary>
internal static class AdminCommand
{
    public const string Name = "create-admin";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        string? Option(string name)
        {
            var index = Array.IndexOf(args, $"--{name}");
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }

        var organizationName = Option("organization");
        var email = Option("email");
        var password = Option("password") ?? Environment.GetEnvironmentVariable("LEADPORTAL_ADMIN_PASSWORD");
        if (string.IsNullOrWhiteSpace(organizationName) || string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            await Console.Error.WriteLineAsync(
                "usage: create-admin --organization \"Contoso\" --email admin@contoso.com [--password <pw> | env LEADPORTAL_ADMIN_PASSWORD]");
            return 2;
        }

        await services.PrepareDatabaseAsync(seedDemoData: false);
        await using var scope = services.CreateAsyncScope();
        var setup = scope.ServiceProvider.GetRequiredService<OrganizationSetup>();
        var organization = await setup.EnsureOrganizationAsync(organizationName);
        var result = await setup.CreateUserAsync(organization, email, email, password, Roles.PartnerAdmin);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                await Console.Error.WriteLineAsync(error.Description);
            }

            return 1;
        }

        Console.WriteLine($"Created PartnerAdmin {email} in organization '{organization.Name}' ({organization.Slug}).");
        return 0;
    }
}
