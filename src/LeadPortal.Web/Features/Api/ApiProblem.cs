using Microsoft.AspNetCore.Mvc;

namespace LeadPortal.Web.Features.Api;

/// <summary>
/// An RFC 7807 answer of the API, written by the app's <see cref="IProblemDetailsService"/> (the same writer, JSON
/// options and customization as every other problem the app answers), as application/problem+json.
/// </summary>
public sealed class ApiProblem(ProblemDetails problem) : ActionResult
{
    public const string ContentType = "application/problem+json";

    public ProblemDetails Problem { get; } = problem;

    public override async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await WriteAsync(context.HttpContext, Problem);
    }

    /// <summary>Writes <paramref name="problem"/> as the response, whatever the request's Accept header asked for.</summary>
    public static async Task WriteAsync(HttpContext http, ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(problem);
        http.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        var writer = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await writer.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem }))
        {
            // The writer declines when the client accepts no JSON; a problem is still what the API answers.
            await http.Response.WriteAsJsonAsync(problem, problem.GetType(), options: null, contentType: ContentType);
        }
    }
}
