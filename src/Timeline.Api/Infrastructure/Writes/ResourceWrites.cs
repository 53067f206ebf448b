using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;

namespace Timeline.Api.Infrastructure.Writes;

/// <summary>
/// The write flow every editable resource shares: preconditions (If-Match), reference checks,
/// the change itself with its change-log entry in one SaveChanges (one transaction), and eviction of
/// cached reads so the next GET sees the write.
/// </summary>
public sealed class ResourceWrites(TimelineDbContext db, TimeProvider clock, IOutputCacheStore cache, IFullTextSearch search, IHttpContextAccessor http)
{
    private string Caller => http.HttpContext?.User.Identity?.Name ?? throw new InvalidOperationException("Writes need an authenticated caller.");

    public async Task<WriteOutcome> CreateAsync<TEntity, TWrite, TResponse>(
        ResourceEditor<TEntity, TWrite, TResponse> editor, TWrite write, CancellationToken cancellationToken)
        where TEntity : class, IEditable where TWrite : class where TResponse : class
    {
        var key = editor.KeyOf(write);
        if (await editor.KeyTakenAsync(db, key, cancellationToken))
            return Conflict(editor.ResourceType, key);

        var entity = editor.Create(write);
        var failures = new List<ValidationFailure>();
        await editor.ApplyAsync(db, entity, write, failures, cancellationToken);
        if (failures.Count > 0)
            return new WriteOutcome.Invalid(failures);

        var now = clock.GetUtcNow();
        editor.Touch(entity, now);
        entity.Version = 1;
        db.Add(entity);
        // The entity and its change-log entry commit together; the entry needs the key the save gives (a source's id).
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (IsUniqueViolation(exception))
        {
            return Conflict(editor.ResourceType, key); // another editor created it a moment ago
        }

        key = editor.KeyOf(entity, write);
        Log(ChangeOperation.Create, editor.ResourceType, key, editor.TimelinesOf(entity), [], ChangeDiff.ToJson(editor.ToWrite(entity)), now);
        await db.SaveChangesAsync(cancellationToken);
        await editor.KeepReadModelsAsync(db, entity, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await DoneAsync(editor, key, StatusCodes.Status201Created, cancellationToken);
    }

    public async Task<WriteOutcome> ReplaceAsync<TEntity, TWrite, TResponse>(
        ResourceEditor<TEntity, TWrite, TResponse> editor, string key, TWrite write, string? ifMatch, CancellationToken cancellationToken)
        where TEntity : class, IEditable where TWrite : class where TResponse : class
    {
        var (entity, refusal) = await FindForChangeAsync(editor, key, ifMatch, cancellationToken);
        if (entity is null)
            return refusal!;
        return await ApplyChangeAsync(editor, key, entity, write, cancellationToken);
    }

    /// <summary>JSON Merge Patch (RFC 7396) onto the write representation, then validated like a PUT.</summary>
    public async Task<WriteOutcome> PatchAsync<TEntity, TWrite, TResponse>(
        ResourceEditor<TEntity, TWrite, TResponse> editor, IValidator<TWrite> validator, string key, JsonNode patch, string? ifMatch, CancellationToken cancellationToken)
        where TEntity : class, IEditable where TWrite : class where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(validator);
        var (entity, refusal) = await FindForChangeAsync(editor, key, ifMatch, cancellationToken);
        if (entity is null)
            return refusal!;

        var merged = MergePatch.Apply(ChangeDiff.ToJson(editor.ToWrite(entity)), patch);
        TWrite? write;
        try
        {
            write = ChangeDiff.FromJson<TWrite>(merged);
        }
        catch (JsonException exception)
        {
            var field = exception.Path is { Length: > 2 } path ? path[2..] : "body";
            // The exception's own message names .NET types; say what is wrong in the API's terms.
            return new WriteOutcome.Invalid([new ValidationFailure(field, BindingMessages.DescribeJson(exception))]);
        }

        if (write is null)
            return new WriteOutcome.Invalid([new ValidationFailure("body", "A merge patch must be a JSON object.")]);
        var validation = await validator.ValidateAsync(write, cancellationToken);
        if (!validation.IsValid)
            return new WriteOutcome.Invalid(validation.Errors);
        return await ApplyChangeAsync(editor, key, entity, write, cancellationToken);
    }

    public async Task<WriteOutcome> DeleteAsync<TEntity, TWrite, TResponse>(
        ResourceEditor<TEntity, TWrite, TResponse> editor, string key, string? ifMatch, CancellationToken cancellationToken)
        where TEntity : class, IEditable where TWrite : class where TResponse : class
    {
        var (entity, refusal) = await FindForChangeAsync(editor, key, ifMatch, cancellationToken);
        if (entity is null)
            return refusal!;
        if (await editor.BlockingReferenceAsync(db, entity, cancellationToken) is { } reference)
            return new WriteOutcome.Refused(StatusCodes.Status409Conflict, "Conflict", $"The {editor.ResourceType} '{key}' is still referred to by {reference}; change that first.");

        var now = clock.GetUtcNow();
        var before = ChangeDiff.ToJson(editor.ToWrite(entity));
        entity.DeletedAt = now;
        entity.Version++;
        editor.Touch(entity, now);
        Log(ChangeOperation.Delete, editor.ResourceType, key, editor.TimelinesOf(entity), before, [], now);
        if (!await TrySaveAsync(cancellationToken))
            return WriteOutcome.PreconditionFailed();

        await search.RefreshAsync(db, editor.ResourceType, key, cancellationToken);
        await EvictCachedReadsAsync(cancellationToken);
        return new WriteOutcome.Done(StatusCodes.Status204NoContent, null, null, null);
    }

