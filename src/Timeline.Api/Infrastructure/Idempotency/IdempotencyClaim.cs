using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;

namespace Timeline.Api.Infrastructure.Idempotency;

/// <summary>
/// The claim the current request holds on its <c>Idempotency-Key</c> (a request feature, set by
/// <see cref="IdempotencyMiddleware"/>). A write records its outcome through it inside its own transaction, so the
/// outcome commits with the change or not at all: a retry after a crash finds either the committed outcome or a claim
/// it may take again once the lease has run out, never a write without its answer.
/// </summary>
public sealed class IdempotencyClaim(long id, DateTimeOffset claimedAt)
{
    public long Id { get; } = id;

    /// <summary>When this claim was taken: it is still ours while the record says so (see <see cref="IdempotencyRecord.CreatedAt"/>).</summary>
    public DateTimeOffset ClaimedAt { get; } = claimedAt;

    /// <summary>True once the outcome is recorded (in the write's transaction, or after the answer for one that wrote nothing).</summary>
    public bool Completed { get; private set; }

    /// <summary>
    /// Records the outcome, in the context's current transaction when there is one; false when the claim is no longer
    /// ours (its lease ran out and a retry took the key over), and then the caller must not commit.
    /// </summary>
    public async Task<bool> CompleteAsync(TimelineDbContext db, int status, string? contentType, string? location, string? etag, byte[] body,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var updated = await Mine(db).ExecuteUpdateAsync(r => r
            .SetProperty(x => x.StatusCode, status)
            .SetProperty(x => x.ContentType, contentType)
            .SetProperty(x => x.Location, location)
            .SetProperty(x => x.ETag, etag)
            .SetProperty(x => x.Body, body), cancellationToken);
        Completed = updated == 1;
        return Completed;
    }

    /// <summary>Gives the key up (the request failed in a way a retry may mend: a 5xx, a 429, an exception).</summary>
    public Task ReleaseAsync(TimelineDbContext db) => Mine(db).ExecuteDeleteAsync(CancellationToken.None);

    private IQueryable<IdempotencyRecord> Mine(TimelineDbContext db) =>
        db.IdempotencyRecords.Where(r => r.Id == Id && r.StatusCode == IdempotencyRecord.Pending && r.CreatedAt == ClaimedAt);
}
