using System.Text.Json.Nodes;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Idempotency;

namespace Timeline.Api.Features.Editing;

/// <summary>
/// The steps every write shares, one small method each, in the order a handler takes them:
/// <see cref="Precondition"/> (404, 428, 412), <see cref="MergeAsync{TWrite}"/> for a PATCH, <see cref="Log"/> (the new
/// version and its change-log entry), <see cref="SaveAsync"/> (412 or 409 when another write got there first) and
/// <see cref="CommitAsync"/> (the idempotent outcome, the commit, eviction of cached reads, the answer). The change, its
/// log entry, the read models and search index the handler refreshes in between, and the outcome for a retry all
/// commit in one transaction. One session per request.
/// </summary>
public sealed class EditSession(TimelineDbContext db, TimeProvider clock, IOutputCacheStore cache, IHttpContextAccessor http) : IAsyncDisposable, IDisposable
{
    private IDbContextTransaction? _transaction;

    /// <summary>
    /// The one instant of this write: its versions, timestamps and change-log entry all carry it. Whole microseconds:
    /// PostgreSQL keeps no finer, and a representation built from the value in memory (a timeline's <c>updatedAt</c>)
    /// must have the ETag the next read of the stored value gives.
    /// </summary>
    public DateTimeOffset Now { get; } = ToMicroseconds(clock.GetUtcNow());

    private static DateTimeOffset ToMicroseconds(DateTimeOffset at) => new(at.Ticks - at.Ticks % (TimeSpan.TicksPerMillisecond / 1000), at.Offset);

    private HttpContext Http => http.HttpContext ?? throw new InvalidOperationException("Writes run inside a request.");

    /// <summary>The API key's name, as the change log shows it.</summary>
    public string Caller => Http.User.Identity?.Name ?? throw new InvalidOperationException("Writes need an authenticated caller.");

