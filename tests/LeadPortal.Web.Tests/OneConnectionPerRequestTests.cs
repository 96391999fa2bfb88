using System.Data.Common;
using System.Net;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace LeadPortal.Web.Tests;

/// <summary>
/// On SQLite an action opens its database connection once, however many queries it runs; a view with the profile
/// banner opens it once more.
/// </summary>
[Trait(Runs.Trait, Runs.OnSqliteOnly)]
public sealed class OneConnectionPerRequestTests(OneConnectionPerRequestTests.CountingFactory factory) : IClassFixture<OneConnectionPerRequestTests.CountingFactory>
{
    public sealed class CountingFactory : PortalFactory
    {
        public OpenCounter Opens { get; } = new();

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.ConfigureDbContext<SqliteLeadPortalDbContext>(options => options.AddInterceptors(Opens)));
        }
    }

    public sealed class OpenCounter : DbConnectionInterceptor
    {
        private int _opened;

        public int Take() => Interlocked.Exchange(ref _opened, 0);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _opened);
            return Task.CompletedTask;
        }

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Interlocked.Increment(ref _opened);
    }

    [Theory]
    [InlineData("/leads/marketplace", 2)]
    [InlineData("/leads/qualified?q=jordan", 2)]
    [InlineData("/insights?period=90", 1)]
    public async Task Page_OpensTheConnectionOnceForTheActionAndOnceForTheView(string url, int opens)
    {
        await factory.SeededAsync();
        using var client = await factory.SignInAsync("admin@contoso.test");
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
        factory.Opens.Take();

        var response = await client.Http.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(opens, factory.Opens.Take());
    }
}
