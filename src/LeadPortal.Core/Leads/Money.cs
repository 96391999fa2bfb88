namespace LeadPortal.Core.Leads;

/// <summary>
/// An amount in an ISO 4217 currency, held as whole minor units (cents) so that sums and sorting
/// run in the database on every provider.
/// </summary>
public sealed record Money
{
    public long AmountMinor { get; }
    public string Currency { get; }

    public Money(long amountMinor, string currency)
    {
        if (!Currencies.TryGetMinorDigits(currency, out _))
        {
            throw new DomainException(DomainErrors.CurrencyUnknown, nameof(Currency), currency ?? string.Empty);
        }

        AmountMinor = amountMinor;
        Currency = currency;
    }

    public decimal Amount => AmountMinor / Scale(Currency);

    public static Money FromAmount(decimal amount, string currency)
    {
        var code = (currency ?? string.Empty).Trim().ToUpperInvariant();
        if (!Currencies.TryGetMinorDigits(code, out _))
        {
            throw new DomainException(DomainErrors.CurrencyUnknown, nameof(Currency), currency ?? string.Empty);
        }

        var scale = Scale(code);
        if (Math.Abs(amount) > long.MaxValue / scale)
        {
            throw new DomainException(DomainErrors.AmountTooLarge, "Amount");
        }

        var minor = amount * scale;
        if (minor != decimal.Truncate(minor))
        {
            throw new DomainException(DomainErrors.TooManyDecimals, "Amount", code, Currencies.MinorDigits(code));
        }

        return new Money((long)minor, code);
    }

    public bool IsPositive => AmountMinor > 0;

    private static decimal Scale(string currency)
    {
        decimal scale = 1;
        for (var i = 0; i < Currencies.MinorDigits(currency); i++)
        {
            scale *= 10;
        }

        return scale;
    }

    public override string ToString() =>
        $"{Amount.ToString("N" + Currencies.MinorDigits(Currency), System.Globalization.CultureInfo.InvariantCulture)} {Currency}";
}
