using System.Threading.RateLimiting;

namespace Timeline.Api.Infrastructure;

/// <summary>
/// Marks an endpoint that builds a whole document in memory before it answers: an export (CSV, iCalendar, Atom,
/// TimelineJS), the widget, a timeline's page. One such build of a large timeline holds tens of megabytes (an
/// iCalendar of 1,000 events about 35 MB in Ical.Net's object model), so sixteen at once took the process from
/// 250 MB to 760 MB resident at 1M events, while on a two-core machine they are no faster than two at a time.
/// </summary>
public sealed class WholeDocument
{
    public static readonly WholeDocument Marker = new();

    private WholeDocument()
    {
    }
}

/// <summary>
/// Lets at most <see cref="LimitsOptions.ConcurrentDocuments"/> whole-document builds run at once, queueing the rest
/// first come, first served; beyond <see cref="LimitsOptions.DocumentQueue"/> waiting requests the answer is 503 with
/// <c>Retry-After</c>. It sits behind the output cache, so a cached document never waits, and in front of the
/// conditional GET, so the body buffered for its ETag is counted with the build that made it.
/// </summary>
public sealed class WholeDocumentGate(RequestDelegate next, ConcurrencyLimiter limiter)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<WholeDocument>() is null)
        {
            await next(context);
            return;
        }

        RateLimitLease lease;
        try
        {
            lease = await limiter.AcquireAsync(1, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client hung up while waiting for a turn: nobody to answer, and nothing went wrong here. The status keeps
            // the output cache from storing the empty answer as the document.
            context.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
            return;
        }

        using var turn = lease;
        if (!lease.IsAcquired)
        {
            context.Response.Headers.RetryAfter = "1";
            context.Response.Headers.CacheControl = "no-store";
            await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service Unavailable",
                detail: "Too many documents are being built at once; try again in a second.").ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}

public static class WholeDocumentGateSetup
{
    public static IServiceCollection AddWholeDocumentGate(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(LimitsOptions.Section).Get<LimitsOptions>() ?? new LimitsOptions();
        return services.AddSingleton(new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = limits.ConcurrentDocuments > 0 ? limits.ConcurrentDocuments : Environment.ProcessorCount,
            QueueLimit = limits.DocumentQueue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));
    }
}
