using LeadPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadPortal.Infrastructure;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

public static class DependencyInjection
{
    public const string ConnectionStringName = "LeadPortal";

    /// <summary>
    /// Registers <see cref="LeadPortalDbContext"/> on the provider named by <c>Database:Provider</c>
    /// (Sqlite, the default, SqlServer or PostgreSql) with the <c>ConnectionStrings:LeadPortal</c> connection string. A lead's
    /// history and team are read in one query each (split queries), never as one cartesian join.
    /// </summary>
    public static IServiceCollection AddLeadPortalDatabase(this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = GetProvider(configuration);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);

        if (provider != DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException($"Database:Provider is {provider} but ConnectionStrings:LeadPortal is empty.");
        }

        switch (provider)
        {
            case DatabaseProvider.SqlServer:
                services.AddDbContext<LeadPortalDbContext, SqlServerLeadPortalDbContext>(o =>
                    o.UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure().UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)));
                break;
            case DatabaseProvider.PostgreSql:
                services.AddDbContext<LeadPortalDbContext, PostgreSqlLeadPortalDbContext>(o => o
                    .UseNpgsql(connectionString, sql => sql.EnableRetryOnFailure().UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
                    .AddInterceptors(CaseInsensitiveLikeInterceptor.Instance));
                break;
            default:
                var sqlite = SqliteConnectionString(connectionString, contentRootPath);
                services.AddDbContext<LeadPortalDbContext, SqliteLeadPortalDbContext>(o => o.UseSqlite(sqlite, sql => sql.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)));
                break;
        }

        return services;
    }

    public static DatabaseProvider GetProvider(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return DatabaseProvider.Sqlite;
        }

        return Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var provider)
            ? provider
            : throw new InvalidOperationException($"Database:Provider '{value}' is not known; use Sqlite, SqlServer or PostgreSql.");
    }

    /// <summary>A relative SQLite file is placed under the content root, and its folder is created.</summary>
    private static string SqliteConnectionString(string? configured, string contentRootPath)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(configured) ? "Data Source=App_Data/leadportal.db" : configured);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.Combine(contentRootPath, builder.DataSource);
        }

        var folder = Path.GetDirectoryName(builder.DataSource);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        return builder.ToString();
    }
}

public static class NotificationRegistration
{
    /// <summary>Options, the mail transport (SMTP when a host is configured, else the pickup folder) and the job classes.</summary>
    public static IServiceCollection AddLeadPortalNotificationsAndJobs(this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var notifications = configuration.GetSection(Notifications.NotificationOptions.SectionName).Get<Notifications.NotificationOptions>() ?? new();
        if (!Path.IsPathRooted(notifications.PickupDirectory))
        {
            notifications.PickupDirectory = Path.Combine(contentRootPath, notifications.PickupDirectory);
        }

        services.AddSingleton(notifications);
        services.AddSingleton(configuration.GetSection(Jobs.JobOptions.SectionName).Get<Jobs.JobOptions>() ?? new());
        services.AddSingleton<Notifications.IEmailTransport>(_ => string.IsNullOrWhiteSpace(notifications.Smtp.Host)
            ? new Notifications.PickupFolderEmailTransport(notifications.PickupDirectory)
            : new Notifications.SmtpEmailTransport(notifications.Smtp));
        services.AddHttpClient<Notifications.IWebhookSender, Notifications.HttpWebhookSender>(http => http.Timeout = TimeSpan.FromSeconds(15))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { ConnectCallback = Notifications.WebhookAddresses.ConnectToPublicAddressAsync });
        services.AddScoped<Jobs.LeadExpiryJob>();
        services.AddScoped<Jobs.ContactUrgencyJob>();
        services.AddScoped<Jobs.OutboxDispatchJob>();
        return services;
    }
}
