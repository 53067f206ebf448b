using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Timeline.Api.Data.Search;

/// <summary>
/// PostgreSQL's own full-text machinery over the same rows as <see cref="SqliteFullTextSearch"/>: a
/// <c>SearchIndex</c> table whose generated <c>tsvector</c> column has a GIN index (see the first
/// Postgres migration) and whose <c>Key</c> says what each row is (<see cref="SearchKinds.KeyOf"/>, unique index).
/// Index text and query words both pass through the database function <c>timeline_search_text</c> (lower
/// case, <c>unaccent</c>, letters and digits only), so "Lukasenka" finds "Lukašenka"; every word must match,
/// as a prefix. A ranked search reads the latest matches of each kind by key (the planner picks the GIN index
/// for rare words and a backward walk of the key index for common ones), never every match.
/// </summary>
public sealed class PostgresFullTextSearch : IFullTextSearch
{
    // Each word is folded by the same function as the index, quoted as a lexeme and made a prefix;
    // user text never reaches the tsquery parser unquoted.
    private const string Query = """
        (SELECT to_tsquery('simple', string_agg(quote_literal(f.word) || ':*', ' & '))
         FROM (SELECT timeline_search_text(w) AS word FROM unnest(@words) AS w) f WHERE f.word <> '')
        """;

    public async Task<IReadOnlyList<SearchHit>?> SearchAsync(
        TimelineDbContext db, string text, string? kind, int offset, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var words = SearchTerms.Words(text).ToArray();
        if (words.Length == 0)
            return null;

        var kinds = kind is null ? SearchKinds.All : [kind];
        var arms = kinds.Select(k => string.Create(CultureInfo.InvariantCulture, $"""
            (SELECT s."Key", -ts_rank(s."Document", q.query)::double precision AS "Rank" FROM "SearchIndex" s, q
             WHERE s."Document" @@ q.query AND s."Key" BETWEEN {SearchKinds.KeyBase(k)} AND {SearchKinds.KeyEnd(k)}
             ORDER BY s."Key" DESC LIMIT {SearchKinds.RankedPerKind})
            """));
        var rankSql = $"""
            WITH q AS (SELECT {Query} AS query)
            SELECT "Key", "Rank" FROM ({string.Join("\nUNION ALL\n", arms)}) AS c
            ORDER BY "Rank", "Key" LIMIT @count OFFSET @offset
            """;
        var ranked = await db.Database.SqlQueryRaw<RankedKey>(rankSql, Words(words), new NpgsqlParameter("count", count), new NpgsqlParameter("offset", offset))
            .ToListAsync(cancellationToken);
        if (ranked.Count == 0)
            return [];

        // The page's rows by key, cut into snippets here (as on SQLite: ts_headline re-parses every row it cuts).
        var rows = await db.Database.SqlQueryRaw<IndexedRow>(
                """SELECT s."Key", s."Kind", s."Slug", s."Title", s."Body" FROM "SearchIndex" s WHERE s."Key" = ANY(@keys)""",
                new NpgsqlParameter("keys", ranked.Select(r => r.Key).ToArray()))
            .ToListAsync(cancellationToken);
        return IndexedRow.InRankOrder(ranked.Select(r => (r.Key, r.Rank)), rows, text);
    }

    public IQueryable<long>? MatchingIds(TimelineDbContext db, string text, string kind, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var words = SearchTerms.Words(text).ToArray();
        if (words.Length == 0)
            return null;
        var (first, last) = (SearchKinds.KeyBase(kind), SearchKinds.KeyEnd(kind));
        var sql = $"""
            SELECT s."Key" - {first} AS "Value" FROM "SearchIndex" s
            WHERE s."Document" @@ {Query} AND s."Key" BETWEEN {first} AND {last}
            {(limit is { } l ? $"LIMIT {l.ToString(CultureInfo.InvariantCulture)}" : "")}
            """;
        return db.Database.SqlQueryRaw<long>(sql, Words(words));
    }

    /// <summary>tsquery checks one row by key at the same cost whatever the words: they stay as they are.</summary>
    public Task<string> PrepareRowCheckAsync(TimelineDbContext db, string text, CancellationToken cancellationToken) => Task.FromResult(text);

    public string EventMatchCondition(string eventId, string prepared, Func<object, string> parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        var words = SearchTerms.Words(prepared).ToArray();
        if (words.Length == 0)
            throw new ArgumentException("The text holds nothing searchable.", nameof(prepared));
        var query = Query.Replace("@words", parameter(words), StringComparison.Ordinal);
        return string.Create(CultureInfo.InvariantCulture,
            $"EXISTS (SELECT 1 FROM \"SearchIndex\" s WHERE s.\"Key\" = {SearchKinds.KeyBase(SearchKinds.Event)} + {eventId} AND s.\"Document\" @@ {query})");
    }

