using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Domain;

namespace Timeline.Api.Data.Search;

/// <summary>
/// FTS5 over events, commitments, actors (with their aliases) and quotes. The table is created by the
/// migration with <c>unicode61 remove_diacritics 2</c>, so "Lukasenka" finds "Lukašenka". Its rowid is the
/// row's key (<see cref="SearchKinds.KeyOf"/>): FTS5 walks a word's matches in rowid order, so "the last 500
/// matches of one kind" is a walk of 500 entries, however many there are.
/// </summary>
public sealed class SqliteFullTextSearch : IFullTextSearch
{
    public async Task<IReadOnlyList<SearchHit>?> SearchAsync(
        TimelineDbContext db, string text, string? kind, int offset, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (ToMatchExpression(text) is null)
            return null;
        var expression = await ExactTermsAsync(db, text, cancellationToken);

        // Rank the most recent matches of each kind (RankSql only for those), then take the page: the cost is bounded
        // by RankedPerKind, not by how many rows match.
        var kinds = kind is null ? SearchKinds.All : [kind];
        var arms = kinds.Select(k => string.Create(CultureInfo.InvariantCulture, $"""
            SELECT "Key", "Rank" FROM (SELECT rowid AS "Key", {RankSql} AS "Rank" FROM SearchIndex
                WHERE SearchIndex MATCH @q AND rowid BETWEEN {SearchKinds.KeyBase(k)} AND {SearchKinds.KeyEnd(k)}
                ORDER BY rowid DESC LIMIT {SearchKinds.RankedPerKind})
            """));
        // LIMIT and OFFSET are written in, not bound: SQLite plans with their values, so binding them would make the
        // compiled statement stale and compile it again on every execution.
        var rankSql = string.Create(CultureInfo.InvariantCulture, $"{string.Join("\nUNION ALL\n", arms)}\nORDER BY \"Rank\", \"Key\" LIMIT {count} OFFSET {offset}");
        var ranked = await db.Database.SqlQueryRaw<RankedKey>(rankSql, Parameter("@q", expression))
            .ToListAsync(cancellationToken);
        if (ranked.Count == 0)
            return [];

        // The page's rows by key (no second match: FTS5 would run it again for every row), cut into snippets here.
        var keys = ranked.Select(r => r.Key).ToList();
        var rowsSql = $"""
            SELECT rowid AS "Key", Kind AS "Kind", Slug AS "Slug", Title AS "Title", Body AS "Body"
            FROM SearchIndex WHERE rowid IN ({string.Join(", ", keys.Select((_, i) => $"@k{i}"))})
            """;
        var rows = await db.Database.SqlQueryRaw<IndexedRow>(rowsSql, [.. keys.Select((k, i) => Parameter($"@k{i}", k))]).ToListAsync(cancellationToken);
        return IndexedRow.InRankOrder(ranked.Select(r => (r.Key, r.Rank)), rows, text);
    }

    /// <summary>A query that matches more rows than this is a common one: <see cref="RankSql"/> ranks its matches by frequency alone.</summary>
    private const int CommonMatches = 2_500;

    /// <summary>
    /// A row's rank, lower first. A query with at most <see cref="CommonMatches"/> matches ranks by <c>bm25()</c>: how
    /// often the words occur in the row, and how rare each is in the index. Beyond that, the rarity half would cost more
    /// than the whole search — FTS5 counts it by walking every match of every word, 15 ms for a word in 300,000 of a
    /// million events — and says nothing (every row has every word, and a word that common is no sign of relevance), so
    /// the rank is the frequency half alone: <c>2 / (1 + t) + 1 / (1 + b)</c>, where <c>t</c> is how often the words occur
    /// in the title (or name) and <c>b</c> how often in the body per 400 characters of it — a title match weighs twice
    /// a body one, each repetition adds less than the one before, a long body dilutes its matches. The occurrences are
    /// counted with <c>highlight()</c>, which marks each with <c>char(1)</c> in the row's own text; it costs more per row
    /// than <c>bm25()</c>, so rare words keep that. The test of commonness is a walk of at most
    /// <see cref="CommonMatches"/> + 1 matches, run once per statement (an uncorrelated subquery).
    /// </summary>
    private static readonly string RankSql = string.Create(CultureInfo.InvariantCulture, $"""
        CASE WHEN (SELECT count(*) FROM (SELECT 1 FROM SearchIndex WHERE SearchIndex MATCH @q LIMIT {CommonMatches + 1})) <= {CommonMatches}
        THEN bm25(SearchIndex)
        ELSE 2.0 / (1 + length(highlight(SearchIndex, 2, char(1), '')) - length(Title))
             + 1.0 / (1 + (length(highlight(SearchIndex, 3, char(1), '')) - length(Body)) * 400.0 / (400 + length(Body)))
        END
        """);