    /// <summary>Writes a change-log entry into the pending unit of work (saved with the change it records).</summary>
    public void Log(ChangeOperation operation, string resourceType, string key, IEnumerable<string> timelines, JsonObject before, JsonObject after, DateTimeOffset at)
    {
        var entry = new ChangeLogEntry
        {
            At = at,
            KeyName = Caller,
            Operation = operation,
            ResourceType = resourceType,
            ResourceKey = key,
            Changes = ChangeDiff.Serialize(ChangeDiff.Between(before, after)),
        };
        entry.SetTimelines(timelines);
        db.Changes.Add(entry);
    }

    /// <summary>Drops cached reads: after a write, no one may be served what was true before it.</summary>
    public Task EvictCachedReadsAsync(CancellationToken cancellationToken) =>
        cache.EvictByTagAsync(TimelineApp.ApiCacheTag, cancellationToken).AsTask();

    /// <summary>Saves; false when a concurrent write got there first (its version no longer matches).</summary>
    public async Task<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    private async Task<(TEntity? Entity, WriteOutcome? Refusal)> FindForChangeAsync<TEntity, TWrite, TResponse>(
        ResourceEditor<TEntity, TWrite, TResponse> editor, string key, string? ifMatch, CancellationToken cancellationToken)
        where TEntity : class, IEditable where TWrite : class where TResponse : class
    {
        // The entity (whose Version the save is conditional on) is read before the representation the ETag is
        // checked against: a write committed between the two reads then fails one check or the other. Read the
        // other way round, a racing write could slip in between and be overwritten (seen on PostgreSQL).
        var entity = await editor.FindAsync(db, key, cancellationToken);
        var current = entity is null ? null : await editor.RepresentAsync(db, key, cancellationToken);
        if (entity is null || current is null)
            return (null, WriteOutcome.NotFound(editor.ResourceType, key));
        if (string.IsNullOrWhiteSpace(ifMatch) || ifMatch.Trim() == "*")
            return (null, WriteOutcome.PreconditionRequired());
        if (!ETags.Matches(ifMatch, ETags.Of(current)))
            return (null, WriteOutcome.PreconditionFailed());

        return (entity, null);
    }

    private async Task<WriteOutcome> ApplyChangeAsync<TEntity, TWrite, TResponse>(
        ResourceEditor<TEntity, TWrite, TResponse> editor, string key, TEntity entity, TWrite write, CancellationToken cancellationToken)
        where TEntity : class, IEditable where TWrite : class where TResponse : class
    {
        var beforeWrite = editor.ToWrite(entity);
        var before = ChangeDiff.ToJson(beforeWrite);
        var failures = new List<ValidationFailure>();
        await editor.ApplyAsync(db, entity, write, failures, cancellationToken);
        if (failures.Count > 0)
            return new WriteOutcome.Invalid(failures);

        var after = ChangeDiff.ToJson(editor.ToWrite(entity));
        if (ChangeDiff.Between(before, after).Count > 0)
        {
            var now = clock.GetUtcNow();
            // Bumping the version makes the UPDATE conditional on the version read: of two racing writes, one wins.
            entity.Version++;
            editor.Touch(entity, now);
            Log(ChangeOperation.Update, editor.ResourceType, key, editor.TimelinesOf(entity), before, after, now);
            // The change and the read models that copy it commit together (a failed save rolls both back).
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await TrySaveAsync(cancellationToken))
                return WriteOutcome.PreconditionFailed();
            await editor.KeepReadModelsAsync(db, entity, beforeWrite, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return await DoneAsync(editor, key, StatusCodes.Status200OK, cancellationToken);
    }

    private async Task<WriteOutcome> DoneAsync<TEntity, TWrite, TResponse>(
        ResourceEditor<TEntity, TWrite, TResponse> editor, string key, int status, CancellationToken cancellationToken)
        where TEntity : class, IEditable where TWrite : class where TResponse : class
    {
        await search.RefreshAsync(db, editor.ResourceType, key, cancellationToken);
        await EvictCachedReadsAsync(cancellationToken);
        db.ChangeTracker.Clear();
        var response = await editor.RepresentAsync(db, key, cancellationToken);
        return new WriteOutcome.Done(status, response, ETags.Of(response), status == StatusCodes.Status201Created ? editor.PathOf(key) : null);
    }

    private static WriteOutcome.Refused Conflict(string resourceType, string key) =>
        new(StatusCodes.Status409Conflict, "Conflict", $"A {resourceType} with key '{key}' already exists (or existed and was deleted); choose another.");

    private static bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException?.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) == true;
}
