using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace Timeline.Api.Data.Queries;

/// <summary>
/// <c>Take</c> with the count written into the SQL (<c>LIMIT 51</c>) rather than bound (<c>LIMIT @p</c>), as EF Core
/// does for <c>Take</c>. SQLite plans with a LIMIT's value, so a statement whose LIMIT is bound goes stale as soon as
/// the value is bound, and is compiled a second time on every execution. Page
/// sizes are few (1–201), so the statements stay few.
/// </summary>
public static class WrittenLimits
{
    private static readonly MethodInfo Take = new Func<IQueryable<object>, int, IQueryable<object>>(Queryable.Take).Method.GetGenericMethodDefinition();
    private static readonly MethodInfo Constant = new Func<int, int>(EF.Constant).Method;

    public static IQueryable<T> TakeWrittenIn<T>(this IQueryable<T> source, int count)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Provider.CreateQuery<T>(
            Expression.Call(null, Take.MakeGenericMethod(typeof(T)), source.Expression, Expression.Call(null, Constant, Expression.Constant(count))));
    }
}
