namespace Timeline.Api.Infrastructure;

/// <summary>RFC 9457 problem responses for the errors handlers decide themselves (validation errors come from FastEndpoints).</summary>
public static class Problems
{
    public static IResult NotFound(string resource, string key) =>
        NotFound($"There is no {resource} with {(resource == "source" ? "id" : key.Contains('/', StringComparison.Ordinal) ? "key" : "slug")} '{key}'.");

    /// <summary>404 saying what is missing, for a part of a resource (an entry of its record, a translation).</summary>
    public static IResult NotFound(string detail) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Not Found",
        type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
        detail: detail);

    /// <summary>409 for a create whose key is taken (deleted resources keep theirs).</summary>
    public static IResult KeyTaken(string resource, string key) =>
        Conflict($"A{(resource[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "n" : "")} {resource} with {(resource == "source" ? "URL" : "slug")} '{key}' already exists (or existed and was deleted); choose another.");

    public static IResult Conflict(string detail) => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    public static IResult PreconditionRequired() => Results.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "Precondition Required",
        detail: "Send If-Match with the ETag of the version you are changing (GET the resource to get it); * is not accepted.");

    public static IResult PreconditionFailed() => Results.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition Failed",
        detail: "The resource has changed since the ETag in If-Match: GET it again and reapply your change.");

    /// <summary>422 for a request that is well formed but cannot be carried out as asked (a translation into the record's own language).</summary>
    public static IResult Unprocessable(string detail) => Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Unprocessable Content",
        type: "https://tools.ietf.org/html/rfc9110#section-15.5.21", detail: detail);
}
