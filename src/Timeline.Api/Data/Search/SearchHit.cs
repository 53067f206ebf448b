namespace Timeline.Api.Data.Search;

/// <summary>One row of a full-text match: what matched, its slug, title, a plain-text snippet and its rank (lower is better).</summary>
public sealed class SearchHit
{
    public required string Kind { get; init; }
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public required string Snippet { get; init; }
    public double Rank { get; init; }
}

/// <summary>The kinds of resource the search index holds, and the keys of their rows.</summary>
public static class SearchKinds
{
    public const string Event = "event";
    public const string Commitment = "commitment";
    public const string Actor = "actor";
    public const string Quote = "quote";
    public const string Treaty = "treaty";

    public static readonly IReadOnlyList<string> All = [Event, Commitment, Actor, Quote, Treaty];

    /// <summary>
    /// How many matches of each kind a ranked search looks at. Ranking every match of a word found in 300,000
    /// events costs a third of a second; the most recently indexed few hundred rank in milliseconds, and a
    /// word that common says little about relevance anyway.
    /// </summary>
    public const int RankedPerKind = 500;

    /// <summary>The first key of a kind's rows: keys are <c>(code &lt;&lt; 40) + id</c>.</summary>
    public static long KeyBase(string kind) => (long)Code(kind) << 40;

    public static long KeyOf(string kind, long id) => KeyBase(kind) + id;

    /// <summary>The last key of a kind's rows.</summary>
    public static long KeyEnd(string kind) => KeyBase(kind) + (1L << 40) - 1;

    public static string KindOf(long key) => All[(int)(key >> 40) - 1];

    private static int Code(string kind) => kind switch
    {
        Event => 1,
        Commitment => 2,
        Actor => 3,
        Quote => 4,
        Treaty => 5,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind the search index holds."),
    };
}

/// <summary>A page's row of the index, before it gets its snippet and is put back in rank order (both providers).</summary>
public sealed class IndexedRow
{
    public long Key { get; init; }
    public required string Kind { get; init; }
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public required string Body { get; init; }

    /// <summary>The hits in the order they were ranked, each with its snippet (a row deleted in between drops out).</summary>
    public static IReadOnlyList<SearchHit> InRankOrder(IEnumerable<(long Key, double Rank)> ranked, IEnumerable<IndexedRow> rows, string text)
    {
        var byKey = rows.ToDictionary(r => r.Key);
        var words = SearchTerms.Words(text);
        return [.. ranked.Where(r => byKey.ContainsKey(r.Key)).Select(r => new SearchHit
        {
            Kind = byKey[r.Key].Kind,
            Slug = byKey[r.Key].Slug,
            Title = byKey[r.Key].Title,
            Snippet = SearchSnippets.Make(byKey[r.Key].Title, byKey[r.Key].Body, words),
            Rank = r.Rank,
        })];
    }
}
