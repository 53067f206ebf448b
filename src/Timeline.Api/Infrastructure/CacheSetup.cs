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
