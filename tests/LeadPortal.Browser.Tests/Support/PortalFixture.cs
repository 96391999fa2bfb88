using Microsoft.Playwright;

namespace LeadPortal.Browser.Tests.Support;

/// <summary>
/// One portal host and one Chromium for a collection of scenarios; each scenario opens its own browser context
/// (its own cookies) through <see cref="OpenAsync"/>.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public PortalHost Host { get; } = new();

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        // Fail fast and plainly when Chromium is missing, before the app host is built.
        (_playwright, _browser) = await Chromium.LaunchAsync();
        Assertions.SetDefaultExpectTimeout(20_000);
        await Host.StartAsync();
    }

    /// <summary>A fresh browser context and page on the portal; <paramref name="viewport"/> defaults to a laptop screen.</summary>
    public Task<PortalSession> OpenAsync(string scenario, ViewportSize? viewport = null, bool isMobile = false) =>
        PortalSession.OpenAsync(this, scenario, viewport, isMobile);

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        await Host.DisposeAsync();
    }
}

/// <summary>Scenarios that share one portal whose clock stands still at <see cref="PortalHost.Start"/>.</summary>
[CollectionDefinition(Name)]
public sealed class SharedPortal : ICollectionFixture<PortalFixture>
{
    public const string Name = "Portal";
}

/// <summary>Scenarios that move the clock get a portal of their own, so no other scenario sees the time jump.</summary>
[CollectionDefinition(Name)]
public sealed class MovingClockPortal : ICollectionFixture<PortalFixture>
{
    public const string Name = "Portal with a moving clock";
}
