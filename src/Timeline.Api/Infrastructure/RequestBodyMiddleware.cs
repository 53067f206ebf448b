using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Timeline.Api.Infrastructure;

/// <summary>
/// Request bodies: one over <see cref="LimitsOptions.MaxRequestBodyBytes"/> is refused with 413 problem+json (at once
/// when its Content-Length says so, as soon as it outgrows the limit when chunked), and one within the limit is read
/// whole before anything else sees it.
/// </summary>
/// <remarks>
/// Reading the body up front is what lets a shutdown drain uploads: on SIGTERM Kestrel wakes every connection's reader,
/// and System.Text.Json reading straight from the request pipe takes that wake-up for a cancellation and fails the
/// request (a 500 instead of the upload's answer). Copying the stream consumes what it examines, which Kestrel's body
/// reader retries through. Bodies are small (1 MiB by default), so holding one in memory costs little.
/// </remarks>
public sealed partial class RequestBodyMiddleware(RequestDelegate next, IOptions<LimitsOptions> options, ILogger<RequestBodyMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var max = options.Value.MaxRequestBodyBytes;
        var request = context.Request;
        if (request.ContentLength > max)
        {
            await TooLargeAsync(context, max);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = max;

        var canHaveBody = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody
            ?? (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0);
        if (canHaveBody)
        {
            var body = new MemoryStream();
            context.Response.RegisterForDisposeAsync(body);
            if (!await ReadAsync(request.Body, body, max, context.RequestAborted))
            {
                await TooLargeAsync(context, max);
                return;
            }

            body.Position = 0;
            request.Body = body;
        }

        await next(context);
    }

    /// <summary>Copies the body; false as soon as it is longer than <paramref name="max"/> bytes.</summary>
    private static async Task<bool> ReadAsync(Stream source, MemoryStream target, long max, CancellationToken cancellationToken)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (target.Length + read > max)
                    return false;
                target.Write(chunk, 0, read);
            }

            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private async Task TooLargeAsync(HttpContext context, long max)
    {
        LogTooLarge(logger, context.Request.Method, context.Request.Path, max);
        await Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Content Too Large",
            detail: $"Request bodies are limited to {max} bytes.").ExecuteAsync(context);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} answered 413: the body is over {Max} bytes")]
    private static partial void LogTooLarge(ILogger logger, string method, PathString path, long max);
}
