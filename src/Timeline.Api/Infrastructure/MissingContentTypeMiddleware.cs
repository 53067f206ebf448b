using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace Timeline.Api.Infrastructure;

/// <summary>
/// <c>415</c> for a body sent without <c>Content-Type</c> to an endpoint that reads one. FastEndpoints answers that
/// case itself with an empty 415; answering first gives the client a problem+json that says what to send.
/// </summary>
public sealed class MissingContentTypeMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Headers.ContainsKey(HeaderNames.ContentType)
            && context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is { } accepts
            && !accepts.ContentTypes.Contains("*/*"))
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                detail: $"Send the body with a Content-Type header: {string.Join(" or ", accepts.ContentTypes)}.").ExecuteAsync(context);
        }

        return next(context);
    }
}