    public async Task RebuildAsync(TimelineDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "SearchIndex";""", cancellationToken);
        foreach (var kind in SearchKinds.All)
            await db.Database.ExecuteSqlRawAsync(IndexSql(kind, ""), cancellationToken);
    }

    public async Task RefreshAsync(TimelineDbContext db, string kind, string slug, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!SearchKinds.All.Contains(kind))
            return;
        var delete = $$"""DELETE FROM "SearchIndex" WHERE "Key" = (SELECT {{SearchKinds.KeyBase(kind)}} + x."Id" FROM "{{Table(kind)}}" x WHERE x."Slug" = {0});""";
        await db.Database.ExecuteSqlRawAsync(delete, [slug], cancellationToken);
        await db.Database.ExecuteSqlRawAsync(IndexSql(kind, """AND x."Slug" = {0}"""), [slug], cancellationToken);
        if (kind != SearchKinds.Actor)
            return;

        // Quotes are found by their speaker's names too, so renaming an actor re-indexes what they said.
        var deleteQuotes = $$"""DELETE FROM "SearchIndex" WHERE "Key" IN (SELECT {{SearchKinds.KeyBase(SearchKinds.Quote)}} + q."Id" FROM "Quotes" q JOIN "Actors" s ON s."Id" = q."SpeakerId" WHERE s."Slug" = {0});""";
        await db.Database.ExecuteSqlRawAsync(deleteQuotes, [slug], cancellationToken);
        await db.Database.ExecuteSqlRawAsync(IndexSql(SearchKinds.Quote, """AND s."Slug" = {0}"""), [slug], cancellationToken);
    }

    public async Task RefreshAsync(TimelineDbContext db, string kind, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var chunk in ids.Chunk(5_000))
        {
            var keys = new NpgsqlParameter("keys", chunk.Select(id => SearchKinds.KeyOf(kind, id)).ToArray());
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "SearchIndex" WHERE "Key" = ANY(@keys);""", [keys], cancellationToken);
            await db.Database.ExecuteSqlRawAsync(IndexSql(kind, """AND x."Id" = ANY(@ids)"""), [new NpgsqlParameter("ids", chunk)], cancellationToken);
        }
    }

    private static NpgsqlParameter Words(string[] words) => new("words", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = words };

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
        var key = $"{SearchKinds.KeyBase(kind).ToString(CultureInfo.InvariantCulture)} + x.\"Id\"";
        return kind switch
        {
            SearchKinds.Event => $"""
                INSERT INTO "SearchIndex" ("Key", "Kind", "Slug", "Title", "Body")
                SELECT {key}, 'event', x."Slug", x."Title", coalesce(x."Summary", '') || ' ' || coalesce(x."Place", '') || ' ' || coalesce(x."Note", '') || ' ' || coalesce((SELECT string_agg(f.value, ' ') FROM jsonb_each(x."Translations"::jsonb) l, jsonb_each_text(l.value) f WHERE f.key NOT IN ('providedBy', 'origin')), '')
                FROM "Events" x WHERE x."DeletedAt" IS NULL {filter};
                """,
            SearchKinds.Commitment => $"""
                INSERT INTO "SearchIndex" ("Key", "Kind", "Slug", "Title", "Body")
                SELECT {key}, 'commitment', x."Slug", x."Title", coalesce(x."Description", '') || ' ' || coalesce((SELECT string_agg(f.value, ' ') FROM jsonb_each(x."Translations"::jsonb) l, jsonb_each_text(l.value) f WHERE f.key NOT IN ('providedBy', 'origin')), '')
                FROM "Commitments" x WHERE x."DeletedAt" IS NULL {filter};
                """,
            SearchKinds.Treaty => $"""
                INSERT INTO "SearchIndex" ("Key", "Kind", "Slug", "Title", "Body")
                SELECT {key}, 'treaty', x."Slug", x."Title", coalesce(x."ShortTitle", '') || ' ' || coalesce(x."Description", '') || ' ' || coalesce(x."Place", '')
                FROM "Treaties" x WHERE x."DeletedAt" IS NULL {filter};
                """,
            SearchKinds.Actor => $"""
                INSERT INTO "SearchIndex" ("Key", "Kind", "Slug", "Title", "Body")
                SELECT {key}, 'actor', x."Slug", x."Name",
                       coalesce((SELECT string_agg(al."Name", ' ') FROM "ActorAliases" al WHERE al."ActorId" = x."Id"), '') || ' ' || coalesce(x."Description", '')
                       || ' ' || coalesce((SELECT string_agg(f.value, ' ') FROM jsonb_each(x."Translations"::jsonb) l, jsonb_each_text(l.value) f WHERE f.key NOT IN ('providedBy', 'origin')), '')
                FROM "Actors" x WHERE x."DeletedAt" IS NULL {filter};
                """,
            _ => $"""
                INSERT INTO "SearchIndex" ("Key", "Kind", "Slug", "Title", "Body")
                SELECT {key}, 'quote', x."Slug", x."Text",
                       s."Name" || ' ' || coalesce((SELECT string_agg(al."Name", ' ') FROM "ActorAliases" al WHERE al."ActorId" = s."Id"), '')
                       || ' ' || coalesce((SELECT string_agg(f.value, ' ') FROM jsonb_each(x."Translations"::jsonb) l, jsonb_each_text(l.value) f WHERE f.key NOT IN ('providedBy', 'origin')), '') || ' ' || coalesce((SELECT string_agg(f.value, ' ') FROM jsonb_each(s."Translations"::jsonb) l, jsonb_each_text(l.value) f WHERE f.key NOT IN ('providedBy', 'origin')), '')
                FROM "Quotes" x JOIN "Actors" s ON s."Id" = x."SpeakerId" WHERE x."DeletedAt" IS NULL {filter};
                """,
        };
    }

    /// <summary>One ranked match before its snippet is made.</summary>
    private sealed class RankedKey
    {
        public long Key { get; init; }
        public double Rank { get; init; }
    }
}
