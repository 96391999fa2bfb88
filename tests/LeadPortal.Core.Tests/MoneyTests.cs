using LeadPortal.Core.Leads;

namespace LeadPortal.Core.Tests;

public class MoneyTests
{
    [Fact]
    public void FromAmount_LowerCaseUsd_StoresCentsAndUpperCaseCode()
    {
        var money = Money.FromAmount(12.34m, "usd");

        Assert.Equal(1234, money.AmountMinor);
        Assert.Equal("USD", money.Currency);
        Assert.Equal(12.34m, money.Amount);
    }

    [Fact]
    public void FromAmount_CodeWithSurroundingSpaces_IsAccepted()
    {
        Assert.Equal("EUR", Money.FromAmount(5m, " eur ").Currency);
    }

    [Fact]
    public void FromAmount_SameValueTwoWays_IsEqual()
    {
        Assert.Equal(new Money(1234, "USD"), Money.FromAmount(12.34m, "USD"));
        Assert.NotEqual(new Money(1234, "EUR"), Money.FromAmount(12.34m, "USD"));
    }

    [Fact]
    public void FromAmount_WholeJpy_KeepsTheAmountAsMinorUnits()
    {
        var money = Money.FromAmount(1250m, "JPY");

        Assert.Equal(1250, money.AmountMinor);
    }

    [Fact]
    public void FromAmount_FractionalJpy_Throws()
    {
        var error = Assert.Throws<DomainException>(() => Money.FromAmount(12.5m, "JPY"));

        Assert.Equal(DomainErrors.TooManyDecimals, error.Code);
        Assert.Equal(["JPY", 0], error.Arguments);
    }

    [Fact]
    public void FromAmount_Kwd_HasThreeDecimalPlaces()
    {
        var money = Money.FromAmount(1.234m, "KWD");

        Assert.Equal(1234, money.AmountMinor);
        Assert.Equal(1.234m, money.Amount);
    }

    [Fact]
    public void FromAmount_KwdWithFourDecimalPlaces_Throws()
    {
        Assert.Throws<DomainException>(() => Money.FromAmount(1.2345m, "KWD"));
    }

    [Fact]
    public void FromAmount_UsdWithThreeDecimalPlaces_Throws()
    {
        Assert.Throws<DomainException>(() => Money.FromAmount(0.005m, "USD"));
    }

    [Fact]
    public void FromAmount_TrailingZerosBeyondTheDigits_AreAccepted()
    {
        Assert.Equal(1230, Money.FromAmount(12.300m, "USD").AmountMinor);
    }

    [Theory]
    [InlineData("XYZ")]
    [InlineData("US")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void FromAmount_UnknownCurrency_ThrowsOnCurrency(string? code)
    {
        var error = Assert.Throws<DomainException>(() => Money.FromAmount(10m, code!));

        Assert.Equal("Currency", error.Field);
    }

    [Fact]
    public void Constructor_UnknownCurrency_ThrowsOnCurrency()
    {
        var error = Assert.Throws<DomainException>(() => new Money(100, "XYZ"));

        Assert.Equal("Currency", error.Field);
    }

    [Fact]
    public void FromAmount_BeyondTheLongRange_Throws()
    {
        Assert.Throws<DomainException>(() => Money.FromAmount(100_000_000_000_000_000m, "USD"));
    }

    /// <summary>An absurd amount typed into a form must be refused as a rule, not crash with OverflowException.</summary>
    [Fact]
    public void FromAmount_BeyondTheDecimalRangeOnceScaled_ThrowsDomainException()
    {
        var absurd = 1_000_000_000_000_000_000_000_000_000m; // 1e27; times 100 overflows decimal

        Assert.Throws<DomainException>(() => Money.FromAmount(absurd, "USD"));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(0, false)]
    [InlineData(-1, false)]
    public void IsPositive_IsTrueOnlyAboveZero(long amountMinor, bool expected)
    {
        Assert.Equal(expected, new Money(amountMinor, "USD").IsPositive);
    }

    [Theory]
    [InlineData(123450, "USD", "1,234.50 USD")]
    [InlineData(1250, "JPY", "1,250 JPY")]
    [InlineData(1234, "KWD", "1.234 KWD")]
    public void ToString_ShowsTheCurrencyDigitsAndCode(long amountMinor, string currency, string expected)
    {
        Assert.Equal(expected, new Money(amountMinor, currency).ToString());
    }

    [Theory]
    [InlineData("USD", 2)]
    [InlineData("EUR", 2)]
    [InlineData("TWD", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("KWD", 3)]
    [InlineData("BHD", 3)]
    [InlineData("CLF", 4)]
    public void MinorDigits_MatchIso4217(string code, int digits)
    {
        Assert.Equal(digits, Currencies.MinorDigits(code));
    }

    [Fact]
    public void MinorDigits_UnknownCode_Throws()
    {
        Assert.Throws<DomainException>(() => Currencies.MinorDigits("XYZ"));
        Assert.False(Currencies.IsKnown("XYZ"));
    }

    [Fact]
    public void Common_CodesAreAllKnown()
    {
        Assert.NotEmpty(Currencies.Common);
        Assert.All(Currencies.Common, code => Assert.True(Currencies.IsKnown(code), code));
    }

    [Fact]
    public void Codes_AreThreeUpperCaseLetters()
    {
        Assert.All(Currencies.Codes, code => Assert.Matches("^[A-Z]{3}$", code));
    }
}
