using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.Logging;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using LeadPortal.Infrastructure;
using LeadPortal.Infrastructure.Identity;
using LeadPortal.Infrastructure.Jobs;

namespace LeadPortal.Web.Infrastructure;

/// <summary>
/// Hangfire's storage follows the database: SQL Server or PostgreSQL storage on those servers (several instances share one
/// job store, and its distributed locks run each recurring job once per schedule), an in-process store on the embedded SQLite default (the jobs are sweeps over the lead
/// table, so a restart loses nothing).
/// </summary>
internal static class HangfireSetup
{
    public const string DashboardPolicy = "HangfireDashboard";

    public static IServiceCollection AddLeadPortalHangfire(this IServiceCollection services, IConfiguration configuration)
    {
        var jobs = configuration.GetSection(JobOptions.SectionName).Get<JobOptions>() ?? new();
        // The storage is this host's own service, not Hangfire's process-wide JobStorage.Current, which every host of
        // one process (the tests run many) would overwrite in turn.
        var connectionString = configuration.GetConnectionString(DependencyInjection.ConnectionStringName);
        services.AddSingleton<JobStorage>(_ => DependencyInjection.GetProvider(configuration) switch
        {
            DatabaseProvider.SqlServer => new SqlServerStorage(connectionString, new SqlServerStorageOptions { PrepareSchemaIfNecessary = true, SchemaName = "hangfire" }),
            DatabaseProvider.PostgreSql => new PostgreSqlStorage(
                new NpgsqlConnectionFactory(connectionString, new PostgreSqlStorageOptions()),
                new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true, SchemaName = "hangfire" }),
            _ => new InMemoryStorage(),
        });
        services.AddHangfire((provider, config) => config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(provider.GetRequiredService<ILoggerFactory>())));
        if (jobs.RunServer)
        {
            services.AddHangfireServer(options => options.WorkerCount = Math.Max(2, Environment.ProcessorCount));
        }

        // The dashboard triggers and deletes the jobs of every organization: the platform operator's alone.
        services.AddAuthorizationBuilder().AddPolicy(DashboardPolicy, p => p.RequireRole(Roles.PlatformOperator));
        return services;
    }

    public static void UseLeadPortalJobs(this WebApplication app)
    {
        var jobs = app.Services.GetRequiredService<JobOptions>();
        var manager = app.Services.GetRequiredService<IRecurringJobManager>();
        manager.AddOrUpdate<LeadExpiryJob>(LeadExpiryJob.Id, j => j.RunAsync(CancellationToken.None), jobs.ExpiryCron);
        manager.AddOrUpdate<ContactUrgencyJob>(ContactUrgencyJob.Id, j => j.RunAsync(CancellationToken.None), jobs.UrgencyCron);
        manager.AddOrUpdate<OutboxDispatchJob>(OutboxDispatchJob.Id, j => j.RunAsync(CancellationToken.None), jobs.OutboxCron);

        // Endpoint authorization decides (a signed-in platform operator only); Hangfire's own filter would allow only local requests.
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new AllowAllDashboardAuthorizationFilter()],
            DashboardTitle = "LeadPortal jobs",
            AppPath = "/",
        }).RequireAuthorization(DashboardPolicy);
    }

    /// <summary>
    /// Hangfire keeps one log provider for the whole process, the last host's. Should that host stop first (the tests
    /// start and stop many in one process), the others' Hangfire code gets silent loggers instead of an exception.
    /// </summary>
    private sealed class HostLogProvider(ILoggerFactory factory) : ILogProvider
    {
        private readonly AspNetCoreLogProvider _host = new(factory);

        public ILog GetLogger(string name)
        {
            try
            {
                return _host.GetLogger(name);
            }
            catch (ObjectDisposedException)
            {
                return SilentLog.Instance;
            }
        }
    }

    private sealed class SilentLog : ILog
    {
        public static readonly SilentLog Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }

    private sealed class AllowAllDashboardAuthorizationFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => true;
    }
}
