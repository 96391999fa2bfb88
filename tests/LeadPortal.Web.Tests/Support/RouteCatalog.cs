using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace LeadPortal.Web.Tests.Support;

/// <summary>
/// A portal whose rate limits the route fuzz cannot reach: all of its requests come from one address and one key, and
/// a 429 would answer them before the action they are meant to exercise.
/// </summary>
public sealed class RouteFuzzPortal : PortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:InquiryPermitLimit", "1000000");
        builder.UseSetting("RateLimits:ApiPermitLimit", "1000000");
    }
}

public enum FuzzFieldSource
{
    Query,
    Form,
    Header,
}

/// <summary>A value a request carries outside its path: a query or form field (e.g. "Accept.EstimatedValue") or a header.</summary>
public sealed record FuzzField(string Name, Type Type, FuzzFieldSource Source);

/// <summary>A JSON member of a request body, by its path (e.g. ["customer", "email"] or ["team", 0, "name"]).</summary>
public sealed record JsonMember(IReadOnlyList<object> Path, Type Type)
{
    public string Name => string.Concat(Path.Select((p, i) => p is int index ? $"[{index}]" : i == 0 ? (string)p : "." + p));
}

/// <summary>One method of one route, with what a person can change in a request to it.</summary>
public sealed record FuzzRoute(
    string Method, RoutePattern Pattern, IReadOnlyList<FuzzField> Fields, Type? BodyType, bool IsController)
{
    /// <summary>The pattern without its leading slash, e.g. "leads/{id:long}/accept".</summary>
    public string Template => (Pattern.RawText ?? string.Empty).Trim('/');

    public bool IsApi => Template.StartsWith("api/", StringComparison.Ordinal);

    public IReadOnlyList<RoutePatternParameterPart> RouteParameters => Pattern.Parameters;

    /// <summary>The path with <paramref name="values"/> for its parameters (escaped); an optional one without a value is left out.</summary>
    public string Path(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var path = new StringBuilder();
        foreach (var segment in Pattern.PathSegments)
        {
            var text = new StringBuilder();
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        text.Append(literal.Content);
                        break;
                    case RoutePatternSeparatorPart separator:
                        text.Append(separator.Content);
                        break;
                    case RoutePatternParameterPart parameter when values.TryGetValue(parameter.Name, out var value):
                        text.Append(Uri.EscapeDataString(value));
                        break;
                }
            }

            path.Append('/').Append(text);
        }

        return path.Length == 0 ? "/" : path.ToString();
    }

    public override string ToString() => $"{Method} /{Template}";
}

/// <summary>
/// The app's routes, read from its endpoint data source, so that a new action is fuzzed without a test naming it: each
/// route endpoint's pattern and methods, and, for a controller action, the fields its parameters bind (a complex
/// parameter gives its public properties, two levels down, under its prefix: "Accept.Contacts[0].Email").
/// </summary>
public static class RouteCatalog
{
    private const int MaxDepth = 2;

