using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LeadPortal.Web.Tests;

/// <summary>
/// History entries as codes and values: the text entries of before are read back into changes by the migration step
/// (on this provider's own database, migrated down to before StructuredHistory and up again), and the lead page words
/// every entry in the reader's language.
/// </summary>
public sealed class StructuredHistoryTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public static TheoryData<LeadAction, string, LeadChange[]> LegacyTexts => new()
    {
        { LeadAction.Receive, "customer asked to be contacted", [new(LeadChangeField.ContactRequested, null, "true")] },
        {
            LeadAction.Accept, "deal \"Cloud, \"phase\" 2\", 1,234,567.50 TWD, purchase 2027-01-31; contacts: Pat Partner, Quinn Q",
            [
                new(LeadChangeField.DealName, null, "Cloud, \"phase\" 2"),
                new(LeadChangeField.EstimatedValue, null, "1234567.50 TWD"),
                new(LeadChangeField.PurchaseDate, null, "2027-01-31"),
                new(LeadChangeField.TeamMember, null, "Pat Partner"),
                new(LeadChangeField.TeamMember, null, "Quinn Q"),
            ]
        },
        { LeadAction.Decline, "reason: OutsideServedRegions", [new(LeadChangeField.DeclineReason, null, "OutsideServedRegions")] },
        {
            LeadAction.Decline, "reason: Other; notes: We only serve Europe; sorry.",
            [new(LeadChangeField.DeclineReason, null, "Other"), new(LeadChangeField.Notes, null, "We only serve Europe; sorry.")]
        },
        { LeadAction.Expire, "expired: no response within the response window", [] },
        {
            LeadAction.EditDeal, "deal name \"Old\" → \"New\"; estimated value 5,000.00 USD → 7,250.50 USD; purchase date 2027-03-31 → 2026-11-03; notes updated; CRM ID (none) → \"OPP-7\"; campaign ID \"C-1\" → (none)",
            [
                new(LeadChangeField.DealName, "Old", "New"),
                new(LeadChangeField.EstimatedValue, "5000.00 USD", "7250.50 USD"),
                new(LeadChangeField.PurchaseDate, "2027-03-31", "2026-11-03"),
                new(LeadChangeField.DealNotes, null, null),
                new(LeadChangeField.CrmId, null, "OPP-7"),
                new(LeadChangeField.CampaignId, "C-1", null),
            ]
        },
        { LeadAction.AddTeamMember, "added Nina Newcomer (nina@fabrikam.example)", [new(LeadChangeField.TeamMember, null, "Nina Newcomer <nina@fabrikam.example>")] },
        { LeadAction.RemoveTeamMember, "removed Tom (Tommy) T (tom@fabrikam.example)", [new(LeadChangeField.TeamMember, "Tom (Tommy) T <tom@fabrikam.example>", null)] },
        { LeadAction.MarkWon, "deal won", [] },
        {
            LeadAction.MarkWon, "deal won; final value 25,000.00 USD → 27,500.00 USD; notes: Signed.",
            [new(LeadChangeField.FinalValue, "25000.00 USD", "27500.00 USD"), new(LeadChangeField.Notes, null, "Signed.")]
        },
        { LeadAction.MarkLost, "deal lost; notes: Went with a competitor.", [new(LeadChangeField.Notes, null, "Went with a competitor.")] },
    };

    [Theory]
    [Trait(Runs.Trait, Runs.WithoutADatabase)]
    [MemberData(nameof(LegacyTexts))]
    public void Parse_ReadsEachShapeTheLeadMethodsWrote(LeadAction action, string text, LeadChange[] expected) =>
        Assert.Equal(expected, LegacyHistoryConversion.Parse(action, text));

    [Theory]
    [Trait(Runs.Trait, Runs.WithoutADatabase)]
    [InlineData(LeadAction.Decline, "reason: NoSuchReason")]
    [InlineData(LeadAction.EditDeal, "the deal was changed somehow")]
    [InlineData(LeadAction.MarkWon, "deal won; and then some")]
    [InlineData(LeadAction.Accept, "deal \"X\", lots of money")]
    public void Parse_TextInNoKnownShape_IsNull(LeadAction action, string text) =>
        Assert.Null(LegacyHistoryConversion.Parse(action, text));

    [Fact]
    public async Task Migration_KeepsTheOldText_AndTheConversionTurnsItIntoChanges()
    {
        await factory.SeededAsync();
        var id = await factory.AddLeadAsync("contoso", factory.Clock.GetUtcNow().UtcDateTime,
            then: lead => lead.Decline(DeclineReason.Other, "Too far away.", "Ava Admin", factory.Clock.GetUtcNow().UtcDateTime));
        var converted = await factory.WithDbAsync(async db =>
        {
            var migrator = db.GetService<IMigrator>();
            var migrations = db.Database.GetMigrations().ToList();
            var structured = migrations.FindIndex(m => m.EndsWith("_StructuredHistory", StringComparison.Ordinal));
            Assert.True(structured > 0, "no StructuredHistory migration");
            await migrator.MigrateAsync(migrations[structured - 1]);
            // As the app wrote it before: the text in Details, and one entry in no shape the conversion knows.
            await db.Database.ExecuteSqlAsync($"""UPDATE "LeadHistory" SET "Details" = 'reason: Other; notes: Too far away.' WHERE "LeadId" = {id} AND "Action" = 'Decline'""");
            await db.Database.ExecuteSqlAsync($"""UPDATE "LeadHistory" SET "Details" = 'imported from the old CRM' WHERE "LeadId" = {id} AND "Action" = 'Receive'""");
            await migrator.MigrateAsync();
            return await LegacyHistoryConversion.RunAsync(db);
        });

        Assert.True(converted >= 1);
        var history = (await factory.LoadLeadAsync(id)).History.OrderBy(h => h.Sequence).ToList();
        Assert.Equal([new(LeadChangeField.DeclineReason, null, "Other"), new(LeadChangeField.Notes, null, "Too far away.")], history[1].Changes);
        Assert.Null(history[1].LegacyDetails);
        Assert.Empty(history[0].Changes);
        Assert.Equal("imported from the old CRM", history[0].LegacyDetails);
        Assert.Equal(0, await factory.WithDbAsync(db => LegacyHistoryConversion.RunAsync(db)));

        using var client = await factory.SignInAsync("admin@contoso.test");
        var page = await client.GetPageAsync($"/leads/{id}");
        var lines = LeadPage.History(page);
        Assert.Contains("Reason: Other (say why in the notes)", lines[0], StringComparison.Ordinal);
        Assert.Contains("Notes: Too far away.", lines[0], StringComparison.Ordinal);
        Assert.Contains("imported from the old CRM", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeadPage_WordsTheHistoryInChinese_WithAmountsAndDatesOfThatCulture()
    {
        await factory.SeededAsync();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var id = await factory.AddLeadAsync("contoso", now, contactRequested: true, then: lead =>
        {
            lead.Accept(new DealDetails("雲端移轉", Money.FromAmount(120000m, "TWD"), new DateOnly(2027, 1, 31), null, null, null),
                [new TeamMember("王小明", null, "ming@contoso.test")], "Ava Admin", now);
            lead.MarkLost("客戶選擇了其他廠商。", "Ava Admin", now);
        });
        using var client = await factory.SignInAsync("admin@contoso.test");
        client.Http.DefaultRequestHeaders.Add("Accept-Language", "zh-TW");

        var page = await client.GetPageAsync($"/leads/{id}");

        var text = string.Join("\n", LeadPage.History(page));
        Assert.Contains("客戶要求聯絡。", text, StringComparison.Ordinal);
        Assert.Contains("交易：雲端移轉", text, StringComparison.Ordinal);
        Assert.Contains("預估金額：120,000.00 TWD", text, StringComparison.Ordinal);
        Assert.Contains("預計購買日期：2027/1/31", text, StringComparison.Ordinal);
        Assert.Contains("新增 王小明 (ming@contoso.test)", text, StringComparison.Ordinal);
        Assert.Contains("備註：客戶選擇了其他廠商。", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Received", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Accepted", text, StringComparison.Ordinal);
        Assert.DoesNotContain("deal", text, StringComparison.OrdinalIgnoreCase);
    }
}
