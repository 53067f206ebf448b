using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Timeline.Api.Infrastructure;

/// <summary>
/// Redis, when <c>ConnectionStrings:Redis</c> is set: replicas then share their rate limits through it, and their
/// output cache too with <c>Cache:Provider=Redis</c>; <c>/health/ready</c> reports whether it answers.
/// </summary>
public static class RedisSetup
{
    /// <summary>Registers the connection and its health check; null when no Redis is configured.</summary>
    public static RedisConnection? AddTimelineRedis(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(connectionString))
            return null;
        var redis = new RedisConnection(connectionString);
        services.AddSingleton(redis);
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        return redis;
    }
}

/// <summary>One Redis connection per process, shared by the output cache, the rate limiter and the health check.</summary>
public sealed class RedisConnection(string connectionString) : IAsyncDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _connection = new(() => ConnectAsync(connectionString));

    public Task<IConnectionMultiplexer> GetAsync() => _connection.Value;

    /// <summary>For callers that need it synchronously (the rate limiter's factory); connecting never waits for Redis to answer.</summary>
    public IConnectionMultiplexer Get() => _connection.Value.GetAwaiter().GetResult();

    private static async Task<IConnectionMultiplexer> ConnectAsync(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        // Start even while Redis is down and keep reconnecting: /health/ready reports it meanwhile.
        options.AbortOnConnectFail = false;
        return await ConnectionMultiplexer.ConnectAsync(options);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated)
            await (await _connection.Value).DisposeAsync();
    }
}

/// <summary>Ready only while Redis answers a PING.</summary>
public sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await (await redis.GetAsync()).GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0} ms.");
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer.", exception);
        }
    }
}
