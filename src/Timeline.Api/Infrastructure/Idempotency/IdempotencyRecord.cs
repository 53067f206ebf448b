namespace Timeline.Api.Infrastructure.Idempotency;

/// <summary>
/// One <c>Idempotency-Key</c> of one API key: first a claim (a lease, <see cref="StatusCode"/> 0) held by the request
/// doing the work, then that request's outcome, replayed to every retry until the record expires.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>The status of a claim whose request has not finished.</summary>
    public const int Pending = 0;

    public long Id { get; set; }
    public required string KeyName { get; set; }
    public required string IdempotencyKey { get; set; }
    public required string RequestHash { get; set; }

    /// <summary><see cref="Pending"/> while claimed; then the status of the outcome.</summary>
    public int StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public string? ETag { get; set; }
    public byte[] Body { get; set; } = [];

    /// <summary>
    /// When the current claim was taken: a claim's lease runs from here (a claim taken over after its lease ran out gets
    /// a new time), and the record expires a retention period after it. It also tells claims apart: an outcome is kept
    /// only by the request whose claim this still is.
    /// </summary>
    public DateTimeOffset CreatedAt { get; set; }
}
