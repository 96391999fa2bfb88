using System.Text.Json;
using System.Text.Json.Serialization;
using LeadPortal.Core.Leads;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LeadPortal.Infrastructure.Data.Configurations;

/// <summary>
/// A history entry's changes as one JSON text column, the same on every provider:
/// <c>[{"Field":"DealName","From":"Old","To":"New"}]</c>, fields by name and absent values left out.
/// </summary>
public static class LeadChangesJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write(IReadOnlyList<LeadChange> changes) => JsonSerializer.Serialize(changes, Options);

    public static IReadOnlyList<LeadChange> Read(string json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<LeadChange>>(json, Options) ?? [];

    internal static readonly ValueConverter<IReadOnlyList<LeadChange>, string> Converter = new(c => Write(c), json => Read(json));

    internal static readonly ValueComparer<IReadOnlyList<LeadChange>> Comparer = new(
        (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
        c => c.Aggregate(0, (hash, change) => HashCode.Combine(hash, change)),
        c => c.ToList());
}
