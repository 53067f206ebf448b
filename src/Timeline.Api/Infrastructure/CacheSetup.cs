namespace Timeline.Api.Infrastructure;

/// <summary>
/// Output cache of the API's GETs, tagged <see cref="TimelineApp.ApiCacheTag"/> so that writes can evict it, keyed by the
/// query and by the negotiated language.
/// </summary>
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
                // The language negotiated from Accept-Language (?lang= is in the query already): a cached answer in one
                // language is never served to a reader of another. Keyed by the outcome, not the header's spelling.
                .VaryByValue(context => KeyValuePair.Create(InterfaceLanguages.QueryName, InterfaceLanguages.CacheKey(context.Request)))
                .Tag(TimelineApp.ApiCacheTag)
                .Expire(TimeSpan.FromSeconds(60)));
        });
    }
}
