using FluentValidation.Results;

namespace Timeline.Api.Infrastructure.Writes;

/// <summary>How a write ended; endpoints turn it into the HTTP answer.</summary>
public abstract record WriteOutcome
{
    /// <summary>Done: the resource's new representation (null after a delete), its ETag and, for a create, its path.</summary>
    public sealed record Done(int Status, object? Body, string? ETag, string? Location) : WriteOutcome;

    /// <summary>Bad input, per field (400).</summary>
    public sealed record Invalid(IReadOnlyList<ValidationFailure> Failures) : WriteOutcome;

    /// <summary>Any other refusal, as problem+json.</summary>
    public sealed record Refused(int Status, string Title, string Detail) : WriteOutcome;

    public static Refused NotFound(string resource, string key) => new(404, "Not Found", $"There is no {resource} with key '{key}'.");

    public static Refused PreconditionRequired() => new(428, "Precondition Required",
        "Send If-Match with the ETag of the version you are changing (GET the resource to get it); * is not accepted.");

    public static Refused PreconditionFailed() => new(412, "Precondition Failed",
        "The resource has changed since the ETag in If-Match: GET it again and reapply your change.");
}
