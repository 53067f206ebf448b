namespace Timeline.Api.Infrastructure.Idempotency;

/// <summary>The stored outcome of a POST made with an <c>Idempotency-Key</c>, replayed for retries.</summary>
public sealed class IdempotencyRecord
{
    public long Id { get; set; }
    public required string KeyName { get; set; }
    public required string IdempotencyKey { get; set; }
    public required string RequestHash { get; set; }
    public int StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public string? ETag { get; set; }
    public byte[] Body { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
}
