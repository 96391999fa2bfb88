using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeadPortal.Web.Features.Api;

public static class ApiJson
{
    /// <summary>camelCase, enums as strings, nulls left out: the same JSON in API answers and webhook bodies.</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}
