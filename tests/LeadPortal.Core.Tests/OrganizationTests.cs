using LeadPortal.Core.Organizations;

namespace LeadPortal.Core.Tests;

public class OrganizationTests
{
    [Theory]
    [InlineData("Contoso Ltd.", "contoso-ltd")]
    [InlineData("  Fabrikam, Inc.  ", "fabrikam-inc")]
    [InlineData("A&B  Logistics 24", "a-b-logistics-24")]
    [InlineData("northwind", "northwind")]
    public void SlugFrom_TurnsNameIntoLowerCaseHyphenatedSlug(string name, string expected)
    {
        Assert.Equal(expected, Organization.SlugFrom(name));
    }

    [Fact]
    public void Constructor_TrimsNameAndLowerCasesSlug()
    {
        var organization = new Organization("  Contoso Ltd.  ", " Contoso-Ltd ");

        Assert.Equal("Contoso Ltd.", organization.Name);
        Assert.Equal("contoso-ltd", organization.Slug);
    }

    [Theory]
    [InlineData("", "contoso", "Name")]
    [InlineData("  ", "contoso", "Name")]
    [InlineData("Contoso", "", "Slug")]
    public void Constructor_WithBlankNameOrSlug_ThrowsNamingTheField(string name, string slug, string field)
    {
        var error = Assert.Throws<DomainException>(() => new Organization(name, slug));

        Assert.Equal(field, error.Field);
    }
}
