using FastEndpoints;
using FluentValidation;
using FluentValidation.Results;
using Timeline.Api.Domain;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Features.Editing;

/// <summary>
/// What the create, replace, patch and delete of one kind of resource need to know of it, built by its editor (e.g.
/// <c>CommitmentEditor.Edits</c>) from the editor's own members. A record of the editor's functions, not a base class:
/// each editor stays a plain static class whose members GET uses too, and the steps of every write read top to bottom
/// in the endpoints below.
/// </summary>
/// <typeparam name="TLoaded">The resource as loaded for a change: its entity with whatever its representation shows.</typeparam>
/// <typeparam name="TWrite">Its write representation: the body of PUT, what PATCH merges into, what the change log compares.</typeparam>
/// <param name="Kind">The change log's resource type, also the word problems and summaries use (<c>commitment</c>).</param>
/// <param name="Resources">The path segment of the collection, <c>commitments</c>.</param>
/// <param name="LoadAsync">The resource by its key, tracked, with its representation as loaded; null when there is none (or it is deleted).</param>
/// <param name="Resource">The entity that carries the version and the change stamps.</param>
/// <param name="Current">Its representation as loaded: the ETag <c>If-Match</c> must name.</param>
/// <param name="ToWrite">Its write representation now.</param>
/// <param name="ApplyAsync">Makes the resource match a write, resolving references; the failures name the fields that do not resolve.</param>
/// <param name="Timelines">The timelines its change-log entry is listed under.</param>
/// <param name="Represent">Its representation now, as GET will answer it.</param>
/// <param name="KeepCopiesAsync">
/// Brings its search row and read models in line inside the write's transaction, given its write representation from
/// before the change (null for a create or a delete).
/// </param>
public sealed record EditTarget<TLoaded, TWrite>(
    string Kind,
    string Resources,
    Func<string, CancellationToken, Task<TLoaded?>> LoadAsync,
    Func<TLoaded, IEditable> Resource,
    Func<TLoaded, Representation> Current,
    Func<TLoaded, TWrite> ToWrite,
    Func<TLoaded, TWrite, CancellationToken, Task<List<ValidationFailure>>> ApplyAsync,
    Func<TLoaded, IEnumerable<string>> Timelines,
    Func<TLoaded, object> Represent,
    Func<TLoaded, TWrite?, CancellationToken, Task> KeepCopiesAsync)
    where TLoaded : class where TWrite : class
{
    /// <summary>The route parameter that names the resource: <c>slug</c>, or a source's <c>id</c>.</summary>
    public string KeyName { get; init; } = "slug";

    /// <summary>The rules of a write, for a PATCH's merged body (PUT and POST bodies are checked before the handler).</summary>
    public required IValidator<TWrite> Validator { get; init; }

    /// <summary>What still refers to the resource and so forbids deleting it; null when nothing does.</summary>
    public Func<TLoaded, CancellationToken, Task<string?>> BlockingReferenceAsync { get; init; } = (_, _) => Task.FromResult<string?>(null);

    /// <summary>For a create: a new, untracked resource with the write's key and required texts (the rest is applied).</summary>
    public Func<TWrite, TLoaded>? New { get; init; }

    /// <summary>For a create: the write's key (its slug).</summary>
    public Func<TWrite, string>? KeyOf { get; init; }

    /// <summary>For a create: true when the key is taken, by a deleted resource too (keys stay reserved).</summary>
    public Func<string, CancellationToken, Task<bool>>? KeyTakenAsync { get; init; }

    /// <summary>For a create: where the resource lives, sent as <c>Location</c>.</summary>
    public Func<string, string>? PathOf { get; init; }
}

/// <summary>Small pieces the write endpoints below share.</summary>
public static class ResourceEdits
{
    /// <summary>An <c>ApplyAsync</c> for resources whose writes name no other resource, so nothing can fail to resolve.</summary>
    public static Func<TLoaded, TWrite, CancellationToken, Task<List<ValidationFailure>>> Always<TLoaded, TWrite>(Action<TLoaded, TWrite> apply) =>
        (loaded, write, _) =>
        {
            apply(loaded, write);
            return Task.FromResult(new List<ValidationFailure>());
        };

