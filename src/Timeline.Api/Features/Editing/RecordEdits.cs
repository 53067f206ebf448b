using System.Globalization;
using System.Text.Json.Nodes;
using FastEndpoints;
using FluentValidation;
using Timeline.Api.Domain;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Features.Editing;

/// <summary>
/// What appends to and retractions from one kind of append-only record need (a commitment's status history, a treaty's
/// actions), built by the owner's editor (<c>CommitmentEditor.History</c>, <c>TreatyEditor.Record</c>).
/// </summary>
/// <param name="OwnerKind">The owner's kind as problems name it: <c>commitment</c>.</param>
/// <param name="EntryKind">An entry's kind as problems name it: <c>assessment</c>, <c>action</c>.</param>
/// <param name="EntryType">The change log's resource type of an entry, keyed <c>{owner}/{id}</c>.</param>
/// <param name="LoadAsync">The owner by slug, tracked, with its whole record and its representation (the ETag <c>If-Match</c> may name).</param>
/// <param name="Entries">The owner's entries.</param>
/// <param name="Represent">An entry as the API answers it.</param>
/// <param name="EntriesPathOf">Where the owner's record is read, by the owner's slug: an append's <c>Location</c>.</param>
public sealed record AppendOnlyRecord<TOwner, TEntry>(
    string OwnerKind,
    string EntryKind,
    string EntryType,
    Func<string, CancellationToken, Task<Represented<TOwner>?>> LoadAsync,
    Func<TOwner, ICollection<TEntry>> Entries,
    Func<TEntry, object> Represent,
    Func<string, string> EntriesPathOf)
    where TOwner : class, IEditable, IOnTimelines where TEntry : class, IRecordEntry;

/// <summary>
/// Appends and retractions, one style for every append-only record: <c>If-Match</c> is optional (an append does not
/// replace anything), a stale one is a 412 like on every write, and the owner gets a new version with each entry so
/// two racing appends cannot both win.
/// </summary>
public static class RecordEdits
{
    /// <summary>The owner to append to: null with the refusal when there is none (404) or <c>If-Match</c> names another version (412).</summary>
    public static async Task<(TOwner? Owner, IResult? Refused)> OwnerAsync<TOwner, TEntry>(this EditSession edit, AppendOnlyRecord<TOwner, TEntry> record,
        string slug, CancellationToken ct) where TOwner : class, IEditable, IOnTimelines where TEntry : class, IRecordEntry
    {
        ArgumentNullException.ThrowIfNull(edit);
        ArgumentNullException.ThrowIfNull(record);
        var current = await record.LoadAsync(slug, ct);
        if (current is null)
            return (null, Problems.NotFound(record.OwnerKind, slug));
        return edit.OptionalPrecondition(current.Representation) is { } stale ? (null, stale) : (current.Entity, null);
    }

    /// <summary>
    /// Appends a checked entry: a new version of the owner, a change-log entry with what the request wrote (its fields
    /// but the owner's slug), and 201 with the entry and the record's <c>Location</c>.
    /// </summary>
    public static async Task<IResult> AppendAsync<TOwner, TEntry>(this EditSession edit, AppendOnlyRecord<TOwner, TEntry> record, TOwner owner, TEntry entry,
        string slug, ChangeOperation operation, object request, CancellationToken ct) where TOwner : class, IEditable, IOnTimelines where TEntry : class, IRecordEntry
    {
        ArgumentNullException.ThrowIfNull(edit);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(owner);
        record.Entries(owner).Add(entry);
        // The owner's representation shows its record: a new version, so stale ETags (and a racing append) fail.
        owner.Changed(edit.Now);
        if (await edit.SaveAsync(ct) is { } lost)
            return lost;
        var written = ChangeLog.ToJson(request);
        written.Remove("slug");
        edit.Record(operation, record.EntryType, EntryKey(slug, entry), ChangeLog.TimelinesOf(owner), [], written);
        return await edit.CommitAsync(Representation.Of(record.Represent(entry), StatusCodes.Status201Created, record.EntriesPathOf(slug)), ct);
    }

