using Microsoft.EntityFrameworkCore;
using Timeline.Api.Domain;

namespace Timeline.Api.Data.Search;

/// <summary>
/// FTS5 over events, commitments, actors (with their aliases) and quotes. The table is created by the
/// migration with <c>unicode61 remove_diacritics 2</c>, so "Lukasenka" finds "Lukašenka".
/// </summary>
public sealed class SqliteFullTextSearch : IFullTextSearch
{
    public IQueryable<SearchHit>? Match(TimelineDbContext db, string text, string? kind = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var expression = ToMatchExpression(text);
        if (expression is null)
            return null;

        var hits = db.SearchHits.FromSql($"""
            SELECT Kind, Slug, Title,
                   snippet(SearchIndex, -1, '', '', '…', 16) AS Snippet,
                   bm25(SearchIndex) AS Rank
            FROM SearchIndex
            WHERE SearchIndex MATCH {expression}
            """);
        return kind is null ? hits : hits.Where(h => h.Kind == kind);
    }

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
        await db.Database.ExecuteSqlRawAsync("DELETE FROM SearchIndex WHERE Kind = {0} AND Slug = {1};", [kind, slug], cancellationToken);
        await db.Database.ExecuteSqlRawAsync(IndexSql(kind, "AND x.Slug = {0}"), [slug], cancellationToken);
        if (kind != SearchKinds.Actor)
            return;

        // Quotes are found by their speaker's names too, so renaming an actor re-indexes what they said.
        await db.Database.ExecuteSqlRawAsync(
            "DELETE FROM SearchIndex WHERE Kind = 'quote' AND Slug IN (SELECT q.Slug FROM Quotes q JOIN Actors s ON s.Id = q.SpeakerId WHERE s.Slug = {0});",
            [slug], cancellationToken);
        await db.Database.ExecuteSqlRawAsync(IndexSql(SearchKinds.Quote, "AND s.Slug = {0}"), [slug], cancellationToken);
    }

    /// <summary>The rows of one kind of resource as the index holds them; soft-deleted rows are left out.</summary>
    private static string IndexSql(string kind, string filter) => kind switch
    {
        SearchKinds.Event => $"""
            INSERT INTO SearchIndex (Kind, Slug, Title, Body)
            SELECT 'event', x.Slug, x.Title, coalesce(x.Summary, '') || ' ' || coalesce(x.Place, '') || ' ' || coalesce(x.Note, '')
            FROM Events x WHERE x.DeletedAt IS NULL {filter};
            """,
        SearchKinds.Commitment => $"""
            INSERT INTO SearchIndex (Kind, Slug, Title, Body)
            SELECT 'commitment', x.Slug, x.Title, coalesce(x.Description, '')
            FROM Commitments x WHERE x.DeletedAt IS NULL {filter};
            """,
        SearchKinds.Actor => $"""
            INSERT INTO SearchIndex (Kind, Slug, Title, Body)
            SELECT 'actor', x.Slug, x.Name,
                   coalesce((SELECT group_concat(al.Name, ' ') FROM ActorAliases al WHERE al.ActorId = x.Id), '') || ' ' || coalesce(x.Description, '')
            FROM Actors x WHERE x.DeletedAt IS NULL {filter};
            """,
        _ => $"""
            INSERT INTO SearchIndex (Kind, Slug, Title, Body)
            SELECT 'quote', x.Slug, x.Text,
                   s.Name || ' ' || coalesce((SELECT group_concat(al.Name, ' ') FROM ActorAliases al WHERE al.ActorId = s.Id), '')
            FROM Quotes x JOIN Actors s ON s.Id = x.SpeakerId WHERE x.DeletedAt IS NULL {filter};
            """,
    };

    /// <summary>
    /// Turns free text into a safe FTS5 query: every word becomes a quoted prefix term, so no user
    /// input is ever parsed as FTS syntax (and none can make the query fail).
    /// </summary>
    public static string? ToMatchExpression(string? text)
    {
        var words = SearchTerms.Words(text);
        return words.Count == 0 ? null : string.Join(' ', words.Select(w => $"\"{TextFolding.Fold(w)}\"*"));
    }
}
