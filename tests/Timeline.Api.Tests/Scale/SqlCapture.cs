using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Timeline.Api.Data;

namespace Timeline.Api.Tests.Scale;

/// <summary>One query as EF Core sent it: its text and its parameters' values.</summary>
public sealed record CapturedCommand(string Sql, IReadOnlyList<CapturedParameter> Parameters);

public sealed record CapturedParameter(string Name, object? Value, DbType DbType, NpgsqlDbType? NpgsqlType);

/// <summary>Records every query the app sends while a test asks it to (an EF Core command interceptor).</summary>
public sealed class SqlCapture : DbCommandInterceptor
{
    private ConcurrentQueue<CapturedCommand>? _recording;

    /// <summary>Adds the interceptor to the app's context, whichever provider it runs on.</summary>
    public void Register(IServiceCollection services)
    {
        if (TestDatabase.IsPostgres)
            services.ConfigureDbContext<PostgresTimelineDbContext>(o => o.AddInterceptors(this));
        else
            services.ConfigureDbContext<TimelineDbContext>(o => o.AddInterceptors(this));
    }

    /// <summary>Runs an action and returns the queries it sent.</summary>
    public async Task<IReadOnlyList<CapturedCommand>> RecordAsync(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var recording = new ConcurrentQueue<CapturedCommand>();
        _recording = recording;
        try
        {
            await action();
        }
        finally
        {
            _recording = null;
        }

        return [.. recording];
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Capture(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Capture(command);
        return result;
    }

    private void Capture(DbCommand command) =>
        _recording?.Enqueue(new CapturedCommand(
            command.CommandText,
            [.. command.Parameters.Cast<DbParameter>().Select(p => new CapturedParameter(
                p.ParameterName, p.Value, p.DbType, p is NpgsqlParameter n ? n.NpgsqlDbType : null))]));
}

/// <summary>Counts the entities EF Core tracks at each SaveChanges: what an import holds in memory at once.</summary>
public sealed class TrackedEntities : SaveChangesInterceptor
{
    private int _max;
    private int _saves;

    public int Max => _max;

    public int Saves => _saves;

    public void Reset() => (_max, _saves) = (0, 0);

    public void Register(IServiceCollection services)
    {
        if (TestDatabase.IsPostgres)
            services.ConfigureDbContext<PostgresTimelineDbContext>(o => o.AddInterceptors(this));
        else
            services.ConfigureDbContext<TimelineDbContext>(o => o.AddInterceptors(this));
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        var tracked = eventData.Context!.ChangeTracker.Entries().Count();
        Interlocked.Increment(ref _saves);
        int seen;
        while (tracked > (seen = _max) && Interlocked.CompareExchange(ref _max, tracked, seen) != seen)
        {
        }

        return ValueTask.FromResult(result);
    }
}
