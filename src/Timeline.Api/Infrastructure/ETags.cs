using System.Security.Cryptography;
using System.Text.Json;

namespace Timeline.Api.Infrastructure;

/// <summary>
/// The ETag of a resource's representation. Single-resource GETs send it and writes check <c>If-Match</c>
/// against it, so "the version you read" means the same thing on both sides.
/// </summary>
public static class ETags
{
    private static JsonSerializerOptions Json => TimelineApp.Json;

    public static string Of<T>(T representation) => FromBytes(JsonSerializer.SerializeToUtf8Bytes(representation, Json));

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
    public static bool Matches(string ifMatch, string etag) =>
        ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(candidate => string.Equals(candidate, etag, StringComparison.Ordinal));

}
