namespace LeadPortal.Infrastructure.Data;

/// <summary>Column lengths; the form validators use the same numbers so a long value is refused at the field, not by the database.</summary>
public static class FieldLengths
{
    public const int Code = 100;
    public const int Name = 200;
    public const int Email = 254;
    public const int Phone = 40;
    public const int LongText = 4000;
    public const int Url = 500;

    /// <summary>A business profile's description.</summary>
    public const int Description = 2000;

    /// <summary>A country typed into the directory's filter or a profile's country list (one entry).</summary>
    public const int CountryFilter = 60;
}
