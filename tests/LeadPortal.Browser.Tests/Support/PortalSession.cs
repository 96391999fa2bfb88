using System.Text.RegularExpressions;

using LeadPortal.Infrastructure.Data;

using Microsoft.Playwright;

namespace LeadPortal.Browser.Tests.Support;

/// <summary>
/// One person at one browser: a fresh context (own cookies) and page on the portal. It keeps score of the pages
/// visited, so that a scenario fails if it leaves a page without an accessibility check, if the page threw a script
/// error, or if the server logged an error; it saves a screenshot of the end state (or of the failure).
/// </summary>
public sealed class PortalSession : IAsyncDisposable
{
    private const string FailedSuffix = "-failed";

    private readonly Lock _gate = new();
    private readonly List<string> _unchecked = [];
    private readonly List<string> _scriptErrors = [];
    private readonly PortalHost _host;
    private readonly string _scenario;
    private readonly int _serverErrorsAtStart;
    private int _navigations;
    private int _checkedNavigation;
    private string? _currentUrl;
    private bool _finished;

    private PortalSession(PortalHost host, string scenario, IBrowserContext context, IPage page)
    {
        _host = host;
        _scenario = scenario;
        Context = context;
        Page = page;
        _serverErrorsAtStart = host.Errors.Entries.Count;
        page.FrameNavigated += OnFrameNavigated;
        page.PageError += (_, error) =>
        {
            lock (_gate)
            {
                _scriptErrors.Add(error);
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>How many documents the page has loaded; a change made in place by script leaves it as it is.</summary>
    public int Navigations
    {
        get
        {
            lock (_gate)
            {
                return _navigations;
            }
        }
    }

    /// <summary>bin/&lt;configuration&gt;/net10.0/screenshots: one PNG per scenario, "-failed" added when it failed.</summary>
    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    internal static async Task<PortalSession> OpenAsync(PortalFixture fixture, string scenario, ViewportSize? viewport, bool isMobile)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Host.BaseAddress.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = isMobile,
            HasTouch = isMobile,
            // No transitions: the offcanvas and alerts are checked as they finally look, not halfway through a fade.
            ReducedMotion = ReducedMotion.Reduce,
            Locale = "en-US",
            TimezoneId = "UTC",
            // The scenarios read the page with Playwright's evaluate calls, which the portal's script-src 'self' would
            // refuse; that the pages hold no inline script or style is SecurityHeadersTests' to check.
            BypassCSP = true,
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();

        // A screenshot left by an earlier run must not pass for this run's.
        Directory.CreateDirectory(ScreenshotFolder);
        File.Delete(Path.Combine(ScreenshotFolder, scenario + ".png"));
        File.Delete(Path.Combine(ScreenshotFolder, scenario + FailedSuffix + ".png"));
        return new PortalSession(fixture.Host, scenario, context, page);
    }

    /// <summary>Signs in through the sign-in page, as a person would, and lands on the Marketplace list.</summary>
    public async Task SignInAsync(string email)
    {
        await Page.GotoAsync("/account/login");
        await SignInHereAsync(email, new Regex("/leads/marketplace$"));
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Leads", Exact = true })).ToBeVisibleAsync();
        await CheckAccessibilityAsync();
    }

    /// <summary>Fills the sign-in page the browser shows now and waits for the portal to send it to <paramref name="landing"/>.</summary>
    public async Task SignInHereAsync(string email, Regex landing)
    {
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to LeadPortal" })).ToBeVisibleAsync();
        await CheckAccessibilityAsync();
        await Page.GetByLabel("Email").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(DemoDataSeeder.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(landing);
    }

    /// <summary>Runs axe on the current page; fails on any serious or critical violation.</summary>
    public async Task CheckAccessibilityAsync()
    {
        // Judge the page as it finally looks: its stylesheets and fonts loaded. Polled, so a load event that fired
        // before anyone listened cannot be missed.
        await Page.WaitForFunctionAsync("() => document.readyState === 'complete'", null, new() { PollingInterval = 50 });
        int navigation;
        lock (_gate)
        {
            navigation = _navigations;
        }

        var violations = await Axe.SeriousViolationsAsync(Page);
        lock (_gate)
        {
            _checkedNavigation = Math.Max(_checkedNavigation, navigation);
        }

        if (violations.Count > 0)
        {
            Assert.Fail(Axe.Describe(Page.Url, violations));
        }
    }

    /// <summary>Accepts the next confirm dialog and tells its message.</summary>
    public Task<string> AcceptNextDialog()
    {
        var message = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnDialog(object? sender, IDialog dialog)
        {
            Page.Dialog -= OnDialog;
            message.TrySetResult($"{dialog.Type}: {dialog.Message}");
            _ = dialog.AcceptAsync();
        }

        Page.Dialog += OnDialog;
        return message.Task;
    }

    /// <summary>
    /// Ends the scenario: saves the screenshot of its end state and fails if a visited page went unchecked, the page
    /// threw a script error or the server logged an error.
    /// </summary>
    public async Task FinishAsync(bool fullPage = true)
    {
        await ScreenshotAsync(_scenario, fullPage);
        _finished = true;
        List<string> problems = [];
        lock (_gate)
        {
            if (_navigations > _checkedNavigation && _currentUrl is not null)
            {
                _unchecked.Add(_currentUrl);
            }

            if (_unchecked.Count > 0)
            {
                problems.Add("pages left without an accessibility check: " + string.Join(", ", _unchecked));
            }

            problems.AddRange(_scriptErrors.Select(e => "script error: " + e));
        }

        problems.AddRange(_host.Errors.Entries.Skip(_serverErrorsAtStart).Select(e => "server error: " + e));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>Saves a PNG of the page under the test output's screenshots folder, the whole page unless told otherwise.</summary>
    public async Task<string> ScreenshotAsync(string name, bool fullPage = true)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_finished)
        {
            try
            {
                await ScreenshotAsync(_scenario + FailedSuffix);
            }
            catch (PlaywrightException)
            {
                // The page may be gone with the failure; the test's own message says what happened.
            }
        }

        await Context.CloseAsync();
    }

    private void OnFrameNavigated(object? sender, IFrame frame)
    {
        if (frame != Page.MainFrame || frame.Url.StartsWith("about:", StringComparison.Ordinal))
        {
            return;
        }

        lock (_gate)
        {
            if (_navigations > _checkedNavigation && _currentUrl is not null)
            {
                _unchecked.Add(_currentUrl);
            }

            _navigations++;
            _currentUrl = frame.Url;
        }
    }
}