    public IQueryable<long>? MatchingIds(TimelineDbContext db, string text, string kind, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var expression = ToMatchExpression(text);
        if (expression is null)
            return null;
        var (first, last) = (SearchKinds.KeyBase(kind), SearchKinds.KeyEnd(kind));
        // The key range and LIMIT are written in, not bound (a bound LIMIT makes SQLite compile the statement again on
        // every execution); the text is the one parameter.
        return db.Database.SqlQueryRaw<long>(string.Create(CultureInfo.InvariantCulture, $"""
            SELECT rowid - {first} AS "Value" FROM SearchIndex WHERE SearchIndex MATCH @matchText AND rowid BETWEEN {first} AND {last}
            LIMIT {limit ?? -1}
            """), Parameter("@matchText", expression));
    }

    public Task<string> PrepareRowCheckAsync(TimelineDbContext db, string text, CancellationToken cancellationToken) =>
        ExactTermsAsync(db, text, cancellationToken);

    public string EventMatchCondition(string eventId, string prepared, Func<object, string> parameter)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(parameter);
        var (first, last) = (SearchKinds.KeyBase(SearchKinds.Event), SearchKinds.KeyEnd(SearchKinds.Event));
        // Exact terms: one MATCH per row, which FTS5 answers by seeking each term's list to that rowid.
        if (!IsPrefixQuery(prepared))
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"EXISTS (SELECT 1 FROM SearchIndex WHERE SearchIndex MATCH {parameter(prepared)} AND rowid = {first} + {eventId})");
        }

        // Still prefixes (a word that begins too many terms): membership in the match set, which SQLite builds once per
        // statement, rather than a MATCH per row: FTS5 answers a prefix query, even for one rowid, by merging the
        // doclists of every term with that prefix (2.5 s for a page of a common word in a window at 100,000 events).
        return string.Create(CultureInfo.InvariantCulture,
            $"{eventId} IN (SELECT rowid - {first} FROM SearchIndex WHERE SearchIndex MATCH {parameter(prepared)} AND rowid BETWEEN {first} AND {last})");
    }

    /// <summary>At most this many terms stand for one word; a word that begins more (one or two letters) stays a prefix.</summary>
    private const int MaxTermsPerWord = 64;

    /// <summary>
    /// The text as an FTS5 query without prefixes: each word replaced by the terms of the index it begins (read from the
    /// index's own vocabulary, fts5vocab), so that "agreement" is <c>("agreement" OR "agreements")</c>. It matches exactly
    /// the rows <see cref="ToMatchExpression"/> does, but FTS5 can walk it in rowid order and stop after a page, or seek
    /// it to one rowid, where a prefix makes it merge every matching list first: the cost of a common word at a million
    /// events was its 300,000 matches. A word that begins no term or too many keeps its prefix form.
    /// </summary>
    private static async Task<string> ExactTermsAsync(TimelineDbContext db, string text, CancellationToken cancellationToken)
    {
        var words = SearchTerms.Words(text).Select(TextFolding.FoldAsIndexed).Distinct(StringComparer.Ordinal).ToList();
        if (words.Count == 0)
            throw new ArgumentException("The text holds nothing searchable.", nameof(text));
        // The vocabulary is a view of the index, made in the connection's temporary schema (nothing to migrate). The
        // connection stays open from making it to the last look-up: closed, it could come back from the pool as
        // another connection, one without it.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.SearchVocabulary USING fts5vocab(main, SearchIndex, instance);", cancellationToken);
            return string.Join(" AND ", await TermGroupsAsync(db, words, cancellationToken));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<List<string>> TermGroupsAsync(TimelineDbContext db, List<string> words, CancellationToken cancellationToken)
    {
        var groups = new List<string>(words.Count);
        foreach (var word in words)
        {
            var terms = await db.Database.SqlQueryRaw<string>(TermsBeginningSql,
                Parameter("@from", word), Parameter("@to", word + char.ConvertFromUtf32(0x10FFFF)))
                .ToListAsync(cancellationToken);
            groups.Add(terms.Count is 0 or > MaxTermsPerWord
                ? $"\"{word.Replace("\"", "\"\"", StringComparison.Ordinal)}\"*"
                : $"({string.Join(" OR ", terms.Select(t => $"\"{t.Replace("\"", "\"\"", StringComparison.Ordinal)}\""))})");
        }

        return groups;
    }

    /// <summary>
    /// The index's terms from <c>@from</c> up to <c>@to</c>, at most <see cref="MaxTermsPerWord"/> + 1, one seek each. The vocabulary is the
    /// <c>instance</c> view (a row per occurrence), not the <c>row</c> view (a row per term): the row view counts every
    /// entry of a term before it yields the term, 13 ms for a word in 300,000 of a million events, while the instance
    /// view yields a term's first occurrence at once, and <c>term || char(1)</c>, the least text after a term (terms hold
    /// no NUL), seeks past the rest of its occurrences (<c>term &gt; t</c> would step through them).
    /// </summary>
    private static readonly string TermsBeginningSql = string.Create(CultureInfo.InvariantCulture, $"""
        WITH RECURSIVE Terms(Term) AS (
            SELECT (SELECT term FROM temp.SearchVocabulary WHERE term >= @from AND term < @to LIMIT 1)
            UNION ALL
            SELECT (SELECT term FROM temp.SearchVocabulary WHERE term >= Terms.Term || char(1) AND term < @to LIMIT 1)
            FROM Terms WHERE Terms.Term IS NOT NULL
            LIMIT {MaxTermsPerWord + 1})
        SELECT Term AS "Value" FROM Terms WHERE Term IS NOT NULL
        """);

    private static bool IsPrefixQuery(string expression) => expression.Contains("\"*", StringComparison.Ordinal);

    public async Task RebuildAsync(TimelineDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM SearchIndex;", cancellationToken);
        foreach (var kind in SearchKinds.All)
            await db.Database.ExecuteSqlRawAsync(IndexSql(kind, ""), cancellationToken);
    }

    public async Task RefreshAsync(TimelineDbContext db, string kind, string slug, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!SearchKinds.All.Contains(kind))
            return;
        var delete = $"DELETE FROM SearchIndex WHERE rowid = (SELECT {SearchKinds.KeyBase(kind)} + x.Id FROM {Table(kind)} x WHERE x.Slug = {{0}});";
        await db.Database.ExecuteSqlRawAsync(delete, [slug], cancellationToken);
        await db.Database.ExecuteSqlRawAsync(IndexSql(kind, "AND x.Slug = {0}"), [slug], cancellationToken);
        if (kind != SearchKinds.Actor)
            return;

        // Quotes are found by their speaker's names too, so renaming an actor re-indexes what they said.
        var deleteQuotes = $"DELETE FROM SearchIndex WHERE rowid IN (SELECT {SearchKinds.KeyBase(SearchKinds.Quote)} + q.Id FROM Quotes q JOIN Actors s ON s.Id = q.SpeakerId WHERE s.Slug = {{0}});";
        await db.Database.ExecuteSqlRawAsync(deleteQuotes, [slug], cancellationToken);
        await db.Database.ExecuteSqlRawAsync(IndexSql(SearchKinds.Quote, "AND s.Slug = {0}"), [slug], cancellationToken);
    }

    public async Task RefreshAsync(TimelineDbContext db, string kind, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var chunk in ids.Chunk(500))
        {
            var list = string.Join(", ", chunk.Select(id => id.ToString(CultureInfo.InvariantCulture)));
            var delete = $"DELETE FROM SearchIndex WHERE rowid IN ({string.Join(", ", chunk.Select(id => SearchKinds.KeyOf(kind, id).ToString(CultureInfo.InvariantCulture)))});";
            await db.Database.ExecuteSqlRawAsync(delete, cancellationToken);
            await db.Database.ExecuteSqlRawAsync(IndexSql(kind, $"AND x.Id IN ({list})"), cancellationToken);
        }
    }

    private static string Table(string kind) => kind switch
    {
        SearchKinds.Event => "Events",
        SearchKinds.Commitment => "Commitments",
        SearchKinds.Actor => "Actors",
        SearchKinds.Treaty => "Treaties",
        _ => "Quotes",
    };

    /// <summary>
    /// The rows of one kind of resource as the index holds them, under their keys; soft-deleted rows are left out. Every
    /// language's texts are in the body (the translations' values, read from their JSON), so a search in any script finds
    /// the record; a quote is found by its speaker's names in every language too.
    /// </summary>
    private static string IndexSql(string kind, string filter)
    {
        var key = $"{SearchKinds.KeyBase(kind).ToString(CultureInfo.InvariantCulture)} + x.Id";
        return kind switch
        {
            SearchKinds.Event => $"""
                INSERT INTO SearchIndex (rowid, Kind, Slug, Title, Body)
                SELECT {key}, 'event', x.Slug, x.Title, coalesce(x.Summary, '') || ' ' || coalesce(x.Place, '') || ' ' || coalesce(x.Note, '') || ' ' || coalesce((SELECT group_concat(f.value, ' ') FROM json_each(x.Translations) l, json_each(l.value) f WHERE f.key NOT IN ('providedBy', 'origin')), '')
                FROM Events x WHERE x.DeletedAt IS NULL {filter};
                """,
            SearchKinds.Commitment => $"""
                INSERT INTO SearchIndex (rowid, Kind, Slug, Title, Body)
                SELECT {key}, 'commitment', x.Slug, x.Title, coalesce(x.Description, '') || ' ' || coalesce((SELECT group_concat(f.value, ' ') FROM json_each(x.Translations) l, json_each(l.value) f WHERE f.key NOT IN ('providedBy', 'origin')), '')
                FROM Commitments x WHERE x.DeletedAt IS NULL {filter};
                """,
            SearchKinds.Treaty => $"""
                INSERT INTO SearchIndex (rowid, Kind, Slug, Title, Body)
                SELECT {key}, 'treaty', x.Slug, x.Title, coalesce(x.ShortTitle, '') || ' ' || coalesce(x.Description, '') || ' ' || coalesce(x.Place, '')
                FROM Treaties x WHERE x.DeletedAt IS NULL {filter};
                """,
            SearchKinds.Actor => $"""
                INSERT INTO SearchIndex (rowid, Kind, Slug, Title, Body)
                SELECT {key}, 'actor', x.Slug, x.Name,
                       coalesce((SELECT group_concat(al.Name, ' ') FROM ActorAliases al WHERE al.ActorId = x.Id), '') || ' ' || coalesce(x.Description, '')
                       || ' ' || coalesce((SELECT group_concat(f.value, ' ') FROM json_each(x.Translations) l, json_each(l.value) f WHERE f.key NOT IN ('providedBy', 'origin')), '')
                FROM Actors x WHERE x.DeletedAt IS NULL {filter};
                """,
            _ => $"""
                INSERT INTO SearchIndex (rowid, Kind, Slug, Title, Body)
                SELECT {key}, 'quote', x.Slug, x.Text,
                       s.Name || ' ' || coalesce((SELECT group_concat(al.Name, ' ') FROM ActorAliases al WHERE al.ActorId = s.Id), '')
                       || ' ' || coalesce((SELECT group_concat(f.value, ' ') FROM json_each(x.Translations) l, json_each(l.value) f WHERE f.key NOT IN ('providedBy', 'origin')), '') || ' ' || coalesce((SELECT group_concat(f.value, ' ') FROM json_each(s.Translations) l, json_each(l.value) f WHERE f.key NOT IN ('providedBy', 'origin')), '')
                FROM Quotes x JOIN Actors s ON s.Id = x.SpeakerId WHERE x.DeletedAt IS NULL {filter};
                """,
        };
    }

    private static Microsoft.Data.Sqlite.SqliteParameter Parameter(string name, object value) => new(name, value);

    /// <summary>
    /// Turns free text into a safe FTS5 query: every word becomes a quoted prefix term, so no user
    /// input is ever parsed as FTS syntax (and none can make the query fail).
    /// </summary>
    public static string? ToMatchExpression(string? text)
    {
        var words = SearchTerms.Words(text);
        return words.Count == 0 ? null : string.Join(' ', words.Select(w => $"\"{TextFolding.FoldAsIndexed(w)}\"*"));
    }

    /// <summary>One ranked match before its snippet is made.</summary>
    private sealed class RankedKey
    {
        public long Key { get; init; }
        public double Rank { get; init; }
    }
}