    /// <summary>What a PUT and a PATCH share once the write is known: apply, log the fields that differ, save, answer 200.</summary>
    internal static async Task<IResult> ChangeAsync<TLoaded, TWrite>(EditSession edit, EditTarget<TLoaded, TWrite> target, TLoaded current, string key,
        TWrite before, TWrite write, CancellationToken ct) where TLoaded : class where TWrite : class
    {
        if (await target.ApplyAsync(current, write, ct) is { Count: > 0 } failures)
            return EditSession.Invalid(failures);
        edit.Log(ChangeOperation.Update, target.Resource(current), target.Kind, key, target.Timelines(current), before, target.ToWrite(current));
        return await edit.SaveAsync(ct, t => target.KeepCopiesAsync(current, before, t))
            ?? await edit.CommitAsync(Representation.Of(target.Represent(current)), ct);
    }
}

/// <summary>
/// The create, replace, patch and delete of every resource. Each resource's endpoint only names its
/// <see cref="EditTarget{TLoaded, TWrite}"/> (and, for a create or delete, what to tell OpenAPI readers about it); the
/// route, the editor role, the OpenAPI description and the handler are the same for every resource, so they are written
/// once here (FastEndpoints wants a class per route). Each handler reads in the order every write takes: load → check
/// <c>If-Match</c> → apply, resolving references → change log → save, with the copies → commit (evicts cached reads) →
/// answer; the steps themselves are <see cref="EditSession"/>'s.
/// </summary>
public abstract class CreateEndpoint<TLoaded, TWrite, TResponse>(EditSession edit) : Endpoint<TWrite, TResponse>
    where TLoaded : class where TWrite : class where TResponse : notnull
{
    protected abstract EditTarget<TLoaded, TWrite> Target { get; }

    /// <summary>What OpenAPI readers are told the create adds, before the words every create shares.</summary>
    protected abstract string Explanation { get; }

    public override void Configure()
    {
        var target = Target;
        Post($"/{target.Resources}");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<TResponse>(WriteKind.Create, WriteDescriptions.OperationId("create", target.Kind)));
        Summary(s => WriteDescriptions.Summarise(s, WriteKind.Create, target.Kind, Explanation));
    }

    public override async Task HandleAsync(TWrite req, CancellationToken ct) => await Send.ResultAsync(await CreateAsync(Target, req, ct));

    /// <summary>409 when the key is taken, 400 naming a reference that does not resolve, else 201 with the representation and <c>Location</c>.</summary>
    private async Task<IResult> CreateAsync(EditTarget<TLoaded, TWrite> target, TWrite write, CancellationToken ct)
    {
        if (target.New is null || target.KeyOf is null || target.KeyTakenAsync is null || target.PathOf is null)
            throw new InvalidOperationException($"The {target.Kind} editor does not say how to create one.");
        var key = target.KeyOf(write);
        if (await target.KeyTakenAsync(key, ct))
            return Problems.KeyTaken(target.Kind, key);
        var created = target.New(write);
        if (await target.ApplyAsync(created, write, ct) is { Count: > 0 } failures)
            return EditSession.Invalid(failures);
        edit.Add(target.Resource(created));
        edit.Log(ChangeOperation.Create, target.Resource(created), target.Kind, key, target.Timelines(created), null, target.ToWrite(created));
        return await edit.SaveAsync(ct, t => target.KeepCopiesAsync(created, null, t))
            ?? await edit.CommitAsync(Representation.Of(target.Represent(created), StatusCodes.Status201Created, target.PathOf(key)), ct);
    }
}

/// <inheritdoc cref="CreateEndpoint{TLoaded, TWrite, TResponse}"/>
public abstract class ReplaceEndpoint<TLoaded, TWrite, TResponse>(EditSession edit) : Endpoint<TWrite, TResponse>
    where TLoaded : class where TWrite : class where TResponse : notnull
{
    protected abstract EditTarget<TLoaded, TWrite> Target { get; }

    protected virtual string Explanation => $"Replaces every field of the {Target.Kind}.";

    public override void Configure()
    {
        var target = Target;
        Put($"/{target.Resources}/{{{target.KeyName}}}");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<TResponse>(WriteKind.Replace, WriteDescriptions.OperationId("replace", target.Kind)));
        Summary(s => WriteDescriptions.Summarise(s, WriteKind.Replace, target.Kind, Explanation));
    }

    public override async Task HandleAsync(TWrite req, CancellationToken ct) => await Send.ResultAsync(await ReplaceAsync(Target, Route<string>(Target.KeyName)!, req, ct));

    /// <summary>Every field of the resource replaced by the write.</summary>
    private async Task<IResult> ReplaceAsync(EditTarget<TLoaded, TWrite> target, string key, TWrite write, CancellationToken ct)
    {
        var current = await target.LoadAsync(key, ct);
        if (edit.Precondition(target.Kind, key, current is null ? null : target.Current(current)) is { } refused)
            return refused;
        return await ResourceEdits.ChangeAsync(edit, target, current!, key, target.ToWrite(current!), write, ct);
    }
}

