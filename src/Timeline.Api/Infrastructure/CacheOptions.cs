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
