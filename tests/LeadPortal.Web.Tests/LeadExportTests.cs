using System.Globalization;
using System.Net;
using System.Text;

using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Infrastructure.Identity;
using LeadPortal.Web.Features.Leads;
using LeadPortal.Web.Tests.Support;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadPortal.Web.Tests;

/// <summary>
/// The CSV export of the lead lists, over an organization of its own ("Export Co") whose customers have awkward names,
/// a rival organization whose leads must never appear, and a bulk organization with more leads than one export batch.
/// </summary>
public sealed class LeadExportTests : IClassFixture<LeadExportTests.ExportFactory>
{
    private const string Email = "export@export.test";
    private const string BulkEmail = "export@bulk.test";
    private const string RivalEmail = "export@rival.test";
    private const string Password = "ExportCo!2026";
    private const int BulkLeads = LeadExport.BatchSize + 234;

    private readonly ExportFactory _factory;

    public LeadExportTests(ExportFactory factory) => _factory = factory;

    public sealed class ExportFactory : PortalFactory
    {
        private readonly Lazy<Task<IReadOnlyDictionary<string, long>>> _ids;

        public ExportFactory() => _ids = new(SeedAsync);

        /// <summary>Export Co's leads by company name, and "rival" for the rival's lead.</summary>
        public Task<IReadOnlyDictionary<string, long>> IdsAsync() => _ids.Value;

        private static Lead New(int orgId, LeadType type, DateTime received, string company, string contact = "Casey Contact",
            string? phone = null, bool contactRequested = false) =>
            Lead.Receive(orgId, type,
                new CustomerProfile(company, contact, "casey@example.com", phone, "Taiwan", "Taipei", null, null),
                "Need", type == LeadType.CustomerInquiry
                    ? new LeadSender(SenderKind.Customer, contact, "casey@example.com")
                    : new LeadSender(SenderKind.PlatformStaff, "Staff", "staff@example.com"),
                contactRequested, received, TimeSpan.FromDays(14));

        private async Task<IReadOnlyDictionary<string, long>> SeedAsync()
        {
            using var scope = Services.CreateScope();
            var setup = scope.ServiceProvider.GetRequiredService<OrganizationSetup>();
            var db = scope.ServiceProvider.GetRequiredService<LeadPortalDbContext>();
            var org = await setup.EnsureOrganizationAsync("Export Co");
            Assert.True((await setup.CreateUserAsync(org, Email, "Eli Export", Password, Roles.ReferralsAdmin)).Succeeded);
            var rival = await setup.EnsureOrganizationAsync("Rival Export Co");
            Assert.True((await setup.CreateUserAsync(rival, RivalEmail, "Rae Rival", Password, Roles.PartnerAdmin)).Succeeded);
            var bulk = await setup.EnsureOrganizationAsync("Bulk Export Co");
            Assert.True((await setup.CreateUserAsync(bulk, BulkEmail, "Bo Bulk", Password, Roles.PartnerAdmin)).Succeeded);

            var now = Clock.GetUtcNow().UtcDateTime;
            var o = org.Id;
            var accepted = New(o, LeadType.SalesQualified, now.AddHours(-25), "Accepted Deal Ltd", contactRequested: true);
            accepted.Accept(new DealDetails("Cloud move", Money.FromAmount(2_500.50m, "USD"), new DateOnly(2027, 6, 30), null, null, null), [], "Eli", now.AddHours(-1));
            var yen = New(o, LeadType.MarketingQualified, now.AddHours(-26), "Yen Deal KK");
            yen.Accept(new DealDetails("=Yen deal", Money.FromAmount(300_000m, "JPY"), new DateOnly(2027, 1, 15), null, null, null), [], "Eli", now.AddHours(-2));
            var declined = New(o, LeadType.CustomerInquiry, now.AddHours(-27), "Declined Shop");
            declined.Decline(DeclineReason.BudgetTooSmall, null, "Eli", now.AddHours(-3));

            var leads = new List<Lead>
            {
                New(o, LeadType.CustomerInquiry, now.AddHours(-1), "Comma, Inc."),
                New(o, LeadType.CustomerInquiry, now.AddHours(-2), "Quote \"Q\" Ltd"),
                New(o, LeadType.CustomerInquiry, now.AddHours(-3), "Line\nBreak Co"),
                New(o, LeadType.CustomerInquiry, now.AddHours(-4), "=HYPERLINK(\"http://evil.example\",\"Click\")"),
                New(o, LeadType.CustomerInquiry, now.AddHours(-5), "+SUM(1,2)"),
                New(o, LeadType.CustomerInquiry, now.AddHours(-6), "-2+3"),
                New(o, LeadType.CustomerInquiry, now.AddHours(-7), "@cmd", phone: "+886 2 1234 5678"),
                New(o, LeadType.CustomerInquiry, now.AddHours(-8), "台灣精密科技股份有限公司", contact: "陳怡君"),
                accepted,
                yen,
                declined,
            };
            var rivalLead = New(rival.Id, LeadType.CustomerInquiry, now.AddHours(-1), "Rival Comma, Inc.");
            var all = leads.Append(rivalLead).ToList();
            all.ForEach(l => l.ClearEvents());
            db.Leads.AddRange(all);
            await db.SaveChangesAsync();

            // More than one batch, most received in the same second, so the batches must follow (received, id) exactly.
            var tie = now.AddDays(-1);
            for (var i = 0; i < BulkLeads; i++)
            {
                var lead = New(bulk.Id, LeadType.SalesQualified, i % 7 == 0 ? now.AddMinutes(-i) : tie, $"Bulk {i:D4}");
                lead.ClearEvents();
                db.Leads.Add(lead);
            }

            await db.SaveChangesAsync();

            var ids = leads.ToDictionary(l => l.Customer.CompanyName, l => l.Id);
            ids["rival"] = rivalLead.Id;
            return ids;
        }
    }

