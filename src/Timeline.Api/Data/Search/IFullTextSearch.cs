namespace Timeline.Api.Data.Search;

/// <summary>
/// The one seam for provider-specific full-text search (FTS5 on SQLite, tsvector on PostgreSQL).
/// Features ask it for matches; they never write search SQL themselves.
/// </summary>
/// <remarks>
/// Every row of the index has a key that says what it is: <c>(kind &lt;&lt; 40) + id</c> (see <see cref="SearchKinds.KeyOf"/>),
/// so a resource's row is found by key and one kind of resource is one range of keys.
/// </remarks>
public interface IFullTextSearch
{
    /// <summary>
    /// A page of ranked matches, best first, with a snippet each; null when the text holds nothing searchable.
    /// Ranking looks at no more than <see cref="SearchKinds.RankedPerKind"/> matches of each kind (the most
    /// recently indexed), so that a word in a third of a million events costs what a rare one does.
    /// </summary>
    Task<IReadOnlyList<SearchHit>?> SearchAsync(TimelineDbContext db, string text, string? kind, int offset, int count, CancellationToken cancellationToken);

    /// <summary>
    /// The ids of the resources of one kind whose text matches, as a query to compose (at most <paramref name="limit"/>
    /// of them, in no particular order, when given); null when the text holds nothing searchable.
    /// </summary>
    IQueryable<long>? MatchingIds(TimelineDbContext db, string text, string kind, int? limit = null);

    /// <summary>
    /// The text made ready for <see cref="EventMatchCondition"/>: in the form this provider checks one row against most
    /// cheaply (SQLite: every prefix word replaced by the indexed terms it begins). The text must hold something searchable.
    /// </summary>
    Task<string> PrepareRowCheckAsync(TimelineDbContext db, string text, CancellationToken cancellationToken);

    /// <summary>
    /// A SQL condition that holds when the event whose id is the SQL expression <paramref name="eventId"/> matches
    /// the text, for a walk that checks candidate rows one at a time (each provider picks the cheapest way to
    /// answer that for a word with many matches); <paramref name="parameter"/> adds a parameter and returns its
    /// placeholder. <paramref name="prepared"/> is what <see cref="PrepareRowCheckAsync"/> gave for the text.
    /// </summary>
    string EventMatchCondition(string eventId, string prepared, Func<object, string> parameter);

    /// <summary>Rebuilds the index from the tables, inside the caller's transaction.</summary>
    Task RebuildAsync(TimelineDbContext db, CancellationToken cancellationToken);

    /// <summary>Re-indexes one resource after a write (removes it when it was deleted); other kinds are ignored.</summary>
    Task RefreshAsync(TimelineDbContext db, string kind, string slug, CancellationToken cancellationToken);

    /// <summary>Re-indexes resources of one kind by id (an import that changed some of many).</summary>
    Task RefreshAsync(TimelineDbContext db, string kind, IReadOnlyCollection<long> ids, CancellationToken cancellationToken);
}
