using FluentValidation.Results;
using Timeline.Api.Data;
using Timeline.Api.Domain;

namespace Timeline.Api.Infrastructure.Writes;

/// <summary>
/// Everything the generic write flow (<see cref="ResourceWrites"/>) needs to know about one kind of
/// resource: how to find it, read it back, turn it into its write representation and apply one.
/// </summary>
/// <typeparam name="TEntity">The domain entity.</typeparam>
/// <typeparam name="TWrite">The body of POST and PUT (and what a PATCH is merged into).</typeparam>
/// <typeparam name="TResponse">The GET representation, whose ETag writes check.</typeparam>
public abstract class ResourceEditor<TEntity, TWrite, TResponse>
    where TEntity : class, IEditable
    where TWrite : class
    where TResponse : class
{
    /// <summary>The change log's name for the resource: <c>event</c>, <c>actor</c> ...</summary>
    public abstract string ResourceType { get; }

    /// <summary>The resource's key (slug, or id for sources) in a write body.</summary>
    public abstract string KeyOf(TWrite write);

    /// <summary>The path of the resource, for <c>Location</c>.</summary>
    public abstract string PathOf(string key);

    /// <summary>The key of a resource just saved (a source's id exists only then).</summary>
    public virtual string KeyOf(TEntity saved, TWrite write) => KeyOf(write);

    /// <summary>The tracked entity with everything <see cref="ApplyAsync"/> changes loaded, or null.</summary>
    public abstract Task<TEntity?> FindAsync(TimelineDbContext db, string key, CancellationToken cancellationToken);

    /// <summary>True when the key is taken, deleted resources included (their keys stay reserved).</summary>
    public abstract Task<bool> KeyTakenAsync(TimelineDbContext db, string key, CancellationToken cancellationToken);

    public abstract TEntity Create(TWrite write);

    public abstract TWrite ToWrite(TEntity entity);

    /// <summary>
    /// Makes the entity match the write, resolving references by slug; a reference that does not
    /// resolve is a failure on its field, and then nothing is saved.
    /// </summary>
    public abstract Task ApplyAsync(TimelineDbContext db, TEntity entity, TWrite write, List<ValidationFailure> failures, CancellationToken cancellationToken);

    /// <summary>The GET representation (no tracking), or null when there is no such resource.</summary>
    public abstract Task<TResponse?> RepresentAsync(TimelineDbContext db, string key, CancellationToken cancellationToken);

    /// <summary>The timelines the resource belongs to, for filtering the change log.</summary>
    public abstract IEnumerable<string> TimelinesOf(TEntity entity);

    /// <summary>What still refers to the resource and so forbids deleting it (null when nothing does).</summary>
    public virtual Task<string?> BlockingReferenceAsync(TimelineDbContext db, TEntity entity, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);

    /// <summary>Sets server-owned timestamps on a changed entity.</summary>
    public virtual void Touch(TEntity entity, DateTimeOffset now)
    {
    }

    /// <summary>
    /// Brings the read models that copy this resource (the event lists', see <c>EventListing</c>) in line with it,
    /// once it is saved and inside the write's transaction. <paramref name="before"/> is its write representation
    /// before the change, null when it was created.
    /// </summary>
    public virtual Task KeepReadModelsAsync(TimelineDbContext db, TEntity entity, TWrite? before, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
