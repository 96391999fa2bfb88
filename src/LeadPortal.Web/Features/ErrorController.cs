using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LeadPortal.Web.Features;

[AllowAnonymous]
// A failed POST is re-executed here as a POST: checking its antiforgery token again would answer 400 instead of the error.
[IgnoreAntiforgeryToken]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorController : Controller
{
    [Route("error/{status:int?}")]
    public IActionResult Index(int? status)
    {
        // A re-executed request whose form cannot be read (a NUL in a field) binds no route value, not even the status:
        // the status being answered is the re-execution's own.
        status ??= HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>()?.OriginalStatusCode;
        // The route can be typed with any number: only an error status is answered as one; any other is not a page,
        // and neither is /error without one, unless it is the exception handler's re-execution.
        var failed = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>() is not null;
        var code = status switch
        {
            null when failed => StatusCodes.Status500InternalServerError,
            >= 400 and <= 599 => status.Value,
            _ => StatusCodes.Status404NotFound,
        };
        var originalPath = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>()?.Path;
        if (originalPath?.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) == true)
        {
            return Problem(statusCode: code, title: code switch
            {
                StatusCodes.Status404NotFound => "Not found.",
                StatusCodes.Status405MethodNotAllowed => "Method not allowed.",
                StatusCodes.Status415UnsupportedMediaType => "Send JSON (Content-Type: application/json).",
                StatusCodes.Status500InternalServerError => "The request could not be completed.",
                _ => null,
            });
        }

        Response.StatusCode = code;
        return View("Error", code);
    }
}
