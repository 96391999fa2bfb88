using LeadPortal.Infrastructure.Data;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LeadPortal.Browser.Tests.Support;

/// <summary>
/// The real portal served by Kestrel on a loopback port, over its own SQLite file, with the demo data and a fake
/// clock the tests can move. Jobs do not run by themselves: a test runs them through <see cref="Services"/>.
/// </summary>
public sealed class PortalHost : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"leadportal-browser-{Guid.NewGuid():N}.db");

    public PortalHost() => UseKestrel(0);

    public FakeTimeProvider Clock { get; } = new(Start);

    public ServerErrorLog Errors { get; } = new();

    public string MailDirectory { get; } = Path.Combine(Path.GetTempPath(), $"leadportal-browser-mail-{Guid.NewGuid():N}");

    /// <summary>Where Kestrel listens, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Starts Kestrel, applies the migrations (the app does at start-up) and adds the demo organizations and leads.</summary>
    public async Task StartAsync()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel did not report the address it listens on.");
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal) && !a.EndsWith(":0", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Kestrel listens on no loopback port: {string.Join(", ", addresses)}.");
        BaseAddress = new Uri(address);

        using var scope = Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
    }

    public async Task<T> WithDbAsync<T>(Func<LeadPortalDbContext, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<LeadPortalDbContext>());
    }

    /// <summary>Resolves <typeparamref name="TService"/> from a fresh service scope, as a Hangfire job would be.</summary>
    public async Task<T> InScopeAsync<TService, T>(Func<TService, Task<T>> work)
        where TService : notnull
    {
        ArgumentNullException.ThrowIfNull(work);
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:LeadPortal", $"Data Source={_databasePath};Pooling=False");
        // The tests run the jobs themselves, with the fake clock; mail goes to a folder of this host's own.
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

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(MailDirectory))
        {
            Directory.Delete(MailDirectory, recursive: true);
        }

        foreach (var path in new[] { _databasePath, _databasePath + "-wal", _databasePath + "-shm" })
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // A file still held by a closing connection is left to the temp folder's cleanup.
            }
        }

        GC.SuppressFinalize(this);
    }
}
