using LeadPortal.Core.Leads;
using LeadPortal.Core.Tests.Builders;

namespace LeadPortal.Core.Tests;

public class LeadReceiveTests
{
    private static readonly DateTime T0 = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(LeadType.CustomerInquiry, SenderKind.Customer)]
    [InlineData(LeadType.MarketingQualified, SenderKind.PlatformStaff)]
    [InlineData(LeadType.MarketingQualified, SenderKind.Partner)]
    [InlineData(LeadType.SalesQualified, SenderKind.PlatformStaff)]
    [InlineData(LeadType.SalesQualified, SenderKind.Partner)]
    public void Receive_FromAFittingSender_IsReceived(LeadType type, SenderKind sender)
    {
        var lead = new LeadBuilder().OfType(type).SentBy(sender).Build();

        Assert.Equal(type, lead.Type);
        Assert.Equal(sender, lead.Sender.Kind);
        Assert.Equal(LeadStage.Received, lead.Stage);
        Assert.Null(lead.Outcome);
    }

    [Theory]
    [InlineData(LeadType.CustomerInquiry, SenderKind.PlatformStaff)]
    [InlineData(LeadType.CustomerInquiry, SenderKind.Partner)]
    [InlineData(LeadType.MarketingQualified, SenderKind.Customer)]
    [InlineData(LeadType.SalesQualified, SenderKind.Customer)]
    public void Receive_FromASenderThatDoesNotFitTheType_Throws(LeadType type, SenderKind sender)
    {
        var builder = new LeadBuilder().OfType(type).SentBy(sender);

        Assert.Throws<DomainException>(builder.Build);
    }

    [Fact]
    public void Receive_AppendsFirstHistoryEntryWithActionReceive()
    {
        var lead = new LeadBuilder().OfType(LeadType.SalesQualified).SentBy(SenderKind.PlatformStaff).ReceivedAt(T0).Build();

        var entry = Assert.Single(lead.History);
        Assert.Equal(LeadAction.Receive, entry.Action);
        Assert.Null(entry.FromStage);
        Assert.Equal(LeadStage.Received, entry.ToStage);
        Assert.Equal("Pat Platform", entry.Actor);
        Assert.Equal(T0, entry.AtUtc);
        Assert.Equal(1, entry.Sequence);
        Assert.Empty(entry.Changes);
        Assert.NotEqual(Guid.Empty, lead.Version);
        Assert.Equal(T0, lead.ReceivedAtUtc);
        Assert.Equal(T0, lead.UpdatedAtUtc);
    }

    [Fact]
    public void Receive_WhenCustomerAskedForContact_SaysSoInHistory()
    {
        var lead = new LeadBuilder().AskedForContact().ReceivedAt(T0).Build();

        Assert.True(lead.ContactRequested);
        Assert.Equal([new LeadChange(LeadChangeField.ContactRequested, null, "true")], Assert.Single(lead.History).Changes);
    }

    [Fact]
    public void Receive_KeepsCustomerNeedAndOrganization()
    {
        var lead = new LeadBuilder()
            .ForOrganization(42)
            .For(TestData.Customer(companyName: "  Fabrikam GmbH  "))
            .Needing("  Two forklifts by spring.  ")
            .Build();

        Assert.Equal(42, lead.OrganizationId);
        Assert.Equal("Fabrikam GmbH", lead.Customer.CompanyName);
        Assert.Equal("Two forklifts by spring.", lead.Need);
        Assert.Null(lead.DeclineReason);
        Assert.Null(lead.Deal);
        Assert.Empty(lead.TeamMembers);
    }

    [Fact]
    public void Receive_WithUnspecifiedKindTime_TreatsItAsUtc()
    {
        var unspecified = new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Unspecified);

        var lead = new LeadBuilder().ReceivedAt(unspecified).Build();

        Assert.Equal(DateTimeKind.Utc, lead.ReceivedAtUtc.Kind);
        Assert.Equal(T0, lead.ReceivedAtUtc);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Receive_WithoutAnOrganization_Throws(int organizationId)
    {
        var builder = new LeadBuilder().ForOrganization(organizationId);

        Assert.Throws<DomainException>(builder.Build);
    }

    [Theory]
    [InlineData("CompanyName", "")]
    [InlineData("CompanyName", "   ")]
    [InlineData("ContactName", "")]
    [InlineData("Email", " ")]
    [InlineData("Country", "")]
    public void CustomerProfile_WithBlankRequiredField_ThrowsNamingTheField(string field, string blank)
    {
        var error = Assert.Throws<DomainException>(() => field switch
        {
            "CompanyName" => TestData.Customer(companyName: blank),
            "ContactName" => TestData.Customer(contactName: blank),
            "Email" => TestData.Customer(email: blank),
            "Country" => TestData.Customer(country: blank),
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown field."),
        });

        Assert.Equal(field, error.Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Receive_WithBlankNeed_ThrowsOnNeed(string need)
    {
        var builder = new LeadBuilder().Needing(need);

        var error = Assert.Throws<DomainException>(builder.Build);

        Assert.Equal("Need", error.Field);
    }
}
