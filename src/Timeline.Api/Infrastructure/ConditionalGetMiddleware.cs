using Microsoft.IO;
using Microsoft.Net.Http.Headers;

namespace Timeline.Api.Infrastructure;

/// <summary>
/// Gives every successful GET an <c>ETag</c> (a hash of the body) and a <c>Cache-Control</c>, and
/// answers <c>If-None-Match</c> with 304. Hashing the body keeps the tag exact whatever produced it;
/// the output cache in front of this stores the headers, so cached reads cost no hashing.
/// </summary>
public sealed class ConditionalGetMiddleware(RequestDelegate next)
{
    public const string DefaultCacheControl = "public, max-age=60";

    // Bodies are buffered to hash them: pooled blocks instead of a fresh array per response, so that exports of
    // hundreds of kilobytes do not make a large-object-heap allocation (and growth) on every request.
    private static readonly RecyclableMemoryStreamManager Buffers = new(new RecyclableMemoryStreamManager.Options
    {
        BlockSize = 128 * 1024,
        LargeBufferMultiple = 1024 * 1024,
        MaximumBufferSize = 16 * 1024 * 1024,
        MaximumSmallPoolFreeBytes = 16 * 1024 * 1024,
        MaximumLargePoolFreeBytes = 16 * 1024 * 1024,
    });

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }

        var response = context.Response;
        var original = response.Body;
        await using var buffer = Buffers.GetStream("conditional-get");
        response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = original;
        }

        if (response.StatusCode == StatusCodes.Status200OK)
        {
            // Single resources set their own ETag (the one writes check with If-Match); others get the body's hash.
            if (!response.Headers.ContainsKey(HeaderNames.ETag))
                response.Headers.ETag = ETags.FromBytes(buffer.GetReadOnlySequence());
            if (!response.Headers.ContainsKey(HeaderNames.CacheControl))
                response.Headers.CacheControl = DefaultCacheControl;

            if (Matches(context.Request, EntityTagHeaderValue.Parse(response.Headers.ETag.ToString())))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                response.Headers.Remove(HeaderNames.ContentType);
                return;
            }
        }

        if (response.StatusCode >= 400 && !response.Headers.ContainsKey(HeaderNames.CacheControl))
            response.Headers.CacheControl = "no-store";

        // The whole body is known: say its length (a HEAD answer then has the GET's Content-Length too). An empty one is
        // left unset, so that status code pages can still give a bodiless 404 its problem+json.
        if (buffer.Length > 0)
            response.ContentLength = buffer.Length;
        buffer.Position = 0;
        // Not cancelled by this client's hang-up: the output cache in front may be writing one answer for several
        // requests of the same URL at once, and the others must still get it (the copy is from memory, and Kestrel
        // drops what is written for a client that has gone).
        await buffer.CopyToAsync(original, CancellationToken.None);
    }

    private static bool Matches(HttpRequest request, EntityTagHeaderValue etag)
    {
        var ifNoneMatch = request.GetTypedHeaders().IfNoneMatch;
        return ifNoneMatch.Any(candidate => candidate.Equals(EntityTagHeaderValue.Any) || candidate.Compare(etag, useStrongComparison: false));
    }
}
