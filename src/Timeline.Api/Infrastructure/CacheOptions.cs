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

    public bool IsRedis => string.Equals(Provider, Redis, StringComparison.OrdinalIgnoreCase);
}
