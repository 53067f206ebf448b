namespace Timeline.Api.Data.Search;

/// <summary>
/// The one seam for provider-specific full-text search (FTS5 on SQLite; PostgreSQL's tsvector later).
/// Features ask it for matches; they never write search SQL themselves.
/// </summary>
public interface IFullTextSearch
{
    /// <summary>Ranked matches for a user's free text; <c>null</c> when the text holds nothing searchable.</summary>
    IQueryable<SearchHit>? Match(TimelineDbContext db, string text, string? kind = null);

    /// <summary>Rebuilds the index from the tables, inside the caller's transaction.</summary>
    Task RebuildAsync(TimelineDbContext db, CancellationToken cancellationToken);

    /// <summary>Re-indexes one resource after a write (removes it when it was deleted); other kinds are ignored.</summary>
    Task RefreshAsync(TimelineDbContext db, string kind, string slug, CancellationToken cancellationToken);
}
