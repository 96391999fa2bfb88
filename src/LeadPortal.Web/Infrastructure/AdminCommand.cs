using LeadPortal.Infrastructure.Identity;

namespace LeadPortal.Web.Infrastructure;

/// <summary>
/// <c>dotnet run --project src/LeadPortal.Web -- create-admin --organization "Name" --email a@b.c --password "..."</c>:
/// creates the first PartnerAdmin of an organization outside Development, where nothing is seeded.
/// <c>create-operator --email a@b.c --password "..."</c>: creates a platform operator, in no organization.
/// </summary>
internal static class AdminCommand
{
    public const string Name = "create-admin";
    public const string OperatorName = "create-operator";

    public static bool Handles(string[] args) => args.Length > 0 && args[0] is Name or OperatorName;

    public static Task<int> RunAsync(IServiceProvider services, string[] args) =>
        args.Length > 0 && args[0] == OperatorName ? CreateOperatorAsync(services, args[1..]) : CreateAdminAsync(services, args.Length > 0 && args[0] == Name ? args[1..] : args);

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, $"--{name}");
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static async Task<int> CreateOperatorAsync(IServiceProvider services, string[] args)
    {
        var email = Option(args, "email");
        var password = Option(args, "password") ?? Environment.GetEnvironmentVariable("LEADPORTAL_ADMIN_PASSWORD");
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            await Console.Error.WriteLineAsync("usage: create-operator --email ops@example.com [--password <pw> | env LEADPORTAL_ADMIN_PASSWORD]");
            return 2;
        }

        await services.PrepareDatabaseAsync(seedDemoData: false);
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<OrganizationSetup>().CreateOperatorAsync(email, email, password);
        if (!await ReportAsync(result))
        {
            return 1;
        }

        Console.WriteLine($"Created platform operator {email}.");
        return 0;
    }

    private static async Task<bool> ReportAsync(Microsoft.AspNetCore.Identity.IdentityResult result)
    {
        foreach (var error in result.Errors)
        {
            await Console.Error.WriteLineAsync(error.Description);
        }

        return result.Succeeded;
    }

    private static async Task<int> CreateAdminAsync(IServiceProvider services, string[] args)
    {
        var organizationName = Option(args, "organization");
        var email = Option(args, "email");
        var password = Option(args, "password") ?? Environment.GetEnvironmentVariable("LEADPORTAL_ADMIN_PASSWORD");
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
        if (!await ReportAsync(result))
        {
            return 1;
        }

        Console.WriteLine($"Created PartnerAdmin {email} in organization '{organization.Name}' ({organization.Slug}).");
        return 0;
    }
}
