using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace Timeline.Api.Infrastructure;

/// <summary>Query parameters every list takes.</summary>
public interface IPagedRequest
{
    /// <summary>Items per page, 1–200 (default 50).</summary>
    int? Limit { get; }

    /// <summary>The opaque <c>nextCursor</c> of the previous page.</summary>
    string? Cursor { get; }
}

/// <summary>One page of a list; <c>nextCursor</c> is null on the last page (the same URL is in the <c>Link: rel="next"</c> header).</summary>
public sealed class PageResponse<T>
{
    public required IReadOnlyList<T> Items { get; init; }
    public string? NextCursor { get; init; }

    /// <summary>
    /// On lists whose texts are translated, when a language was asked for (<c>lang</c> or <c>Accept-Language</c>): each
    /// text of this page not in the first language asked for, with the language it is in. Left out otherwise.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Features.Common.TextFallbackResponse>? Fallbacks { get; init; }
}

/// <summary>Keyset pagination: a cursor is the sort key of the last item seen, base64url-encoded JSON.</summary>
public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static int LimitOf(IPagedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Limit ?? DefaultLimit;
    }

    // A cursor must carry every member of its key: {"x":1} is not a cursor, even though it is JSON.
    private static readonly JsonSerializerOptions CursorJson = new()
    {
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static string Encode<TKey>(TKey key) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(key, CursorJson));

    public static bool TryDecode<TKey>(string? cursor, [NotNullWhen(true)] out TKey? key) where TKey : class
    {
        key = null;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 512)
            return false;
        try
        {
            key = JsonSerializer.Deserialize<TKey>(Base64Url.DecodeFromChars(cursor), CursorJson);
            return key is not null;
        }
        catch (Exception exception) when (exception is FormatException or JsonException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>Cuts a page of <c>limit + 1</c> fetched rows to <c>limit</c> and sets the next cursor and <c>Link</c> header.</summary>
    public static PageResponse<T> ToPage<T, TKey>(HttpContext context, List<T> rows, int limit, Func<T, TKey> keyOf)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(keyOf);
        string? next = null;
        if (rows.Count > limit)
        {
            rows.RemoveRange(limit, rows.Count - limit);
            next = Encode(keyOf(rows[^1]));
            AddNextLink(context, next);
        }

        return new PageResponse<T> { Items = rows, NextCursor = next };
    }

    /// <summary>The <c>Link: rel="next"</c> header: this request's URL with the next page's cursor.</summary>
    public static void AddNextLink(HttpContext context, string cursor)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.Append("Link", $"<{NextUrl(context.Request, cursor)}>; rel=\"next\"");
    }

    private static string NextUrl(HttpRequest request, string cursor)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        query["cursor"] = cursor;
        var builder = new QueryBuilder(query.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? ""))));
        return $"{request.PathBase}{request.Path}{builder.ToQueryString()}";
    }
}

/// <summary>Validation rules shared by every list's <c>limit</c> and <c>cursor</c>.</summary>
public sealed class PagingValidator<TCursor> : AbstractValidator<IPagedRequest> where TCursor : class
{
    public PagingValidator()
    {
        RuleFor(r => r.Limit)
            .InclusiveBetween(1, Paging.MaxLimit)
            .WithName("limit")
            .WithMessage($"limit must be between 1 and {Paging.MaxLimit}.");
        RuleFor(r => r.Cursor)
            .Must(c => c is null || Paging.TryDecode<TCursor>(c, out _))
            .WithName("cursor")
            .WithMessage("cursor is not one this list gave out; start again without it.");
    }
}
