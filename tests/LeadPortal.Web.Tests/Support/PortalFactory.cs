using LeadPortal.Infrastructure.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LeadPortal.Web.Tests.Support;

/// <summary>
/// The real portal over its own database (a SQLite file, or a PostgreSQL database: see <see cref="TestDatabase"/>), with a fake clock. The demo organizations (Contoso, Fabrikam)
/// and their users are seeded through the same seeder Development uses.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private readonly bool _ownsDatabase;
    private bool _seeded;

    public PortalFactory()
        : this(TestDatabase.Create(), ownsDatabase: true)
    {
    }

    /// <summary>
    /// A portal on <paramref name="database"/>, which another portal may share (a second instance, which leaves the
    /// database to its owner; not public, since xUnit fixtures have one public constructor).
    /// </summary>
    internal PortalFactory(TestDatabase database, bool ownsDatabase = false)
    {
        Database = database;
        _ownsDatabase = ownsDatabase;
    }

    public TestDatabase Database { get; }

    /// <summary>The repository's root folder (the one holding LeadPortal.sln), found above the test output.</summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LeadPortal.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("LeadPortal.sln not found above the test output.");
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    public ErrorLog Errors { get; } = new();

    /// <summary>The SQLite file (the SQLite-only tests read its query plans).</summary>
    public string DatabasePath => ((SqliteTestDatabase)Database).Path;

    public string MailDirectory { get; } = Path.Combine(Path.GetTempPath(), $"leadportal-mail-{Guid.NewGuid():N}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("ConnectionStrings:LeadPortal", Database.ConnectionString);
        // Tests run the jobs themselves, with the fake clock; mail goes to a folder of this factory's own.
        builder.UseSetting("Jobs:RunServer", "false");
        builder.UseSetting("Notifications:PickupDirectory", MailDirectory);
        builder.UseSetting("Notifications:Smtp:Host", "");
        builder.ConfigureLogging(logging => logging.AddProvider(Errors));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>Seeds the demo data once per factory and returns this factory for chaining.</summary>
    public async Task<PortalFactory> SeededAsync()
    {
        if (!_seeded)
        {
            using var scope = Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
            _seeded = true;
        }

        return this;
    }

    public async Task<T> WithDbAsync<T>(Func<LeadPortalDbContext, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<LeadPortalDbContext>());
    }

    public async Task WithDbAsync(Func<LeadPortalDbContext, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var scope = Services.CreateScope();
        await work(scope.ServiceProvider.GetRequiredService<LeadPortalDbContext>());
    }

    /// <summary>Runs <paramref name="work"/> on a unit of work scoped as a web request of <paramref name="organizationId"/>'s user is.</summary>
    public async Task<T> WithScopedDbAsync<T>(int organizationId, Func<LeadPortalDbContext, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var scope = Services.CreateScope();
        var type = scope.ServiceProvider.GetRequiredService<LeadPortalDbContext>().GetType();
        await using var db = (LeadPortalDbContext)ActivatorUtilities.CreateInstance(scope.ServiceProvider, type, new FixedOrganizationScope(organizationId));
        return await work(db);
    }

    public PortalClient CreatePortalClient() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public async Task<PortalClient> SignInAsync(string email)
    {
        var client = CreatePortalClient();
        var response = await client.SignInAsync(email, DemoDataSeeder.Password);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {email} failed with {(int)response.StatusCode}.");
        }

        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            if (Directory.Exists(MailDirectory))
            {
                Directory.Delete(MailDirectory, recursive: true);
            }

            if (_ownsDatabase)
            {
                Database.Dispose();
            }
        }
    }
}
