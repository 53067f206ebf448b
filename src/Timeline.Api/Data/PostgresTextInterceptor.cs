using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Timeline.Api.Data;

/// <summary>
/// PostgreSQL text cannot hold U+0000, and a parameter with one fails the whole command; SQLite stores it.
/// So that no client text is a 500 on one provider only, U+0000 in a string parameter becomes U+FFFF, a
/// noncharacter that no stored text holds: a filter on it matches nothing, as on SQLite.
/// </summary>
internal sealed class PostgresTextInterceptor : DbCommandInterceptor
{
    public static PostgresTextInterceptor Instance { get; } = new();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Clean(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Clean(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Clean(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Clean(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Clean(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Clean(command);
        return ValueTask.FromResult(result);
    }

    private static void Clean(DbCommand command)
    {
        foreach (DbParameter parameter in command.Parameters)
        {
            switch (parameter.Value)
            {
                case string text when text.Contains('\0', StringComparison.Ordinal):
                    parameter.Value = text.Replace('\0', '\uffff');
                    break;
                case string[] texts when texts.Any(t => t is not null && t.Contains('\0', StringComparison.Ordinal)):
                    parameter.Value = texts.Select(t => t?.Replace('\0', '\uffff')).ToArray();
                    break;
            }
        }
    }
}
