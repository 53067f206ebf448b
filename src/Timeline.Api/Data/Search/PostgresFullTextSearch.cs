using Microsoft.EntityFrameworkCore;

namespace Timeline.Api.Data.Search;

/// <summary>
/// PostgreSQL's own full-text machinery over the same rows as <see cref="SqliteFullTextSearch"/>: a
/// <c>SearchIndex</c> table whose generated <c>tsvector</c> column has a GIN index (see the first
/// Postgres migration). Index text and query words both pass through the database function
/// <c>timeline_search_text</c> (lower case, <c>unaccent</c>, letters and digits only), so
/// "Lukasenka" finds "Lukašenka"; every word must match, as a prefix.
/// </summary>
public sealed class PostgresFullTextSearch : IFullTextSearch
{
    public IQueryable<SearchHit>? Match(TimelineDbContext db, string text, string? kind = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var words = SearchTerms.Words(text).ToArray();
        if (words.Length == 0)
            return null;

        // Each word is folded by the same function as the index, quoted as a lexeme and made a prefix;
        // user text never reaches the tsquery parser unquoted.
        var hits = db.SearchHits.FromSql($"""
            SELECT s."Kind", s."Slug", s."Title",
                   ts_headline('simple', s."Title" || ' ' || s."Body", q.query,
                               'StartSel="", StopSel="", MaxWords=16, MinWords=8, MaxFragments=1, FragmentDelimiter=…') AS "Snippet",
                   -ts_rank(s."Document", q.query)::double precision AS "Rank"
            FROM "SearchIndex" s,
                 (SELECT to_tsquery('simple', string_agg(quote_literal(f.word) || ':*', ' & ')) AS query
                  FROM (SELECT timeline_search_text(w) AS word FROM unnest({words}) AS w) f
                  WHERE f.word <> '') q
            WHERE s."Document" @@ q.query
            """);
        return kind is null ? hits : hits.Where(h => h.Kind == kind);
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
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "SearchIndex" WHERE "Kind" = {0} AND "Slug" = {1};""", [kind, slug], cancellationToken);
        await db.Database.ExecuteSqlRawAsync(IndexSql(kind, """AND x."Slug" = {0}"""), [slug], cancellationToken);
        if (kind != SearchKinds.Actor)
            return;

        // Quotes are found by their speaker's names too, so renaming an actor re-indexes what they said.
        await db.Database.ExecuteSqlRawAsync(
            """DELETE FROM "SearchIndex" WHERE "Kind" = 'quote' AND "Slug" IN (SELECT q."Slug" FROM "Quotes" q JOIN "Actors" s ON s."Id" = q."SpeakerId" WHERE s."Slug" = {0});""",
            [slug], cancellationToken);
        await db.Database.ExecuteSqlRawAsync(IndexSql(SearchKinds.Quote, """AND s."Slug" = {0}"""), [slug], cancellationToken);
    }

    /// <summary>The rows of one kind of resource as the index holds them; soft-deleted rows are left out.</summary>
    private static string IndexSql(string kind, string filter) => kind switch
    {
        SearchKinds.Event => $"""
            INSERT INTO "SearchIndex" ("Kind", "Slug", "Title", "Body")
            SELECT 'event', x."Slug", x."Title", coalesce(x."Summary", '') || ' ' || coalesce(x."Place", '') || ' ' || coalesce(x."Note", '')
            FROM "Events" x WHERE x."DeletedAt" IS NULL {filter};
            """,
        SearchKinds.Commitment => $"""
            INSERT INTO "SearchIndex" ("Kind", "Slug", "Title", "Body")
            SELECT 'commitment', x."Slug", x."Title", coalesce(x."Description", '')
            FROM "Commitments" x WHERE x."DeletedAt" IS NULL {filter};
            """,
        SearchKinds.Actor => $"""
            INSERT INTO "SearchIndex" ("Kind", "Slug", "Title", "Body")
            SELECT 'actor', x."Slug", x."Name",
                   coalesce((SELECT string_agg(al."Name", ' ') FROM "ActorAliases" al WHERE al."ActorId" = x."Id"), '') || ' ' || coalesce(x."Description", '')
            FROM "Actors" x WHERE x."DeletedAt" IS NULL {filter};
            """,
        _ => $"""
            INSERT INTO "SearchIndex" ("Kind", "Slug", "Title", "Body")
            SELECT 'quote', x."Slug", x."Text",
                   s."Name" || ' ' || coalesce((SELECT string_agg(al."Name", ' ') FROM "ActorAliases" al WHERE al."ActorId" = s."Id"), '')
            FROM "Quotes" x JOIN "Actors" s ON s."Id" = x."SpeakerId" WHERE x."DeletedAt" IS NULL {filter};
            """,
    };
}
