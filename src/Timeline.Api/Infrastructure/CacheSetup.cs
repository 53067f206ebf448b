namespace Timeline.Api.Infrastructure;

/// <summary>Output cache of the API's GETs, tagged <see cref="TimelineApp.ApiCacheTag"/> so that writes can evict it.</summary>
public static class CacheSetup
{
    /// <param name="services">The services.</param>
    /// <param name="configuration">The settings.</param>
    /// <param name="redis">The process's Redis connection, when <c>ConnectionStrings:Redis</c> is set (see <see cref="RedisSetup"/>).</param>
    public static IServiceCollection AddTimelineOutputCache(this IServiceCollection services, IConfiguration configuration, RedisConnection? redis)
    {
        var options = configuration.GetSection(CacheOptions.Section).Get<CacheOptions>() ?? new CacheOptions();
        if (options.IsRedis)
        {
            if (redis is null)
                throw new InvalidOperationException("Cache:Provider 'Redis' needs ConnectionStrings:Redis, e.g. 'redis:6379'.");
            // Registered before AddOutputCache, whose in-memory store is only a fallback (TryAdd).
            services.AddStackExchangeRedisOutputCache(o =>
            {
                o.InstanceName = options.InstanceName;
                o.ConnectionMultiplexerFactory = redis.GetAsync;
            });
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
