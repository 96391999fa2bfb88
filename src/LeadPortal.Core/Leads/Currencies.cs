using System.Collections.Frozen;

namespace LeadPortal.Core.Leads;

/// <summary>The active ISO 4217 currency codes and the number of decimal places (minor units) of each.</summary>
public static class Currencies
{
    private const string ZeroDigit = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF";
    private const string ThreeDigit = "BHD IQD JOD KWD LYD OMR TND";
    private const string FourDigit = "CLF UYW";
    private const string TwoDigit =
        "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD " +
        "CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS " +
        "GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL " +
        "MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK " +
        "PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS " +
        "TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG";

    private static readonly FrozenDictionary<string, int> MinorDigitsByCode = Build();

    public static IReadOnlyCollection<string> Codes => MinorDigitsByCode.Keys;

    /// <summary>Codes offered first in a currency picker.</summary>
    public static IReadOnlyList<string> Common { get; } = ["USD", "EUR", "TWD", "GBP", "JPY", "CNY", "HKD", "SGD", "AUD", "CAD", "CHF", "INR"];

    public static bool TryGetMinorDigits(string? code, out int digits)
    {
        digits = 0;
        return code is not null && MinorDigitsByCode.TryGetValue(code, out digits);
    }

    public static int MinorDigits(string code) =>
        TryGetMinorDigits(code, out var digits) ? digits : throw new DomainException(DomainErrors.CurrencyUnknown, null, code);

    public static bool IsKnown(string? code) => TryGetMinorDigits(code, out _);

    private static FrozenDictionary<string, int> Build()
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(string codes, int digits)
        {
            foreach (var code in codes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                map[code] = digits;
            }
        }

        Add(TwoDigit, 2);
        Add(ZeroDigit, 0);
        Add(ThreeDigit, 3);
        Add(FourDigit, 4);
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
