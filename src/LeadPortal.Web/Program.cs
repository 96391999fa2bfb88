using FluentValidation;
using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Infrastructure.Identity;
using LeadPortal.Web.Features.Api;
using LeadPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
var services = builder.Services;
var isBenchmark = args.Length > 0 && args[0] == ExpiryBenchmark.Name;
if (isBenchmark)
{
    builder.Configuration.AddInMemoryCollection(ExpiryBenchmark.SettingsFor(args));
}

WebBenchmarkSeed.Configure(builder.Configuration, args);

services.TryAddSingleton(TimeProvider.System);
services.Configure<LeadTimingOptions>(builder.Configuration.GetSection(LeadTimingOptions.SectionName));
services.AddSingleton(sp => sp.GetRequiredService<IOptions<LeadTimingOptions>>().Value);

services.AddLeadPortalDatabase(builder.Configuration, builder.Environment.ContentRootPath);
// The keys behind sign-in cookies and antiforgery tokens live in the database, under one application name, so that
// every instance of the portal on that database reads what another one wrote (whatever folder it was deployed to).
services.AddDataProtection()
    .SetApplicationName("LeadPortal")
    .PersistKeysToDbContext<LeadPortalDbContext>();
services.AddIdentity<ApplicationUser, IdentityRole>(options =>
    {
        options.User.RequireUniqueEmail = true;
        options.Password.RequiredLength = 10;
        options.Password.RequireNonAlphanumeric = false;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Lockout.AllowedForNewUsers = true;
    })
    .AddEntityFrameworkStores<LeadPortalDbContext>()
    .AddDefaultTokenProviders()
    .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>();
// Every signed-in action compares its cookie's security stamp with the user's (SessionStampFilter: one indexed read of
// one column), so a session ends at once when the stamp is renewed. Identity's validator, which reloads the user and
// reissues the cookie, runs at this interval on every endpoint and refreshes the claims.
services.Configure<SecurityStampValidatorOptions>(options =>
    options.ValidationInterval = builder.Configuration.GetValue("Identity:SecurityStampValidationInterval", TimeSpan.FromMinutes(1)));
services.ConfigureApplicationCookie(options =>
{
    options.LoginPath = "/account/login";
    options.LogoutPath = "/account/logout";
    options.AccessDeniedPath = "/account/denied";
    options.Cookie.Name = "LeadPortal.Auth";
    options.Cookie.SameSite = SameSiteMode.Lax;
    options.SlidingExpiration = true;
});
services.Configure<DataProtectionTokenProviderOptions>(options =>
    options.TokenLifespan = LeadPortal.Infrastructure.Notifications.AccountEmailTemplates.PasswordResetLifetime);
services.AddScoped<LeadPortal.Web.Features.Team.TeamManagement>();
services.AddLeadPortalNotificationsAndJobs(builder.Configuration, builder.Environment.ContentRootPath);
services.AddLeadPortalHangfire(builder.Configuration);
services.AddHttpContextAccessor();
services.AddScoped<LeadPortal.Infrastructure.Data.IOrganizationScope, RequestOrganizationScope>();
services.AddScoped<OrganizationSetup>();
services.AddScoped<DemoDataSeeder>();
services.AddScoped<LeadPortal.Web.Features.Leads.LeadList>();
services.AddScoped<LeadPortal.Web.Features.Leads.LeadActions>();
services.AddSingleton<LeadPortal.Web.Features.Leads.SearchTrigrams>();
if (LeadPortal.Infrastructure.DependencyInjection.GetProvider(builder.Configuration) == LeadPortal.Infrastructure.DatabaseProvider.Sqlite)
{
    services.AddHostedService<LeadPortal.Web.Features.Leads.SearchTrigramsRefresher>();
}
services.AddScoped<LeadPortal.Web.Features.Partners.PartnerDirectory>();
services.AddLeadPortalRateLimits(builder.Configuration);
services.AddScoped<LeadPortal.Web.Features.Leads.LeadExport>();
services.AddScoped<LeadPortal.Web.Features.Insights.InsightsReader>();

services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
    .AddPolicy(Policies.WorksLeads, p => p.RequireRole(Roles.PartnerAdmin, Roles.ReferralsAdmin));

services.AddAuthentication()
    .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, LeadPortal.Web.Features.Api.ApiKeyAuthenticationHandler>(
        LeadPortal.Web.Features.Api.ApiKeyAuthenticationHandler.SchemeName, null);
services.AddProblemDetails();
services.AddLeadPortalLocalization();
services.AddOpenApi(options =>
{
    options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
    options.AddDocumentTransformer<ReferralsApiDocument>();
});
// The API's JSON (camelCase, enums as strings) for its answers, its problem details and its OpenAPI schemas.
services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
services.AddSingleton<LeadPortal.Infrastructure.Notifications.IWebhookPayloads, ReferralWebhookPayloads>();
services.AddControllersWithViews(options =>
{
    options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
    if (LeadPortal.Infrastructure.DependencyInjection.GetProvider(builder.Configuration) == LeadPortal.Infrastructure.DatabaseProvider.Sqlite)
    {
        options.Filters.Add(new OneConnectionPerRequestFilter());
    }

    // After the connection filter, so that on SQLite the check reads on the action's connection.
    options.Filters.Add(new SessionStampFilter());

    // The FluentValidation validators own every field rule, with their own messages.
    options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
}).AddJsonOptions(options => ApiJson.Configure(options.JsonSerializerOptions));
services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);
services.AddHealthChecks().AddDbContextCheck<LeadPortalDbContext>("database");
services.AddLeadPortalResponseCompression();

if (AdminCommand.Handles(args))
{
    var commandApp = builder.Build();
    return await AdminCommand.RunAsync(commandApp.Services, args);
}

if (isBenchmark)
{
    var benchmarkApp = builder.Build();
    return await ExpiryBenchmark.RunAsync(benchmarkApp.Services, args[1..]);
}

if (args.Length > 0 && args[0] == WebBenchmarkSeed.Name)
{
    return await WebBenchmarkSeed.RunAsync(builder.Build().Services, args[1..]);
}

var app = builder.Build();

await app.Services.PrepareDatabaseAsync(seedDemoData: app.Environment.IsDevelopment());

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error");
    app.UseHsts();
}

app.UseLeadPortalSecurityHeaders();
app.UseResponseCompression();
app.UseStatusCodePagesWithReExecute("/error/{0}");
app.UseLeadPortalStaticFiles();
app.UseLeadPortalLocalization();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapHealthChecks("/healthz").AllowAnonymous();
app.MapControllers();
app.MapOpenApi().AllowAnonymous();
app.MapGet("/api/docs", () => Results.Redirect("/api-reference/index.html")).AllowAnonymous().ExcludeFromDescription();
app.UseLeadPortalJobs();

await app.RunAsync();
return 0;

public partial class Program;
