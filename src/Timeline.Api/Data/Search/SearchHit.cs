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

/// <summary>The kinds of resource the search index holds.</summary>
public static class SearchKinds
{
    public const string Event = "event";
    public const string Commitment = "commitment";
    public const string Actor = "actor";
    public const string Quote = "quote";

    public static readonly IReadOnlyList<string> All = [Event, Commitment, Actor, Quote];
}
