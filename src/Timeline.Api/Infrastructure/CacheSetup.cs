using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Timeline.Api.Infrastructure;

/// <summary>The <c>Cache</c> configuration section.</summary>
public sealed class CacheOptions
{
    public const string Section = "Cache";
    public const string Memory = "Memory";
    public const string Redis = "Redis";

    /// <summary>
    /// <c>Memory</c> (the default: each process caches for itself) or <c>Redis</c> (replicas share one output
    /// cache, so a write through one replica evicts what every replica would serve); Redis needs <c>ConnectionStrings:Redis</c>.
    /// </summary>
    public string Provider { get; set; } = Memory;

    /// <summary>Prefix of every key the API writes to Redis, so that one Redis can serve several deployments.</summary>
    public string InstanceName { get; set; } = "timeline:";

    /// <summary>
    /// How much memory the in-process cache may hold, in MiB. Every distinct URL is an entry, and a client walking
    /// random date windows makes a new one on each request: the limit keeps the process's memory flat (the least
    /// recently used entries go first). It is the default store's budget, not Redis's.
    /// </summary>
    public int MemoryLimitMB { get; set; } = 32;

    /// <summary>Responses larger than this (KiB) are not cached: a whole large timeline's export is cheaper to make again than to keep.</summary>
    public int MaxBodyKB { get; set; } = 1024;

    public bool IsRedis => string.Equals(Provider, Redis, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Output cache of the API's GETs, tagged <see cref="TimelineApp.ApiCacheTag"/> so that writes can evict it.</summary>
public static class CacheSetup
{
    public static IServiceCollection AddTimelineOutputCache(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(CacheOptions.Section).Get<CacheOptions>() ?? new CacheOptions();
        if (options.IsRedis)
        {
            var connectionString = configuration.GetConnectionString("Redis");
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException("Cache:Provider 'Redis' needs ConnectionStrings:Redis, e.g. 'redis:6379'.");
            var redis = new RedisConnection(connectionString);
            services.AddSingleton(redis);
            // Registered before AddOutputCache, whose in-memory store is only a fallback (TryAdd).
            services.AddStackExchangeRedisOutputCache(o =>
            {
                o.InstanceName = options.InstanceName;
                o.ConnectionMultiplexerFactory = redis.GetAsync;
            });
            services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        }
        else if (!string.Equals(options.Provider, CacheOptions.Memory, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Cache:Provider '{options.Provider}' is not supported; use '{CacheOptions.Memory}' or '{CacheOptions.Redis}'.");
        }

        return services.AddOutputCache(cache =>
        {
            cache.SizeLimit = options.MemoryLimitMB * 1024L * 1024;
            cache.MaximumBodySize = options.MaxBodyKB * 1024L;
            cache.AddBasePolicy(policy => policy
                .With(c => c.HttpContext.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
                .SetVaryByQuery("*")
                .Tag(TimelineApp.ApiCacheTag)
                .Expire(TimeSpan.FromSeconds(60)));
        });
    }
}

/// <summary>One Redis connection per process, shared by the output cache and the health check.</summary>
public sealed class RedisConnection(string connectionString) : IAsyncDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _connection = new(() => ConnectAsync(connectionString));

    public Task<IConnectionMultiplexer> GetAsync() => _connection.Value;

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
        catch (RedisException exception)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer.", exception);
        }
    }
}