    /// <summary>
    /// Withdraws an entry (admin): 404 when the owner has no such entry, 412 on a stale <c>If-Match</c>, 409 when it was
    /// withdrawn already; else it is marked with who, when and why, and answered with 200.
    /// </summary>
    public static async Task<IResult> RetractAsync<TOwner, TEntry>(this EditSession edit, AppendOnlyRecord<TOwner, TEntry> record, RetractionRequest request,
        CancellationToken ct) where TOwner : class, IEditable, IOnTimelines where TEntry : class, IRecordEntry
    {
        ArgumentNullException.ThrowIfNull(edit);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(request);
        var current = await record.LoadAsync(request.Slug, ct);
        var entry = current is null ? null : record.Entries(current.Entity).SingleOrDefault(e => e.Id == request.Id);
        if (current is null || entry is null)
            return Problems.NotFound($"The {record.OwnerKind} '{request.Slug}' has no {record.EntryKind} {request.Id}.");
        if (edit.OptionalPrecondition(current.Representation) is { } stale)
            return stale;
        if (entry.RetractedAt is not null)
            return Problems.Conflict($"{char.ToUpperInvariant(record.EntryKind[0])}{record.EntryKind[1..]} {request.Id} was already retracted.");

        var owner = current.Entity;
        entry.RetractedAt = edit.Now;
        entry.RetractedBy = edit.Caller;
        entry.RetractionReason = request.Reason;
        owner.Changed(edit.Now);
        edit.Record(ChangeOperation.Retract, record.EntryType, EntryKey(request.Slug, entry), ChangeLog.TimelinesOf(owner),
            new JsonObject { ["retracted"] = false }, new JsonObject { ["retracted"] = true, ["reason"] = request.Reason });
        return await edit.SaveAsync(ct) ?? await edit.CommitAsync(Representation.Of(record.Represent(entry)), ct);
    }

    /// <summary>An entry's key in the change log: <c>{owner's slug}/{id}</c>.</summary>
    private static string EntryKey(string slug, IRecordEntry entry) => $"{slug}/{entry.Id.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>Why an entry is withdrawn; the retraction is recorded, nothing is erased.</summary>
public sealed class RetractionRequest
{
    public string Slug { get; set; } = "";
    public long Id { get; set; }

    /// <summary>Shown to readers beside the retracted entry.</summary>
    public string Reason { get; set; } = "";
}

public sealed class RetractionValidator : Validator<RetractionRequest>
{
    public RetractionValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(2000);
}

/// <summary>The route of a retraction (admin only); each record's endpoint names its record and what to tell OpenAPI readers.</summary>
public abstract class RetractEndpoint<TOwner, TEntry, TResponse>(EditSession edit) : Endpoint<RetractionRequest, TResponse>
    where TOwner : class, IEditable, IOnTimelines where TEntry : class, IRecordEntry where TResponse : notnull
{
    protected abstract AppendOnlyRecord<TOwner, TEntry> Record { get; }

    /// <summary>The route, e.g. <c>/commitments/{slug}/assessments/{id}/retraction</c>.</summary>
    protected abstract string Route { get; }

    protected abstract string OperationId { get; }

    /// <summary>What the retraction does to the record, for OpenAPI readers.</summary>
    protected abstract string Explanation { get; }

    public override void Configure()
    {
        var record = Record;
        Post(Route);
        Roles(ApiKeyAuthenticationHandler.Admin);
        Description(d => d.DescribeWrite<TResponse>(WriteKind.Append, OperationId, StatusCodes.Status200OK));
        Summary(s =>
        {
            s.Summary = $"Retract {WriteDescriptions.WithArticle(record.EntryType.Replace('-', ' '))} (admin)";
            s.Description = WriteDescriptions.Explain(WriteKind.Append, Explanation);
        });
    }

    public override async Task HandleAsync(RetractionRequest req, CancellationToken ct) => await Send.ResultAsync(await edit.RetractAsync(Record, req, ct));
}
