using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using FluentValidation;
using LeadPortal.Core.Leads;
using LeadPortal.Web.Features.Leads;
using LeadPortal.Web.Tests.Support;

namespace LeadPortal.Web.Tests;

/// <summary>
/// Every text a user can see has a Traditional Chinese entry: view texts (L["…"]), form validator messages, lead labels
/// and e-mail templates. The language follows the switcher's cookie, else Accept-Language.
/// </summary>
public sealed partial class LocalizationTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public LocalizationTests(PortalFactory factory)
    {
        _factory = factory;
        factory.SeededAsync().GetAwaiter().GetResult();
    }

    private static string RepositoryRoot() => PortalFactory.RepositoryRoot();

    private static HashSet<string> ResxKeys(string relativePath) =>
        [.. XDocument.Load(Path.Combine(RepositoryRoot(), relativePath)).Root!.Elements("data")
            .Where(d => !string.IsNullOrWhiteSpace(d.Element("value")?.Value))
            .Select(d => d.Attribute("name")!.Value)];

    private static HashSet<string> WebKeys() => ResxKeys("src/LeadPortal.Web/Resources/SharedResource.zh-TW.resx");

    [GeneratedRegex("""L\[((?:[^\[\]]|\[[^\]]*\])*)\]""")]
    private static partial Regex LocalizerCall();

    [GeneratedRegex(@"""((?:[^""\\]|\\.)*)""")]
    private static partial Regex StringLiteral();

    [Fact]
    public void EveryDomainErrorCode_HasItsEnglishAndChineseText()
    {
        var codes = typeof(LeadPortal.Core.DomainErrors).GetFields()
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        var english = ResxKeys("src/LeadPortal.Web/Resources/SharedResource.resx");
        var chinese = WebKeys();

        Assert.NotEmpty(codes);
        var missing = codes.Where(c => !english.Contains(c) || !chinese.Contains(c)).ToList();
        Assert.True(missing.Count == 0, "Domain error codes without an English or a zh-TW text:\n" + string.Join("\n", missing));
    }

    [Theory]
    [InlineData("src/LeadPortal.Web/Resources/SharedResource.zh-TW.resx")]
    [InlineData("src/LeadPortal.Infrastructure/Notifications/EmailTemplates.zh-TW.resx")]
    public void ResourceNames_AreUniqueIgnoringCase_AsTheResourceCompilerRequires(string relativePath)
    {
        var names = XDocument.Load(Path.Combine(RepositoryRoot(), relativePath)).Root!.Elements("data").Select(d => d.Attribute("name")!.Value).ToList();

        var duplicates = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => string.Join(" / ", g)).ToList();
        Assert.True(duplicates.Count == 0, "The resource compiler drops all but one of:\n" + string.Join("\n", duplicates));
    }

    [Fact]
    public void EveryViewText_HasATraditionalChineseEntry()
    {
        var keys = WebKeys();
        var views = Directory.GetFiles(Path.Combine(RepositoryRoot(), "src/LeadPortal.Web/Views"), "*.cshtml", SearchOption.AllDirectories);
        var texts = views
            .SelectMany(view => LocalizerCall().Matches(File.ReadAllText(view))
                .SelectMany(call => StringLiteral().Matches(call.Groups[1].Value).Select(m => (view, text: m.Groups[1].Value.Replace("\\\"", "\"", StringComparison.Ordinal)))))
            .Where(t => t.text.Any(char.IsAsciiLetter))
            .ToList();

        Assert.True(texts.Count > 150, $"only {texts.Count} texts found: is the scan still finding L[\"…\"]?");
        var missing = texts.Where(t => !keys.Contains(t.text)).Select(t => $"{Path.GetFileName(t.view)}: {t.text}").Distinct().ToList();
        Assert.True(missing.Count == 0, "Texts without a zh-TW entry:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void EveryFormValidatorMessage_HasATraditionalChineseEntry()
    {
        var keys = WebKeys();
        var assembly = typeof(LeadList).Assembly;
        var validators = assembly.GetTypes()
            .Where(t => !t.IsAbstract && !t.IsGenericTypeDefinition && typeof(IValidator).IsAssignableFrom(t)
                // The JSON API answers in English, like most APIs; its validators are not the forms'.
                && t.Namespace?.EndsWith(".Api", StringComparison.Ordinal) != true)
            .Select(t => (IValidator)Activator.CreateInstance(t)!)
            .ToList();

        var messages = validators
            .SelectMany(v => v.CreateDescriptor().Rules)
            .SelectMany(r => r.Components)
            .Where(c => c.Validator is not FluentValidation.Validators.IChildValidatorAdaptor)
            .Select(c => c.GetUnformattedErrorMessage())
            .Distinct()
            .ToList();

        Assert.True(messages.Count > 30, $"only {messages.Count} validator messages found");
        var missing = messages.Where(m => !keys.Contains(m)).ToList();
        Assert.True(missing.Count == 0, "Validator messages without a zh-TW entry:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void EveryLeadLabel_HasATraditionalChineseEntry()
    {
        var keys = WebKeys();
        var labels = Enum.GetValues<LeadType>().Select(LeadDisplay.Label)
            .Concat(Enum.GetValues<LeadStage>().Select(LeadDisplay.Label))
            .Concat(Enum.GetValues<LeadOutcome>().Select(LeadDisplay.Label))
            .Concat(Enum.GetValues<SenderKind>().Select(LeadDisplay.Label))
            .Concat(Enum.GetValues<DeclineReason>().Select(LeadDisplay.Label))
            .Concat(Enum.GetValues<LeadAction>().Select(LeadDisplay.Label))
            .Concat(Enum.GetValues<LeadAction>().Select(LeadDisplay.RefusalFormat))
            .Concat(["Overdue", "{0} d {1} h left", "{0} h {1} min left", "{0} min left"]);

        var missing = labels.Where(l => !keys.Contains(l)).ToList();
        Assert.True(missing.Count == 0, "Labels without a zh-TW entry:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void EveryInsightsText_HasATraditionalChineseEntry()
    {
        var keys = WebKeys();
        var source = File.ReadAllText(Path.Combine(RepositoryRoot(), "src/LeadPortal.Web/Features/Insights/InsightsText.cs"));
        var texts = Regex.Matches(source, """\bT\("((?:[^"\\]|\\.)*)"\)""").Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.True(texts.Count > 80, $"only {texts.Count} insights texts found");
        var missing = texts.Where(t => !keys.Contains(t)).ToList();
        Assert.True(missing.Count == 0, "Insights texts without a zh-TW entry:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void EveryEmailTemplateText_HasATraditionalChineseEntry()
    {
        var keys = ResxKeys("src/LeadPortal.Infrastructure/Notifications/EmailTemplates.zh-TW.resx");
        var source = File.ReadAllText(Path.Combine(RepositoryRoot(), "src/LeadPortal.Infrastructure/Notifications/EmailTemplates.cs"));
        var texts = Regex.Matches(source, """\b[TF]\("((?:[^"\\]|\\.)*)"[,)]""").Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.True(texts.Count > 10, $"only {texts.Count} template texts found");
        var missing = texts.Where(t => !keys.Contains(t)).ToList();
        Assert.True(missing.Count == 0, "E-mail texts without a zh-TW entry:\n" + string.Join("\n", missing));
    }

    [Theory]
    [InlineData("zh-TW,zh;q=0.9,en;q=0.5", "登入 LeadPortal", "請輸入您的電子郵件地址。")]
    [InlineData("en-US,en;q=0.9", "Sign in to LeadPortal", "Enter your email address.")]
    [InlineData("fr-FR", "Sign in to LeadPortal", "Enter your email address.")]
    public async Task SignInPage_FollowsAcceptLanguage_IncludingItsValidationMessages(string acceptLanguage, string heading, string emailMessage)
    {
        using var client = _factory.CreatePortalClient();
        client.Http.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);

        var page = await client.GetPageAsync("/account/login");
        var refused = await PortalClient.ParseAsync(await client.SignInAsync("", ""));

        Assert.Equal(heading, page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(emailMessage, refused.QuerySelector("[data-valmsg-for=Email]")!.TextContent.Trim());
    }

    [Fact]
    public async Task LanguageSwitcher_RemembersTheChoice_OverAcceptLanguage()
    {
        using var client = await _factory.SignInAsync("referrals@contoso.test");
        client.Http.DefaultRequestHeaders.Add("Accept-Language", "en-US");
        var english = await client.GetPageAsync("/leads/marketplace");
        Assert.Equal("Marketplace leads", english.QuerySelector("[data-testid=tab-marketplace]")!.TextContent.Trim());

        var switched = await client.SubmitAsync(english, "form[data-testid=language-switcher]");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/leads/marketplace", switched.Headers.Location!.OriginalString);
        var chinese = await client.GetPageAsync("/leads/marketplace?stage=received");

        Assert.Equal("市集潛在客戶", chinese.QuerySelector("[data-testid=tab-marketplace]")!.TextContent.Trim());
        Assert.Equal("zh-TW", chinese.DocumentElement.GetAttribute("lang"));
        Assert.StartsWith("已收到", chinese.QuerySelector("[data-testid=row-stage]")!.TextContent.Trim(), StringComparison.Ordinal);

        var back = await client.SubmitAsync(chinese, "form[data-testid=language-switcher]");
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal("Marketplace leads", (await client.GetPageAsync("/leads/marketplace")).QuerySelector("[data-testid=tab-marketplace]")!.TextContent.Trim());
    }

    [Fact]
    public async Task AcceptForm_ShowsItsValidationMessageInChinese()
    {
        var id = await _factory.AddLeadAsync("contoso", _factory.Clock.GetUtcNow().UtcDateTime);
        using var client = await _factory.SignInAsync("admin@contoso.test");
        client.Http.DefaultRequestHeaders.Add("Accept-Language", "zh-TW");
        var page = await client.GetPageAsync($"/leads/{id}");

        var response = await client.SubmitAsync(page, "#accept-form", new Dictionary<string, string>
        {
            ["Accept.DealName"] = "雲端移轉",
            ["Accept.EstimatedValue"] = "0",
            ["Accept.Currency"] = "TWD",
            ["Accept.EstimatedPurchaseDate"] = "2027-01-31",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var refused = await PortalClient.ParseAsync(response);
        Assert.Equal("預估金額必須大於零。", refused.QuerySelector("[data-valmsg-for='Accept.EstimatedValue']")!.TextContent.Trim());
        Assert.Equal("接受", refused.QuerySelector("[data-testid=accept-panel] summary")!.TextContent.Trim());
    }

    [Fact]
    public void EmailTemplates_RenderInTraditionalChinese_WithDatesInThatCulture()
    {
        var lead = new LeadPortal.Infrastructure.Notifications.NotificationLead(
            7, "Contoso", LeadType.CustomerInquiry, "台灣精密科技", "陳怡君", "需要雲端備份", new DateTime(2026, 12, 4, 9, 0, 0, DateTimeKind.Utc), true);

        var chinese = LeadPortal.Infrastructure.Notifications.EmailTemplates.Render(
            LeadPortal.Infrastructure.Notifications.NotificationKind.LeadReceived, "王小美", lead, "http://portal", CultureInfo.GetCultureInfo("zh-TW"));
        var english = LeadPortal.Infrastructure.Notifications.EmailTemplates.Render(
            LeadPortal.Infrastructure.Notifications.NotificationKind.LeadReceived, "Ava", lead, "http://portal", CultureInfo.GetCultureInfo("en-US"));

        Assert.Equal("新的潛在客戶：台灣精密科技", chinese.Subject);
        Assert.Contains("王小美 您好：", chinese.Text, StringComparison.Ordinal);
        Assert.Contains("客戶要求直接聯絡", chinese.Html, StringComparison.Ordinal);
        Assert.Contains("2026/12/4", chinese.Text, StringComparison.Ordinal);
        Assert.Equal("New lead: 台灣精密科技", english.Subject);
        Assert.Contains("12/4/2026", english.Text, StringComparison.Ordinal);
    }
}
