using System.Text.Json;
using System.Text.Json.Nodes;
using FastEndpoints;
using FluentValidation;
using Microsoft.Net.Http.Headers;
using Timeline.Api.Domain;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Infrastructure.Writes;

/// <summary>Documents what writes can answer.</summary>
public static class WriteEndpointExtensions
{
    public const string MergePatchJson = "application/merge-patch+json";

    /// <summary>The roles and the error answers every write shares.</summary>
    public static void DescribeWrite(this RouteHandlerBuilder builder, string operationId, params int[] statuses)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithName(operationId)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        foreach (var status in statuses)
            builder.ProducesProblem(status);
    }
}

/// <summary>A write endpoint: sends a <see cref="WriteOutcome"/> as the HTTP answer.</summary>
public abstract class WriteEndpoint<TRequest, TResponse> : Endpoint<TRequest, TResponse> where TRequest : notnull
{
    /// <summary>The resource's key in the path: the slug, or a source's id.</summary>
    protected string RouteKey() => Route<string>("slug", isRequired: false) ?? Route<string>("id", isRequired: false) ?? "";

    protected async Task SendOutcomeAsync(WriteOutcome outcome, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var response = HttpContext.Response;
        switch (outcome)
        {
            case WriteOutcome.Done { Body: null } done:
                await Send.StatusCodeAsync(done.Status, ct);
                break;
            case WriteOutcome.Done done:
                if (done.ETag is not null)
                    response.Headers.ETag = done.ETag;
                if (done.Location is not null)
                    response.Headers.Location = done.Location;
                await Send.ResponseAsync((TResponse)done.Body, done.Status, ct);
                break;
            case WriteOutcome.Invalid invalid:
                ValidationFailures.AddRange(invalid.Failures);
                await Send.ErrorsAsync(StatusCodes.Status400BadRequest, ct);
                break;
            case WriteOutcome.Refused refused:
                await Send.ResultAsync(Results.Problem(statusCode: refused.Status, title: refused.Title, detail: refused.Detail));
                break;
        }
    }
}

/// <summary><c>POST /{resources}</c>: creates a resource; 201 with its representation, ETag and Location.</summary>
public abstract class CreateResourceEndpoint<TEntity, TWrite, TResponse>(ResourceWrites writes, ResourceEditor<TEntity, TWrite, TResponse> editor)
    : WriteEndpoint<TWrite, TResponse>
    where TEntity : class, IEditable where TWrite : class where TResponse : class
{
    protected void ConfigureCreate(string route, string operationId, string summary, string description)
    {
        Post(route);
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite(operationId, 400, 409, 413, 415));
        Summary(s =>
        {
            s.Summary = summary;
            s.Description = description + " Send `Idempotency-Key` to make retries safe.";
        });
    }

    public override async Task HandleAsync(TWrite req, CancellationToken ct) =>
        await SendOutcomeAsync(await writes.CreateAsync(editor, req, ct), ct);
}

/// <summary><c>PUT /{resources}/{key}</c>: replaces a resource; needs <c>If-Match</c>.</summary>
public abstract class ReplaceResourceEndpoint<TEntity, TWrite, TResponse>(ResourceWrites writes, ResourceEditor<TEntity, TWrite, TResponse> editor)
    : WriteEndpoint<TWrite, TResponse>
    where TEntity : class, IEditable where TWrite : class where TResponse : class
{
    protected void ConfigureReplace(string route, string operationId, string summary, string description)
    {
        Put(route);
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite(operationId, 400, 404, 412, 413, 415, 428));
        Summary(s =>
        {
            s.Summary = summary;
            s.Description = description + " Send `If-Match` with the ETag you read; the key in the path is the resource's identity and cannot change.";
        });
    }

    public override async Task HandleAsync(TWrite req, CancellationToken ct) =>
        await SendOutcomeAsync(await writes.ReplaceAsync(editor, RouteKey(), req, HttpContext.Request.Headers.IfMatch, ct), ct);
}

/// <summary><c>PATCH /{resources}/{key}</c>: a JSON Merge Patch (RFC 7396) of the write representation; needs <c>If-Match</c>.</summary>
public abstract class PatchResourceEndpoint<TEntity, TWrite, TResponse>(ResourceWrites writes, ResourceEditor<TEntity, TWrite, TResponse> editor, IValidator<TWrite> validator)
    : WriteEndpoint<EmptyRequest, TResponse>
    where TEntity : class, IEditable where TWrite : class where TResponse : class
{
    protected void ConfigurePatch(string route, string operationId, string summary, string description)
    {
        Patch(route);
        Roles(ApiKeyAuthenticationHandler.Editor);
        // The body is read here, as a merge patch, not bound to a type.
        Description(d =>
        {
            d.Accepts<TWrite>(WriteEndpointExtensions.MergePatchJson, "application/json");
            d.DescribeWrite(operationId, 400, 404, 412, 413, 415, 428);
        });
        Summary(s =>
        {
            s.Summary = summary;
            s.Description = description + " The body is a JSON Merge Patch (RFC 7396) of the write representation: members set replace, `null` removes. Send `If-Match`.";
        });
    }

    public override async Task HandleAsync(EmptyRequest req, CancellationToken ct)
    {
        var mediaType = MediaTypeHeaderValue.TryParse(HttpContext.Request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
        if (mediaType is not (WriteEndpointExtensions.MergePatchJson or "application/json"))
        {
            await Send.ResultAsync(Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported Media Type",
                detail: $"Send the patch as {WriteEndpointExtensions.MergePatchJson}."));
            return;
        }

        JsonNode? patch;
        try
        {
            patch = await JsonNode.ParseAsync(HttpContext.Request.Body, cancellationToken: ct);
        }
        catch (JsonException exception)
        {
            AddError("body", $"The body is not valid JSON: {exception.Message}");
            await Send.ErrorsAsync(StatusCodes.Status400BadRequest, ct);
            return;
        }

        if (patch is not JsonObject)
        {
            AddError("body", "A merge patch must be a JSON object.");
            await Send.ErrorsAsync(StatusCodes.Status400BadRequest, ct);
            return;
        }

        await SendOutcomeAsync(await writes.PatchAsync(editor, validator, RouteKey(), patch, HttpContext.Request.Headers.IfMatch, ct), ct);
    }
}

/// <summary><c>DELETE /{resources}/{key}</c>: a soft delete (gone from reads, kept in the change log); needs <c>If-Match</c>.</summary>
public abstract class DeleteResourceEndpoint<TEntity, TWrite, TResponse>(ResourceWrites writes, ResourceEditor<TEntity, TWrite, TResponse> editor)
    : WriteEndpoint<EmptyRequest, TResponse>
    where TEntity : class, IEditable where TWrite : class where TResponse : class
{
    protected void ConfigureDelete(string route, string operationId, string summary, string description)
    {
        Delete(route);
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d =>
        {
            d.Produces(StatusCodes.Status204NoContent);
            d.DescribeWrite(operationId, 404, 409, 412, 428);
        });
        Summary(s =>
        {
            s.Summary = summary;
            s.Description = description + " Deletes are soft: the resource disappears from reads and exports and stays in the change log. Send `If-Match`.";
        });
    }

    public override async Task HandleAsync(EmptyRequest req, CancellationToken ct)
    {
        await SendOutcomeAsync(await writes.DeleteAsync(editor, RouteKey(), HttpContext.Request.Headers.IfMatch, ct), ct);
    }
}
