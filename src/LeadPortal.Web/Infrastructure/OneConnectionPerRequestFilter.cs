using LeadPortal.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Infrastructure;

/// <summary>
/// On SQLite, opens the request's database connection once, before the action, and leaves it open until the context is
/// disposed with the request. EF otherwise opens and closes it around every query, and each open of a SQLite connection
/// takes the pool's lock and registers EF's functions on it again: measured, a third of a list page's database time.
/// Server providers keep EF's own handling, which returns a pooled connection between queries.
/// </summary>
internal sealed class OneConnectionPerRequestFilter : IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var db = context.HttpContext.RequestServices.GetRequiredService<LeadPortalDbContext>();
        await db.Database.OpenConnectionAsync(context.HttpContext.RequestAborted);
        await next();
    }
}
