using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using RedisRateLimiting;
using StackExchange.Redis;

namespace Timeline.Api.Infrastructure;

/// <summary>
/// ASP.NET Core's rate limiter: reads partitioned by client address (the proxy's client, with trusted forwarded headers),
/// writes by API key. With Redis configured the windows live in Redis (RedisRateLimiting), so every replica counts
/// against one limit; without it each process counts for itself. Should Redis stop answering, each process falls back
/// to its own windows rather than failing requests.
/// </summary>
public static partial class RateLimits
{
    public static IServiceCollection AddTimelineRateLimits(this IServiceCollection services, IConfiguration configuration, RedisConnection? redis)
    {
        var limits = configuration.GetSection(LimitsOptions.Section).Get<LimitsOptions>() ?? new LimitsOptions();
        var prefix = (configuration.GetSection(CacheOptions.Section).Get<CacheOptions>() ?? new CacheOptions()).InstanceName + "ratelimit:";
        services.AddRateLimiter(options => options.OnRejected = RejectAsync);
        services.AddOptions<RateLimiterOptions>().Configure<ILoggerFactory>((options, loggers) =>
        {
            var local = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var (key, permits) = Partition(context, limits);
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => Window(permits));
            });
            if (redis is null)
            {
                options.GlobalLimiter = local;
                return;
            }

            var shared = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var (key, permits) = Partition(context, limits);
                return RedisRateLimitPartition.GetFixedWindowRateLimiter(prefix + key, _ => new RedisFixedWindowRateLimiterOptions
                {
                    ConnectionMultiplexerFactory = redis.Get,
                    PermitLimit = permits,
                    Window = TimeSpan.FromMinutes(1),
                });
            });
            options.GlobalLimiter = new SharedOrLocalRateLimiter(shared, local, () => redis.Get().IsConnected, loggers.CreateLogger(typeof(RateLimits)));
        });
        return services;
    }

    /// <summary>Reads (GET, HEAD, OPTIONS) per client address; writes per API key, or per address without one.</summary>
    private static (string Key, int Permits) Partition(HttpContext context, LimitsOptions limits)
    {
        var isRead = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            || HttpMethods.IsOptions(context.Request.Method);
        var address = context.Connection.RemoteIpAddress ?? IPAddress.Loopback;
        return isRead
            ? ($"read:{address}", limits.ReadsPerMinute)
            : ($"write:{context.User.Identity?.Name ?? $"anonymous:{address}"}", limits.WritesPerMinute);
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var response = rejected.HttpContext.Response;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait
            : rejected.Lease.TryGetMetadata(RateLimitMetadataName.RetryAfter, out var seconds) ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromMinutes(1);
        var after = Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds));
        response.Headers.RetryAfter = after.ToString(CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too Many Requests",
            detail: $"Rate limit reached; try again in {after} seconds.").ExecuteAsync(rejected.HttpContext);
    }

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };

    /// <summary>
    /// The Redis windows while Redis answers, this process's own windows while it does not. While the connection is
    /// down the local windows answer at once, instead of each request waiting for a Redis command to time out.
    /// </summary>
    private sealed partial class SharedOrLocalRateLimiter(
        PartitionedRateLimiter<HttpContext> shared, PartitionedRateLimiter<HttpContext> local, Func<bool> connected, ILogger logger)
        : PartitionedRateLimiter<HttpContext>
    {
        private int _degraded;

        public override RateLimiterStatistics? GetStatistics(HttpContext resource) => local.GetStatistics(resource);

        protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount)
        {
            if (!connected())
            {
                Degraded("not connected");
                return local.AttemptAcquire(resource, permitCount);
            }

            try
            {
                var lease = shared.AttemptAcquire(resource, permitCount);
                Recovered();
                return lease;
            }
            catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
            {
                Degraded(exception.Message);
                return local.AttemptAcquire(resource, permitCount);
            }
        }

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken)
        {
            if (!connected())
            {
                Degraded("not connected");
                return await local.AcquireAsync(resource, permitCount, cancellationToken);
            }

            try
            {
                var lease = await shared.AcquireAsync(resource, permitCount, cancellationToken);
                Recovered();
                return lease;
            }
            catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
            {
                Degraded(exception.Message);
                return await local.AcquireAsync(resource, permitCount, cancellationToken);
            }
        }

        private void Degraded(string reason)
        {
            if (Interlocked.Exchange(ref _degraded, 1) == 0)
                LogDegraded(logger, reason);
        }

        private void Recovered()
        {
            if (Interlocked.Exchange(ref _degraded, 0) == 1)
                LogRecovered(logger);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                shared.Dispose();
                local.Dispose();
            }

            base.Dispose(disposing);
        }

        [LoggerMessage(Level = LogLevel.Warning, Message = "Redis does not answer ({Reason}); rate limits are counted by this process alone until it does.")]
        private static partial void LogDegraded(ILogger logger, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "Redis answers again; rate limits are shared by the replicas again.")]
        private static partial void LogRecovered(ILogger logger);
    }
}
