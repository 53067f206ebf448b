using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Domain;

namespace Timeline.Api.Infrastructure.Auth;

/// <summary>Creates, lists, revokes and verifies API keys. Secrets exist only in the string handed to the caller once.</summary>
public sealed class ApiKeyService(TimelineDbContext db, TimeProvider clock)
{
    private const string Prefix = "tl_";

    /// <summary>A key that was verified: who is writing and with which role.</summary>
    public sealed record Caller(string Name, ApiKeyRole Role);

    public async Task<string> CreateAsync(string name, ApiKeyRole role, CancellationToken cancellationToken)
    {
        // Hex, so the id never contains the '_' that separates it from the secret.
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        db.ApiKeys.Add(new ApiKey
        {
            Name = name,
            KeyId = keyId,
            SecretHash = Hash(secret),
            Role = role,
            CreatedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return $"{Prefix}{keyId}_{secret}";
    }

    public Task<List<ApiKey>> ListAsync(CancellationToken cancellationToken) =>
        db.ApiKeys.AsNoTracking().OrderBy(k => k.Name).ToListAsync(cancellationToken);

    /// <summary>Revokes a key by name; false when there is no such active key.</summary>
    public async Task<bool> RevokeAsync(string name, CancellationToken cancellationToken) =>
        await db.ApiKeys.Where(k => k.Name == name && k.RevokedAt == null)
            .ExecuteUpdateAsync(k => k.SetProperty(x => x.RevokedAt, clock.GetUtcNow()), cancellationToken) > 0;

    /// <summary>The caller a presented key belongs to, or null for a malformed, unknown or revoked key.</summary>
    public async Task<Caller?> VerifyAsync(string presented, CancellationToken cancellationToken)
    {
        if (!presented.StartsWith(Prefix, StringComparison.Ordinal) || presented.Length > 200)
            return null;
        var separator = presented.IndexOf('_', Prefix.Length);
        if (separator < 0)
            return null;
        var keyId = presented[Prefix.Length..separator];
        var secret = presented[(separator + 1)..];

        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.KeyId == keyId, cancellationToken);
        // Compare in constant time, and hash even when the id is unknown so timing says nothing.
        var expected = key?.SecretHash ?? new byte[32];
        var matches = CryptographicOperations.FixedTimeEquals(Hash(secret), expected);
        if (key is null || !matches || key.RevokedAt is not null)
            return null;

        await db.ApiKeys.Where(k => k.Id == key.Id)
            .ExecuteUpdateAsync(k => k.SetProperty(x => x.LastUsedAt, clock.GetUtcNow()), cancellationToken);
        return new Caller(key.Name, key.Role);
    }

    // Keys are 256 random bits, so a fast hash is enough: there is nothing to brute-force.
    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