    private async Task<PortalClient> SignInAsync(string email = Email)
    {
        await _factory.IdsAsync();
        var client = _factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, Password)).StatusCode);
        return client;
    }

    private async Task<List<List<string>>> ExportAsync(string url, string email = Email)
    {
        using var client = await SignInAsync(email);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return ParseCsv(Encoding.UTF8.GetString(bytes.AsSpan(3)));
    }

    private static List<string> Column(List<List<string>> rows, string name)
    {
        var index = rows[0].IndexOf(name);
        Assert.True(index >= 0, $"No column {name}.");
        return [.. rows.Skip(1).Select(r => r[index])];
    }

    private static Dictionary<string, string> RowOf(List<List<string>> rows, string company)
    {
        var row = rows.Single(r => r[4] == company);
        return rows[0].Zip(row).ToDictionary(p => p.First, p => p.Second);
    }

    /// <summary>A strict RFC 4180 reader: every record ends in CRLF, a line break outside quotes is an error.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var fieldStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }

                continue;
            }

            switch (c)
            {
                case '"' when fieldStart:
                    quoted = true;
                    fieldStart = false;
                    break;
                case '"':
                    throw new FormatException($"A quote inside an unquoted field at {i}.");
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    fieldStart = true;
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    row.Add(field.ToString());
                    field.Clear();
                    rows.Add(row);
                    row = [];
                    fieldStart = true;
                    i++;
                    break;
                case '\r' or '\n':
                    throw new FormatException($"A bare line break at {i}.");
                default:
                    field.Append(c);
                    fieldStart = false;
                    break;
            }
        }

        Assert.False(quoted, "The file ends inside a quoted field.");
        Assert.True(field.Length == 0 && row.Count == 0, "The last record has no CRLF.");
        return rows;
    }

    [Fact]
    public async Task Export_IsUtf8WithABom_NamedAfterTheTabAndTheDay_AndNotCached()
    {
        using var client = await SignInAsync();

        var response = await client.GetAsync("/leads/marketplace/export.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("leads-marketplace-2026-11-20.csv", response.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.NotEqual(0xEF, bytes[3]);
    }

    [Fact]
    public async Task Export_StartsWithTheHeaderRow()
    {
        var rows = await ExportAsync("/leads/qualified/export.csv");

        Assert.Equal(
            ["Id", "Type", "Stage", "Outcome", "Company", "Contact", "Email", "Phone", "Country", "City", "Received (UTC)",
                "Response deadline (UTC)", "Answered (UTC)", "Deal name", "Estimated value", "Currency", "Purchase date",
                "Decline reason", "Contact requested"],
            rows[0]);
        Assert.All(rows, r => Assert.Equal(19, r.Count));
    }

    [Fact]
    public async Task Export_QuotesCommasQuotesAndLineBreaks_ByRfc4180()
    {
        using var client = await SignInAsync();
        var response = await client.GetAsync("/leads/marketplace/export.csv");
        var text = Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync()).AsSpan(3));

        Assert.Contains(",\"Comma, Inc.\",", text, StringComparison.Ordinal);
        Assert.Contains(",\"Quote \"\"Q\"\" Ltd\",", text, StringComparison.Ordinal);
        Assert.Contains(",\"Line\nBreak Co\",", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);

        var companies = Column(ParseCsv(text), "Company");
        Assert.Contains("Comma, Inc.", companies);
        Assert.Contains("Quote \"Q\" Ltd", companies);
        Assert.Contains("Line\nBreak Co", companies);
    }

    [Fact]
    public async Task Export_PrefixesCellsThatAFormulaCouldStartWith()
    {
        var rows = await ExportAsync("/leads/marketplace/export.csv");

        var companies = Column(rows, "Company");
        Assert.Contains("'=HYPERLINK(\"http://evil.example\",\"Click\")", companies);
        Assert.Contains("'+SUM(1,2)", companies);
        Assert.Contains("'-2+3", companies);
        Assert.Contains("'@cmd", companies);
        Assert.DoesNotContain(companies, c => c.Length > 0 && c[0] is '=' or '+' or '-' or '@');
        Assert.Equal("'+886 2 1234 5678", RowOf(rows, "'@cmd")["Phone"]);
        Assert.Equal("'=Yen deal", RowOf(await ExportAsync("/leads/qualified/export.csv"), "Yen Deal KK")["Deal name"]);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tTab", "'\tTab")]
    [InlineData("\rReturn", "\"'\rReturn\"")]
    [InlineData("=A1,B1", "\"'=A1,B1\"")]
    [InlineData("a \"b\"", "\"a \"\"b\"\"\"")]
    [InlineData("a\r\nb", "\"a\r\nb\"")]
    [InlineData("plain", "plain")]
    [InlineData("1-2", "1-2")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Escape_GuardsFormulasThenQuotes(string? value, string expected) =>
        Assert.Equal(expected, LeadExport.Escape(value));

    [Fact]
    public async Task Export_KeepsChineseTextInUtf8()
    {
        var rows = await ExportAsync("/leads/marketplace/export.csv");

        var row = RowOf(rows, "台灣精密科技股份有限公司");
        Assert.Equal("陳怡君", row["Contact"]);
    }

    [Fact]
    public async Task Export_WritesDatesAmountsAndLabelsInvariantly()
    {
        var ids = await _factory.IdsAsync();
        var qualified = await ExportAsync("/leads/qualified/export.csv");
        var marketplace = await ExportAsync("/leads/marketplace/export.csv");

        var accepted = RowOf(qualified, "Accepted Deal Ltd");
        Assert.Equal(ids["Accepted Deal Ltd"].ToString(CultureInfo.InvariantCulture), accepted["Id"]);
        Assert.Equal("Sales qualified", accepted["Type"]);
        Assert.Equal("Accepted", accepted["Stage"]);
        Assert.Equal("", accepted["Outcome"]);
        Assert.Equal("2026-11-19T08:00:00Z", accepted["Received (UTC)"]);
        Assert.Equal("2026-12-03T08:00:00Z", accepted["Response deadline (UTC)"]);
        Assert.Equal("2026-11-20T08:00:00Z", accepted["Answered (UTC)"]);
        Assert.Equal("Cloud move", accepted["Deal name"]);
        Assert.Equal("2500.50", accepted["Estimated value"]);
        Assert.Equal("USD", accepted["Currency"]);
        Assert.Equal("2027-06-30", accepted["Purchase date"]);
        Assert.Equal("Yes", accepted["Contact requested"]);
        Assert.Equal("casey@example.com", accepted["Email"]);
        Assert.Equal("Taiwan", accepted["Country"]);
        Assert.Equal("Taipei", accepted["City"]);
        Assert.Equal("300000", RowOf(qualified, "Yen Deal KK")["Estimated value"]);

        var declined = RowOf(marketplace, "Declined Shop");
        Assert.Equal("Archived", declined["Stage"]);
        Assert.Equal("Declined", declined["Outcome"]);
        Assert.Equal("Budget too small", declined["Decline reason"]);
        Assert.Equal("No", declined["Contact requested"]);
        Assert.Equal("", declined["Deal name"]);
        Assert.Equal("", declined["Estimated value"]);
    }

    [Theory]
    [InlineData("/leads/qualified/export.csv?stage=accepted", new[] { "Accepted Deal Ltd", "Yen Deal KK" })]
    [InlineData("/leads/qualified/export.csv?type=salesqualified", new[] { "Accepted Deal Ltd" })]
    [InlineData("/leads/marketplace/export.csv?q=comma", new[] { "Comma, Inc." })]
    [InlineData("/leads/marketplace/export.csv?q=%25", new string[0])]
    [InlineData("/leads/marketplace/export.csv?stage=archived&outcome=declined", new[] { "Declined Shop" })]
    [InlineData("/leads/marketplace/export.csv?stage=archived&outcome=won", new string[0])]
    [InlineData("/leads/qualified/export.csv?q=cloud", new[] { "Accepted Deal Ltd" })]
    public async Task Export_AppliesTheListsFilters(string url, string[] companies)
    {
        var rows = await ExportAsync(url);

        Assert.Equal(companies.Order(StringComparer.Ordinal), Column(rows, "Company").Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("marketplace", "")]
    [InlineData("marketplace", "?sort=received&dir=asc")]
    [InlineData("marketplace", "?stage=received&sort=deadline&dir=asc")]
    [InlineData("qualified", "?sort=value")]
    [InlineData("qualified", "?sort=value&dir=asc&q=deal")]
    public async Task Export_ListsTheSameLeadsInTheSameOrderAsTheListPage(string tab, string query)
    {
        using var client = await SignInAsync();
        var page = await client.GetPageAsync($"/leads/{tab}{query}");
        var listed = page.QuerySelectorAll("tr[data-lead-id]").Select(r => r.GetAttribute("data-lead-id")!).ToList();

        var rows = await ExportAsync($"/leads/{tab}/export.csv{query}");

        Assert.NotEmpty(listed);
        Assert.Equal(listed, Column(rows, "Id"));
    }

    [Fact]
    public async Task Export_IgnoresThePagingCursor_AndWritesEveryPage()
    {
        using var client = await SignInAsync(BulkEmail);
        var first = await client.GetPageAsync("/leads/qualified");
        var next = first.QuerySelector("[data-testid=page-next]")!.GetAttribute("href")!;

        var rows = await ExportAsync("/leads/qualified/export.csv" + next[next.IndexOf('?', StringComparison.Ordinal)..], BulkEmail);

        Assert.Equal(BulkLeads, rows.Count - 1);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("?dir=asc", true)]
    [InlineData("?sort=value&dir=asc", true)]
    [InlineData("?sort=deadline", false)]
    public async Task Export_OfMoreThanOneBatch_WritesEveryLeadOnceInOrder(string query, bool ascending)
    {
        // Bulk leads have no deal and (mostly) the same received time: the order comes down to the id tiebreak.
        await _factory.IdsAsync();
        var expected = await _factory.WithDbAsync(async db =>
        {
            var orgId = await db.Organizations.Where(o => o.Slug == "bulk-export-co").Select(o => o.Id).SingleAsync();
            var leads = db.LeadsOf(orgId);
            var ordered = query.Contains("value", StringComparison.Ordinal)
                ? leads.OrderBy(l => l.Id)
                : query.Contains("deadline", StringComparison.Ordinal)
                    ? leads.OrderByDescending(l => l.ResponseDeadlineUtc).ThenByDescending(l => l.Id)
                    : ascending
                        ? leads.OrderBy(l => l.ReceivedAtUtc).ThenBy(l => l.Id)
                        : leads.OrderByDescending(l => l.ReceivedAtUtc).ThenByDescending(l => l.Id);
            return await ordered.Select(l => l.Id.ToString(CultureInfo.InvariantCulture)).ToListAsync();
        });

        var rows = await ExportAsync("/leads/qualified/export.csv" + query, BulkEmail);

        Assert.Equal(BulkLeads, expected.Count);
        Assert.Equal(expected, Column(rows, "Id"));
    }

    [Fact]
    public async Task Export_HoldsOnlyTheOrganizationsOwnLeads()
    {
        var ids = await _factory.IdsAsync();
        var rows = (await ExportAsync("/leads/marketplace/export.csv")).Concat((await ExportAsync("/leads/qualified/export.csv")).Skip(1)).ToList();

        var exported = Column(rows, "Id");
        Assert.Equal(11, exported.Count);
        Assert.DoesNotContain(ids["rival"].ToString(CultureInfo.InvariantCulture), exported);
        Assert.DoesNotContain(rows, r => r.Any(c => c.Contains("Rival", StringComparison.Ordinal)));

        var theirs = await ExportAsync("/leads/marketplace/export.csv", RivalEmail);
        Assert.Equal(["Rival Comma, Inc."], Column(theirs, "Company"));
    }

    [Fact]
    public async Task FavoritesExport_HoldsTheUsersOwnFavoritesOnly()
    {
        var ids = await _factory.IdsAsync();
        using var client = await SignInAsync();
        var list = await client.GetPageAsync("/leads/marketplace?q=comma");
        var favorite = await client.SubmitAsync(list, $"tr[data-lead-id='{ids["Comma, Inc."]}'] form");
        Assert.Equal(HttpStatusCode.Redirect, favorite.StatusCode);

        var mine = await ExportAsync("/leads/favorites/export.csv");
        var rivals = await ExportAsync("/leads/favorites/export.csv", RivalEmail);

        Assert.Equal(["Comma, Inc."], Column(mine, "Company"));
        Assert.Empty(Column(rivals, "Company"));
    }

    [Fact]
    public async Task Export_ForAnonymousUsers_RedirectsToSignIn()
    {
        using var client = _factory.CreatePortalClient();

        var response = await client.GetAsync("/leads/marketplace/export.csv?stage=received");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/leads/archive/export.csv")]
    [InlineData("/leads/0/export.csv")]
    [InlineData("/leads/Marketplace,Qualified/export.csv")]
    public async Task Export_OfAnUnknownTab_IsNotFound(string url)
    {
        using var client = await SignInAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task ListPage_LinksToTheExportWithItsFiltersButNotItsPage()
    {
        using var client = await SignInAsync(BulkEmail);
        var first = await client.GetPageAsync("/leads/qualified?stage=received&sort=deadline&dir=asc&q=bulk");
        var second = await client.GetPageAsync(first.QuerySelector("[data-testid=page-next]")!.GetAttribute("href")!);

        var link = second.QuerySelector("[data-testid=export-csv]")!.GetAttribute("href");

        Assert.Equal("/leads/qualified/export.csv?stage=received&q=bulk&sort=deadline&dir=asc", link);
    }
}