    /// <summary>
    /// 404 when there is nothing at the key (<paramref name="current"/> is null); 428 without <c>If-Match</c> (or with
    /// <c>*</c>); 412 when it names another version than the current one; null when the write may go on.
    /// </summary>
    public IResult? Precondition(string resource, string key, Representation? current)
    {
        if (current is null)
            return Problems.NotFound(resource, key);
        var ifMatch = Http.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(ifMatch) || ifMatch.Trim() == "*")
            return Problems.PreconditionRequired();
        return ETags.Matches(ifMatch, current.ETag) ? null : Problems.PreconditionFailed();
    }

    /// <summary>For appends (an assessment, a retraction), where <c>If-Match</c> is optional: 412 only when one is sent and stale.</summary>
    public IResult? OptionalPrecondition(Representation current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var ifMatch = Http.Request.Headers.IfMatch.ToString();
        return string.IsNullOrWhiteSpace(ifMatch) || ETags.Matches(ifMatch, current.ETag) ? null : Problems.PreconditionFailed();
    }

    /// <summary>
    /// A PATCH: the body (a JSON Merge Patch, RFC 7396) applied to the resource's write representation, then checked by
    /// the same validator as a PUT. The merged write, or the refusal (415, 400 naming the field).
    /// </summary>
    public async Task<(TWrite? Write, IResult? Refused)> MergeAsync<TWrite>(TWrite current, IValidator<TWrite> validator, CancellationToken cancellationToken)
        where TWrite : class
    {
        ArgumentNullException.ThrowIfNull(validator);
        var (patch, refused) = await MergePatch.ReadAsync(Http.Request, cancellationToken);
        if (patch is null)
            return (null, refused);
        var (write, failure) = MergePatch.Merge(current, patch);
        if (write is null)
            return (null, Invalid([failure!]));
        var validation = await validator.ValidateAsync(write, cancellationToken);
        return validation.IsValid ? (write, null) : (null, Invalid(validation.Errors));
    }

    /// <summary>A new resource, to be inserted when the write saves (after its references resolved: nothing is added that a 400 would leave behind).</summary>
    public void Add(IEditable resource) => db.Add(resource);

    /// <summary>
    /// Records a change of <paramref name="resource"/>: a new version (see <see cref="Editable"/>) and its change-log
    /// entry with the fields that differ between the two write representations. An update that changes nothing is
    /// neither; false then.
    /// </summary>
    public bool Log(ChangeOperation operation, IEditable resource, string resourceType, string key, IEnumerable<string> timelines, object? before, object? after)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var changes = ChangeLog.Between(ChangeLog.ToJson(before), ChangeLog.ToJson(after));
        if (operation == ChangeOperation.Update && changes.Count == 0)
            return false;
        switch (operation)
        {
            case ChangeOperation.Create:
                resource.Created(Now);
                break;
            case ChangeOperation.Delete:
                resource.Deleted(Now);
                break;
            default:
                resource.Changed(Now);
                break;
        }

        Record(operation, resourceType, key, timelines, changes);
        return true;
    }

    /// <summary>A change-log entry for an append to another resource's history (an assessment, a retraction).</summary>
    public void Record(ChangeOperation operation, string resourceType, string key, IEnumerable<string> timelines, JsonObject before, JsonObject after) =>
        Record(operation, resourceType, key, timelines, ChangeLog.Between(before, after));

    private void Record(ChangeOperation operation, string resourceType, string key, IEnumerable<string> timelines, IReadOnlyList<Changes.FieldChange> changes) =>
        db.Changes.Add(ChangeLog.Entry(operation, Caller, Now, resourceType, key, timelines, changes));

    /// <summary>
    /// Saves the pending changes inside the write's transaction (begun here), then lets <paramref name="keepCopies"/>
    /// bring what copies the resource (the search index, read models) in line, in the same transaction. Each changed
    /// resource's UPDATE is conditional on the version it was read at, so of two racing writes one wins and the other
    /// gets 412; a create that lost the race for its key gets 409. Null when saved (or when there was nothing to save).
    /// </summary>
    public async Task<IResult?> SaveAsync(CancellationToken cancellationToken, Func<CancellationToken, Task>? keepCopies = null)
    {
        if (!db.ChangeTracker.HasChanges())
            return null;
        _transaction ??= await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            if (keepCopies is not null)
                await keepCopies(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            await RollbackAsync();
            return Problems.PreconditionFailed();
        }
        catch (DbUpdateException exception) when (IsUniqueViolation(exception))
        {
            // Two writes to one resource that both add the same new row (a source both cite) collide on its key before
            // either reaches the version check: the loser's resource has changed meanwhile, and that is a 412 like any
            // lost race. A key taken while the resource itself stayed as read is a real conflict.
            var changed = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Modified).ToList();
            await RollbackAsync();
            return await ChangedMeanwhileAsync(changed, cancellationToken)
                ? Problems.PreconditionFailed()
                : Problems.Conflict("A resource with this key was created a moment ago (or existed and was deleted); choose another.");
        }
    }

    /// <summary>True when a resource this write changes is no longer at the version it was read at (or is gone).</summary>
    private static async Task<bool> ChangedMeanwhileAsync(List<EntityEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            var tokens = entry.Metadata.GetProperties().Where(p => p.IsConcurrencyToken).ToList();
            if (tokens.Count == 0)
                continue;
            var now = await entry.GetDatabaseValuesAsync(cancellationToken);
            if (now is null || tokens.Any(t => !Equals(now[t], entry.OriginalValues[t])))
                return true;
        }

        return false;
    }

    /// <summary>
    /// Ends the write: saves what is still pending (entries that needed a key the first save gave), records the answer
    /// as the outcome of the request's <c>Idempotency-Key</c>, commits, evicts cached reads (nobody may be served what
    /// was true before) and returns the answer. A claim that another retry took over meanwhile rolls everything back.
    /// </summary>
    public async Task<IResult> CommitAsync(IResult answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (await SaveAsync(cancellationToken) is { } lost)
            return lost;
        if (_transaction is null)
            return answer; // nothing changed

        if (Http.Features.Get<IdempotencyClaim>() is { } claim && !await CompleteAsync(claim, answer, cancellationToken))
        {
            await RollbackAsync();
            Http.Response.Headers.RetryAfter = "1";
            return Problems.Conflict("Another request with this Idempotency-Key took over while this one ran; retry to get its answer.");
        }

        await _transaction.CommitAsync(cancellationToken);
        await _transaction.DisposeAsync();
        _transaction = null;
        await cache.EvictByTagAsync(TimelineApp.ApiCacheTag, CancellationToken.None);
        return answer;
    }

    /// <summary>400, naming each field that is wrong.</summary>
    public static IResult Invalid(IEnumerable<ValidationFailure> failures) =>
        new InvalidResult([.. failures]);

    private Task<bool> CompleteAsync(IdempotencyClaim claim, IResult answer, CancellationToken cancellationToken) => answer switch
    {
        Representation representation => claim.CompleteAsync(db, representation.Status, Representation.ContentType, representation.Location,
            representation.ETag, representation.Json, cancellationToken),
        _ => claim.CompleteAsync(db, StatusCodes.Status204NoContent, null, null, null, [], cancellationToken),
    };

    private async Task RollbackAsync()
    {
        if (_transaction is null)
            return;
        await _transaction.RollbackAsync(CancellationToken.None);
        await _transaction.DisposeAsync();
        _transaction = null;
    }

    private static bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException?.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) == true;

    public async ValueTask DisposeAsync() => await RollbackAsync();

    /// <summary>Disposing a transaction that was not committed rolls it back (FastEndpoints builds endpoints in a synchronous scope once at start).</summary>
    public void Dispose()
    {
        _transaction?.Dispose();
        _transaction = null;
    }

    /// <summary>A validation problem in FastEndpoints' shape, the same as the one its validators produce.</summary>
    private sealed class InvalidResult(List<ValidationFailure> failures) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => StrictJson.RefuseAsync(httpContext, failures);
    }
}