/// <inheritdoc cref="CreateEndpoint{TLoaded, TWrite, TResponse}"/>
public abstract class PatchEndpoint<TLoaded, TWrite, TResponse>(EditSession edit) : EndpointWithoutRequest<TResponse>
    where TLoaded : class where TWrite : class where TResponse : notnull
{
    protected abstract EditTarget<TLoaded, TWrite> Target { get; }

    public override void Configure()
    {
        var target = Target;
        Patch($"/{target.Resources}/{{{target.KeyName}}}");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<TResponse>(WriteKind.Patch, WriteDescriptions.OperationId("patch", target.Kind), patchOf: typeof(TWrite)));
        Summary(s => WriteDescriptions.Summarise(s, WriteKind.Patch, target.Kind, $"Changes some fields of the {target.Kind}."));
    }

    public override async Task HandleAsync(CancellationToken ct) => await Send.ResultAsync(await PatchAsync(Target, Route<string>(Target.KeyName)!, ct));

    /// <summary>The body, a JSON Merge Patch, applied to the write representation and checked as a PUT would be.</summary>
    private async Task<IResult> PatchAsync(EditTarget<TLoaded, TWrite> target, string key, CancellationToken ct)
    {
        var current = await target.LoadAsync(key, ct);
        if (edit.Precondition(target.Kind, key, current is null ? null : target.Current(current)) is { } refused)
            return refused;
        var before = target.ToWrite(current!);
        var (write, invalid) = await edit.MergeAsync(before, target.Validator, ct);
        return write is null ? invalid! : await ResourceEdits.ChangeAsync(edit, target, current!, key, before, write, ct);
    }
}

/// <inheritdoc cref="CreateEndpoint{TLoaded, TWrite, TResponse}"/>
public abstract class DeleteEndpoint<TLoaded, TWrite>(EditSession edit) : EndpointWithoutRequest
    where TLoaded : class where TWrite : class
{
    protected abstract EditTarget<TLoaded, TWrite> Target { get; }

    /// <summary>What OpenAPI readers are told the delete does (what refuses it, what it hides).</summary>
    protected abstract string Explanation { get; }

    public override void Configure()
    {
        var target = Target;
        Delete($"/{target.Resources}/{{{target.KeyName}}}");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<object>(WriteKind.Delete, WriteDescriptions.OperationId("delete", target.Kind)));
        Summary(s => WriteDescriptions.Summarise(s, WriteKind.Delete, target.Kind, Explanation));
    }

    public override async Task HandleAsync(CancellationToken ct) => await Send.ResultAsync(await DeleteAsync(Target, Route<string>(Target.KeyName)!, ct));

    /// <summary>409 while something refers to the resource, else 204; the row stays, marked deleted, and the change log keeps it.</summary>
    private async Task<IResult> DeleteAsync(EditTarget<TLoaded, TWrite> target, string key, CancellationToken ct)
    {
        var current = await target.LoadAsync(key, ct);
        if (edit.Precondition(target.Kind, key, current is null ? null : target.Current(current)) is { } refused)
            return refused;
        if (await target.BlockingReferenceAsync(current!, ct) is { } reference)
            return Problems.Conflict($"The {target.Kind} '{key}' is still referred to by {reference}; change that first.");
        edit.Log(ChangeOperation.Delete, target.Resource(current!), target.Kind, key, target.Timelines(current!), target.ToWrite(current!), null);
        return await edit.SaveAsync(ct, t => target.KeepCopiesAsync(current!, null, t))
            ?? await edit.CommitAsync(Results.NoContent(), ct);
    }
}
