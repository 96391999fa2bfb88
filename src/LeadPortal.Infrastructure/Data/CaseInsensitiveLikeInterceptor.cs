using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LeadPortal.Infrastructure.Data;

/// <summary>
/// The portal's searches are case-insensitive, as <c>LIKE</c> is on SQLite and under SQL Server's default collation.
/// PostgreSQL's <c>LIKE</c> is not, so on PostgreSQL every <c>EF.Functions.Like</c> is sent as <c>ILIKE</c>, which the
/// trigram indexes serve as well. One query shape in the code; the operator per provider.
/// </summary>
internal sealed class CaseInsensitiveLikeInterceptor : IQueryExpressionInterceptor
{
    public static readonly CaseInsensitiveLikeInterceptor Instance = new();

    private static readonly MethodInfo Like = typeof(DbFunctionsExtensions).GetMethod(
        nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string)])!;

    private static readonly MethodInfo LikeEscaped = typeof(DbFunctionsExtensions).GetMethod(
        nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    private static readonly MethodInfo ILike = typeof(NpgsqlDbFunctionsExtensions).GetMethod(
        nameof(NpgsqlDbFunctionsExtensions.ILike), [typeof(DbFunctions), typeof(string), typeof(string)])!;

    private static readonly MethodInfo ILikeEscaped = typeof(NpgsqlDbFunctionsExtensions).GetMethod(
        nameof(NpgsqlDbFunctionsExtensions.ILike), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData) =>
        new LikeToILike().Visit(queryExpression);

    private sealed class LikeToILike : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            var visited = base.VisitMethodCall(node);
            if (visited is MethodCallExpression call)
            {
                if (call.Method == Like)
                {
                    return Expression.Call(ILike, call.Arguments);
                }

                if (call.Method == LikeEscaped)
                {
                    return Expression.Call(ILikeEscaped, call.Arguments);
                }
            }

            return visited;
        }
    }
}
