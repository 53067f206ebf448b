using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation.Results;
using Microsoft.Net.Http.Headers;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Editing;

/// <summary>JSON Merge Patch, RFC 7396: the body of every PATCH, applied to the resource's write representation.</summary>
public static class MergePatch
{
    public const string MediaType = "application/merge-patch+json";

    /// <summary>RFC 7396 section 2, exactly: null removes, objects merge, anything else replaces.</summary>
    public static JsonNode Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
            return patch?.DeepClone()!;

        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
                result.Remove(name);
            else
                result[name] = Apply(result[name], value);
        }

        return result;
    }

    /// <summary>
    /// The request's body as a patch: a 415 unless it is <c>application/merge-patch+json</c> (or plain JSON), a 400
    /// unless it is one JSON object. The body has passed <see cref="StrictJsonMiddleware"/> already.
    /// </summary>
    public static async Task<(JsonObject? Patch, IResult? Refused)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
        if (mediaType is not (MediaType or "application/json"))
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported Media Type",
                detail: $"Send the patch as {MediaType}."));
        }

        JsonNode? patch;
        try
        {
            patch = await JsonNode.ParseAsync(request.Body, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false },
                cancellationToken: cancellationToken);
        }
        catch (JsonException exception)
        {
            return (null, EditSession.Invalid([new ValidationFailure("body", $"The body is not valid JSON: {exception.Message}")]));
        }

        return patch is JsonObject body
            ? (body, null)
            : (null, EditSession.Invalid([new ValidationFailure("body", "A merge patch must be a JSON object.")]));
    }

    /// <summary>The patch applied to a write representation, read back as one; a failure names the field that no longer fits.</summary>
    public static (TWrite? Merged, ValidationFailure? Failure) Merge<TWrite>(TWrite current, JsonObject patch) where TWrite : class
    {
        // A member the representation does not have is refused even as null, which would remove nothing: a misspelt
        // name ({"sumary": null}) must not pass for a change.
        var members = TimelineApp.Json.GetTypeInfo(typeof(TWrite)).Properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        if (patch.Select(p => p.Key).FirstOrDefault(name => !members.Contains(name)) is { } unknown)
            return (null, new ValidationFailure(unknown, $"'{unknown}' is not a property of the resource (names are case-sensitive; some are set by the server)."));
        var merged = Apply(ChangeLog.ToJson(current), patch);
        try
        {
            var write = merged.Deserialize<TWrite>(TimelineApp.Json);
            return write is null ? (null, new ValidationFailure("body", "A merge patch must be a JSON object.")) : (write, null);
        }
        catch (JsonException exception)
        {
            var field = exception.Path is { Length: > 2 } path ? path[2..] : "body";
            // The exception's own message names .NET types; say what is wrong in the API's terms.
            return (null, new ValidationFailure(field, BindingMessages.DescribeJson(exception)));
        }
    }
}
