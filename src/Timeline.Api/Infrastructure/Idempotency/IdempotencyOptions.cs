namespace Timeline.Api.Infrastructure.Idempotency;

/// <summary>The <c>Idempotency</c> configuration section.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>
    /// How long a claim holds its key while its request runs. A retry within it is told to wait (409 with
    /// <c>Retry-After</c>); after it, a claim whose write did not commit (the server died, say) is taken again.
    /// </summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>How long outcomes are kept and replayed; older records are purged.</summary>
    public int RetentionHours { get; set; } = 24;

    /// <summary>How often the purge runs.</summary>
    public int PurgeIntervalMinutes { get; set; } = 10;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    public TimeSpan Retention => TimeSpan.FromHours(RetentionHours);
}
