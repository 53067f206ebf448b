using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Timeline.Api.Infrastructure;

/// <summary>The <c>Limits</c> configuration section.</summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Largest request body accepted; larger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Reads per client address per minute.</summary>
    public int ReadsPerMinute { get; set; } = 600;

    /// <summary>Writes per API key per minute.</summary>
    public int WritesPerMinute { get; set; } = 120;
}

/// <summary>ASP.NET Core's rate limiter: reads partitioned by client address, writes by API key.</summary>
public static class RateLimits
{
    public static IServiceCollection AddTimelineRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(LimitsOptions.Section).Get<LimitsOptions>() ?? new LimitsOptions();
        return services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var isRead = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                    || HttpMethods.IsOptions(context.Request.Method);
                if (isRead)
                {
                    var address = context.Connection.RemoteIpAddress ?? IPAddress.Loopback;
                    return RateLimitPartition.GetFixedWindowLimiter($"read:{address}", _ => Window(limits.ReadsPerMinute));
                }

                var caller = context.User.Identity?.Name ?? $"anonymous:{context.Connection.RemoteIpAddress}";
                return RateLimitPartition.GetFixedWindowLimiter($"write:{caller}", _ => Window(limits.WritesPerMinute));
            });
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var response = rejected.HttpContext.Response;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                response.Headers.CacheControl = "no-store";
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too Many Requests",
                    detail: $"Rate limit reached; try again in {Math.Ceiling(retryAfter.TotalSeconds)} seconds.").ExecuteAsync(rejected.HttpContext);
            };
        });
    }

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };
}
