using FastEndpoints;

namespace Timeline.Api.Features.Editing;

/// <summary>The kinds of write, by what they take and answer (see <see cref="WriteDescriptions"/>).</summary>
public enum WriteKind
{
    /// <summary>POST of a new resource: 201 with Location and ETag; <c>Idempotency-Key</c> makes retries safe.</summary>
    Create,

    /// <summary>PUT of a whole resource: 200 with ETag; needs <c>If-Match</c>.</summary>
    Replace,

    /// <summary>PATCH with a JSON Merge Patch: 200 with ETag; needs <c>If-Match</c>.</summary>
    Patch,

    /// <summary>DELETE, soft: 204; needs <c>If-Match</c>.</summary>
    Delete,

    /// <summary>POST that appends to a resource's history (an assessment, a retraction): <c>If-Match</c> optional, <c>Idempotency-Key</c> accepted.</summary>
    Append,

    /// <summary>PUT of one language's texts of a record: 201 when new, 200 when replaced, with ETag; needs <c>If-Match</c>; <c>Idempotency-Key</c> accepted.</summary>
    Translate,
}

/// <summary>
/// What a write endpoint tells OpenAPI, by kind: the statuses it answers, and (as <see cref="WriteContract"/> metadata,
/// which the document's processor turns into header parameters, response headers and the merge-patch schema) the
/// headers it takes and gives.
/// </summary>
public static class WriteDescriptions
{
    public static RouteHandlerBuilder DescribeWrite<TResponse>(this RouteHandlerBuilder builder, WriteKind kind, string operationId,
        int success = 0, Type? patchOf = null, params int[] also)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var status = success != 0 ? success : kind switch
        {
            WriteKind.Create => StatusCodes.Status201Created,
            WriteKind.Delete => StatusCodes.Status204NoContent,
            _ => StatusCodes.Status200OK,
        };
        builder.WithName(operationId).ClearDefaultProduces();
        if (status == StatusCodes.Status204NoContent)
            builder.Produces(status);
        else
            builder.Produces<TResponse>(status, "application/json");
        if (kind == WriteKind.Translate)
            builder.Produces<TResponse>(StatusCodes.Status201Created, "application/json");
        if (patchOf is not null)
            builder.Accepts(patchOf, MergePatch.MediaType, "application/json");

        int[] refusals = kind switch
        {
            WriteKind.Create => [400, 409, 413, 415, 422],
            WriteKind.Replace or WriteKind.Patch => [400, 404, 412, 413, 415, 428],
            WriteKind.Delete => [404, 409, 412, 428],
            WriteKind.Translate => [400, 404, 409, 412, 413, 415, 422, 428],
            _ => [400, 404, 409, 412, 413, 415, 422],
        };
        foreach (var refusal in refusals.Concat([401, 403, 429, 503]).Concat(also).Distinct().Order())
            builder.ProducesProblem(refusal);
        return builder.WithMetadata(new WriteContract(kind, status, patchOf));
    }

    /// <summary>The words every write of a kind shares, after the endpoint's own.</summary>
    /// <summary>An operation's id in the document: the verb and the resource's kind, <c>createCommitment</c>.</summary>
    public static string OperationId(string verb, string kind) => verb + char.ToUpperInvariant(kind[0]) + kind[1..];

    /// <summary>The summary (<c>Create a commitment</c>) and description of a resource's create, replace, patch or delete.</summary>
    public static void Summarise(EndpointSummary summary, WriteKind kind, string resourceKind, string explanation)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var verb = kind switch { WriteKind.Create => "Create", WriteKind.Replace => "Replace", WriteKind.Patch => "Change", _ => "Delete" };
        summary.Summary = $"{verb} {WithArticle(resourceKind)}";
        summary.Description = Explain(kind, explanation);
    }

    /// <summary>The kind with its indefinite article, as summaries name it: <c>an event</c>, <c>a treaty</c> (every kind is one plain word).</summary>
    public static string WithArticle(string kind) => ("aeiou".Contains(kind[0], StringComparison.Ordinal) ? "an " : "a ") + kind;

    public static string Explain(WriteKind kind, string description) => description + kind switch
    {
        WriteKind.Create => " Answers 201 with the new resource, its `ETag` and `Location`. Send `Idempotency-Key` to make retries safe.",
        WriteKind.Replace => " Send `If-Match` with the ETag you read; the key in the path is the resource's identity and cannot change.",
        WriteKind.Patch => " The body is a JSON Merge Patch (RFC 7396) of the write representation: members set replace, `null` removes, "
            + "members left out stay. Send `If-Match` with the ETag you read.",
        WriteKind.Delete => " Deletes are soft: the resource disappears from reads and exports and stays in the change log. Send `If-Match`.",
        _ => " Send `If-Match` with the commitment's ETag to refuse the write if it changed meanwhile (412), and `Idempotency-Key` to make retries safe.",
    };
}

/// <summary>Endpoint metadata: the kind of write, its success status, and for a PATCH the write representation it merges into.</summary>
public sealed record WriteContract(WriteKind Kind, int SuccessStatus, Type? PatchOf);