    public static (IReadOnlyList<FuzzRoute> Routes, IReadOnlyList<string> Skipped) Enumerate(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var routes = new List<FuzzRoute>();
        var skipped = new List<string>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var template = (endpoint.RoutePattern.RawText ?? string.Empty).Trim('/');
            if (template.StartsWith("hangfire", StringComparison.OrdinalIgnoreCase))
            {
                // Hangfire's dashboard is not ours: its own request dispatcher behind one catch-all route, for platform operators only.
                skipped.Add($"/{template}: the Hangfire dashboard (not an MVC route, operators only)");
                continue;
            }

            if (endpoint.RoutePattern.Parameters.Any(p => p.IsCatchAll))
            {
                skipped.Add($"/{template}: a catch-all route has no parameters of its own to fuzz");
                continue;
            }

            // A route without method metadata answers every method; GET is the one a person types.
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } declared ? declared : ["GET"];
            var action = endpoint.Metadata.GetMetadata<ControllerActionDescriptor>();
            foreach (var method in methods)
            {
                var (fields, body) = action is null ? ([], null) : Bindings(action, method, endpoint.RoutePattern);
                routes.Add(new FuzzRoute(method, endpoint.RoutePattern, fields, body, action is not null));
            }
        }

        return (routes.DistinctBy(r => r.ToString()).ToList(), skipped);
    }

    /// <summary>Whether model binding reads <paramref name="type"/> from one string (as MVC decides it: a converter from string).</summary>
    public static bool IsSimple(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return TypeDescriptor.GetConverter(Nullable.GetUnderlyingType(type) ?? type).CanConvertFrom(typeof(string));
    }

    /// <summary>The element type of a collection property (not of a string).</summary>
    public static Type? ElementType(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type == typeof(string))
        {
            return null;
        }

        return type.IsArray
            ? type.GetElementType()
            : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
    }

    /// <summary>The properties model binding (or the JSON reader) sets: public, settable, or a mutable collection.</summary>
    public static IEnumerable<PropertyInfo> BindableProperties(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<BindNeverAttribute>() is null)
            .Where(p => p.SetMethod?.IsPublic == true
                || (p.GetMethod?.IsPublic == true && ElementType(p.PropertyType) is { } element
                    && typeof(ICollection<>).MakeGenericType(element).IsAssignableFrom(p.PropertyType)));
    }

    /// <summary>The JSON members of a request body type, objects and leaves alike, camelCase, two levels down.</summary>
    public static IReadOnlyList<JsonMember> JsonMembers(Type type)
    {
        var members = new List<JsonMember>();
        AddJsonMembers(type, [], 0, members);
        return members;
    }

    private static void AddJsonMembers(Type type, IReadOnlyList<object> prefix, int depth, List<JsonMember> members)
    {
        foreach (var property in BindableProperties(type))
        {
            var path = prefix.Append(JsonName(property.Name)).ToList();
            members.Add(new JsonMember(path, property.PropertyType));
            if (IsSimple(property.PropertyType) || depth >= MaxDepth)
            {
                continue;
            }

            if (ElementType(property.PropertyType) is { } element)
            {
                if (!IsSimple(element))
                {
                    AddJsonMembers(element, [.. path, 0], depth + 1, members);
                }
            }
            else
            {
                AddJsonMembers(property.PropertyType, path, depth + 1, members);
            }
        }
    }

    public static string JsonName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
    }

    private static (IReadOnlyList<FuzzField> Fields, Type? Body) Bindings(ControllerActionDescriptor action, string method, RoutePattern pattern)
    {
        var fields = new List<FuzzField>();
        Type? body = null;
        var defaultSource = method == "GET" ? FuzzFieldSource.Query : FuzzFieldSource.Form;
        foreach (var parameter in action.Parameters)
        {
            var source = parameter.BindingInfo?.BindingSource;
            if (source == BindingSource.Services || source == BindingSource.Special || source == BindingSource.Path
                || parameter.ParameterType == typeof(CancellationToken)
                || (source is null && pattern.GetParameter(parameter.Name) is not null))
            {
                continue;
            }

            if (source == BindingSource.Body)
            {
                body = parameter.ParameterType;
                continue;
            }

            var name = parameter.BindingInfo?.BinderModelName ?? parameter.Name;
            var fieldSource = source == BindingSource.Header ? FuzzFieldSource.Header
                : source == BindingSource.Query ? FuzzFieldSource.Query
                : source == BindingSource.Form ? FuzzFieldSource.Form
                : defaultSource;
            if (IsSimple(parameter.ParameterType))
            {
                fields.Add(new FuzzField(name, parameter.ParameterType, fieldSource));
            }
            else
            {
                // Without a prefix of its own, MVC binds a complex parameter's properties by their bare names.
                AddFormFields(parameter.ParameterType, parameter.BindingInfo?.BinderModelName ?? string.Empty, fieldSource, 0, fields);
            }
        }

        return (fields, body);
    }

    private static void AddFormFields(Type type, string prefix, FuzzFieldSource source, int depth, List<FuzzField> fields)
    {
        foreach (var property in BindableProperties(type))
        {
            var name = prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}";
            if (IsSimple(property.PropertyType))
            {
                fields.Add(new FuzzField(name, property.PropertyType, source));
            }
            else if (ElementType(property.PropertyType) is { } element)
            {
                if (IsSimple(element))
                {
                    // A list of simple values is the same field repeated (checkboxes).
                    fields.Add(new FuzzField(name, element, source));
                }
                else if (depth < MaxDepth)
                {
                    AddFormFields(element, string.Create(CultureInfo.InvariantCulture, $"{name}[0]"), source, depth + 1, fields);
                }
            }
            else if (depth < MaxDepth)
            {
                AddFormFields(property.PropertyType, name, source, depth + 1, fields);
            }
        }
    }
}
