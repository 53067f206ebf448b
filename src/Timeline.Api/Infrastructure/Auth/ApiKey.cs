namespace Timeline.Api.Infrastructure.Auth;

/// <summary>
/// A key for the write API. Only a hash of its secret is kept; the key itself is shown once, when created.
/// Keys look like <c>tl_{KeyId}_{secret}</c>: the public id finds the row, the secret is compared in constant time.
/// </summary>
public sealed class ApiKey
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string KeyId { get; set; }
    public required byte[] SecretHash { get; set; }
    public ApiKeyRole Role { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
