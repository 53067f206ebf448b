using System.Security.Cryptography;

namespace Timeline.Api.Infrastructure;

/// <summary>
/// Entity tags. A single resource's tag is the hash of its representation as sent (see <see cref="Representation"/>):
/// it changes exactly when what a client would read changes, including what the resource shows of others (an event
/// shows its actors' names), and the version a GET hands out is the one writes check with <c>If-Match</c>.
/// </summary>
/// <remarks>
/// Why a hash of the representation rather than a tag built from row versions: a representation shows parts of other
/// resources (actors, sources, commitments, quotes, related events), and a version-built tag would have to name every
/// one of them, and the next part someone adds, to stay exact; a tag built from the bytes cannot miss a part. It costs
/// no extra read: writes build the new representation from what they loaded and changed (no second load), and hash
/// the bytes they send.
/// </remarks>
public static class ETags
{
    public static string FromBytes(ReadOnlySpan<byte> bytes) => $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 16))}\"";

    /// <summary>The same tag for a body held in pooled segments.</summary>
    public static string FromBytes(System.Buffers.ReadOnlySequence<byte> bytes)
    {
        if (bytes.IsSingleSegment)
            return FromBytes(bytes.FirstSpan);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var segment in bytes)
            hash.AppendData(segment.Span);
        return $"\"{Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 16))}\"";
    }

    /// <summary>
    /// True when an <c>If-Match</c> header names this ETag. <c>*</c> ("any version") never matches: a write
    /// must say which version it was based on, or lost updates go unnoticed. Weak tags never match.
    /// </summary>
    public static bool Matches(string ifMatch, string etag)
    {
        ArgumentNullException.ThrowIfNull(ifMatch);
        return ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(candidate => string.Equals(candidate, etag, StringComparison.Ordinal));
    }
}
