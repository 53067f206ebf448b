using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Timeline.Api.Data;

namespace Timeline.Api.Infrastructure.Idempotency;

/// <summary>
/// On start, frees the claims an earlier run of the server left behind (see <see cref="ReleaseAbandonedClaimsAsync"/>).
/// Then deletes idempotency records older than the retention (<see cref="IdempotencyOptions.RetentionHours"/>, 24 h by
/// default), whole outcomes and abandoned claims alike, a batch at a time along the index on their time, soon after
/// start and then every <see cref="IdempotencyOptions.PurgeIntervalMinutes"/>. On several replicas each purges; the
/// deletes do not conflict.
/// </summary>
public sealed partial class IdempotencyPurge(IServiceScopeFactory scopes, TimeProvider clock, IOptions<IdempotencyOptions> options,
    DatabaseReadiness database, ILogger<IdempotencyPurge> logger) : BackgroundService
{
    private const int BatchSize = 1_000;

    /// <summary>When this process started serving: claims taken before it were taken by a process that is gone (on SQLite).</summary>
    private readonly DateTimeOffset _started = clock.GetUtcNow();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await database.WhenReadyAsync(stoppingToken);
            var released = await ReleaseAbandonedClaimsAsync(stoppingToken);
            if (released > 0)
                LogReleased(logger, released);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, options.Value.PurgeIntervalMinutes)), clock);
        do
        {
            try
            {
                var purged = await PurgeAsync(stoppingToken);
                if (purged > 0)
                    LogPurged(logger, purged);
            }
            catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, exception.Message); // the database may be busy or restarting: the next turn tries again
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// On SQLite the database file belongs to one server process (several servers share PostgreSQL instead), so a claim
    /// still pending from before this process started was held by a request that died with the previous process: its
    /// write did not commit (the outcome commits with it), and the key is freed at once rather than after its lease, for
    /// a retry to do the work afresh. On PostgreSQL another replica may still be working on such a claim: its lease decides.
    /// </summary>
    public async Task<int> ReleaseAbandonedClaimsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
        if (db.Database.IsNpgsql())
            return 0;
        return await db.IdempotencyRecords.Where(r => r.StatusCode == IdempotencyRecord.Pending && r.CreatedAt < _started)
            .ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Deletes every record past the retention; returns how many.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
        var cutoff = clock.GetUtcNow() - options.Value.Retention;
        var total = 0;
        while (true)
        {
            var batch = await db.IdempotencyRecords.Where(r => r.CreatedAt < cutoff).OrderBy(r => r.CreatedAt).Take(BatchSize)
                .Select(r => r.Id).ToListAsync(cancellationToken);
            if (batch.Count == 0)
                return total;
            total += await db.IdempotencyRecords.Where(r => batch.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Freed {Count} Idempotency-Keys claimed by requests the previous run of the server did not finish")]
    private static partial void LogReleased(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} idempotency records past their retention")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging idempotency records failed ({Reason}); the next turn tries again")]
    private static partial void LogFailed(ILogger logger, string reason);
}
