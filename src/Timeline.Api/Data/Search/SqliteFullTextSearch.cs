using System.Text;
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
        await db.Database.ExecuteSqlRawAsync("""
            DELETE FROM SearchIndex;
            INSERT INTO SearchIndex (Kind, Slug, Title, Body)
                SELECT 'event', Slug, Title, coalesce(Summary, '') || ' ' || coalesce(Place, '') || ' ' || coalesce(Note, '')
                FROM Events;
            INSERT INTO SearchIndex (Kind, Slug, Title, Body)
                SELECT 'commitment', Slug, Title, coalesce(Description, '') FROM Commitments;
            INSERT INTO SearchIndex (Kind, Slug, Title, Body)
                SELECT 'actor', a.Slug, a.Name,
                       coalesce((SELECT group_concat(al.Name, ' ') FROM ActorAliases al WHERE al.ActorId = a.Id), '')
                       || ' ' || coalesce(a.Description, '')
                FROM Actors a;
            INSERT INTO SearchIndex (Kind, Slug, Title, Body)
                SELECT 'quote', q.Slug, q.Text,
                       s.Name || ' ' || coalesce((SELECT group_concat(al.Name, ' ') FROM ActorAliases al WHERE al.ActorId = s.Id), '')
                FROM Quotes q JOIN Actors s ON s.Id = q.SpeakerId;
            """, cancellationToken);
    }

    /// <summary>
    /// Turns free text into a safe FTS5 query: every word becomes a quoted prefix term, so no user
    /// input is ever parsed as FTS syntax (and none can make the query fail).
    /// </summary>
    public static string? ToMatchExpression(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;

        var terms = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
                continue;
            }

            Flush();
        }

        Flush();
        return terms.Count == 0 ? null : string.Join(' ', terms.Take(16));

        void Flush()
        {
            if (word.Length == 0)
                return;
            terms.Add($"\"{TextFolding.Fold(word.ToString())}\"*");
            word.Clear();
        }
    }
}
