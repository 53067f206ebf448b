using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Timeline.Api.Infrastructure;

/// <summary>
/// Refuses request bodies over <see cref="LimitsOptions.MaxRequestBodyBytes"/> with 413 problem+json before
/// anything reads them, and caps bodies without a length (chunked) through the server's own limit.
/// </summary>
public sealed class RequestSizeMiddleware(RequestDelegate next, IOptions<LimitsOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var max = options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > max)
        {
            context.Response.Headers.CacheControl = "no-store";
            await Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Content Too Large",
                detail: $"Request bodies are limited to {max} bytes.").ExecuteAsync(context);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = max;
        await next(context);
    }
}
