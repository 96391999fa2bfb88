using LeadPortal.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Infrastructure;

/// <summary>
/// On SQLite, opens the request's database connection once for all of the action's queries, and closes it when the
/// action is done. EF otherwise opens and closes it around every query, and each open of a SQLite connection takes the
/// pool's lock and registers EF's functions on it again (a search page opened it ten times). It is closed before the
/// view renders, so that a connection, with its own page cache, is held only while queries run: held through rendering,
/// 32 requests at once kept 32 connections and took the process past 400 MB. Server providers keep EF's own handling.
/// </summary>
internal sealed class OneConnectionPerRequestFilter : IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var db = context.HttpContext.RequestServices.GetRequiredService<LeadPortalDbContext>();
        await db.Database.OpenConnectionAsync(context.HttpContext.RequestAborted);
        try
        {
            await next();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
