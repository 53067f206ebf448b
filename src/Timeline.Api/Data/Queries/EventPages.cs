using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;

namespace Timeline.Api.Data.Queries;

/// <summary>The filters of one event list page, resolved to ids (an unknown slug has already made the page empty).</summary>
/// <param name="Timelines">The event belongs to every one of these timelines.</param>
/// <param name="Actors">Every one of these actors took part in the event.</param>
/// <param name="Tag">The event has this tag.</param>
/// <param name="Kind">The event is of this kind.</param>
/// <param name="Status">The event has this status.</param>
/// <param name="From">The event may end on or after this day.</param>
/// <param name="To">The event may start on or before this day.</param>
/// <param name="Ids">Only these events (a full-text filter with few matches); null for no such limit.</param>
/// <param name="Text">Only events matching this text, checked row by row (a full-text filter with many matches), as
/// <see cref="Search.IFullTextSearch.PrepareRowCheckAsync"/> gave it.</param>
public sealed record EventPageFilter(
    IReadOnlyList<long> Timelines,
    IReadOnlyList<long> Actors,
    string? Tag = null,
    EventKind? Kind = null,
    EventStatus? Status = null,
    DateOnly? From = null,
    DateOnly? To = null,
    IReadOnlyList<long>? Ids = null,
    string? Text = null);

/// <summary>The keyset position of the last event on a page: its start date and id.</summary>
public sealed record EventKey(DateOnly Date, long Id);

/// <summary>One row of a page: the sort key and the event's list representation (null if not computed yet).</summary>
public sealed class EventPageRow
{
    public DateOnly DateStart { get; init; }
    public long Id { get; init; }
    public string? ListJson { get; init; }
}

/// <summary>
/// One page of an event list in a single statement whose cost does not depend on the size of the archive.
/// Hand-written SQL (the same text on SQLite and PostgreSQL) because the plan is the point:
/// <list type="bullet">
/// <item>The most selective filter picks the index that drives the page: an actor's, a tag's or a timeline's
/// rows of the join table (which carry copies of each event's dates), else the events' own (kind, status, or
/// none). Its key is (filter, span class, start date, id), so "events of X in date order after C" is a range.</item>
/// <item>There is one such range per span class (see <see cref="DateSpans"/>): a date window bounds each on
/// both ends, and the arms are merged in (date, id) order (UNION ALL under ORDER BY ... LIMIT): SQLite merges
/// the arms' index walks and reads only as many rows as the page needs; on PostgreSQL each arm reads one page
/// from its index and those few rows are sorted.</item>
/// <item>The other filters are checked on each candidate by primary key (an actor's part, a tag, a timeline).</item>
/// <item>The row comparison <c>(date, id) &gt; (@d, @id)</c> is an index bound on both databases, so a deep page
/// costs what the first does.</item>
/// </list>
/// </summary>
public static class EventPages
{
    public static Task<List<EventPageRow>> ReadAsync(
        TimelineDbContext db, IFullTextSearch search, EventPageFilter filter, EventKey? after, bool descending, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (sql, parameters) = Build(db, search, filter, after, descending, take);
        return db.Database.SqlQueryRaw<EventPageRow>(sql, [.. parameters]).ToListAsync(cancellationToken);
    }

    /// <summary>The statement and its parameters (public for the query-plan tests).</summary>
    public static (string Sql, IReadOnlyList<DbParameter> Parameters) Build(
        TimelineDbContext db, IFullTextSearch search, EventPageFilter filter, EventKey? after, bool descending, int take)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(filter);
        var p = new SqlParameters(db);
        // A short list of ids (a rare word) drives the page itself: each by primary key, then sorted; the sort is
        // bounded by FewMatchesCapAsync, never by the archive.
        var driver = filter.Ids is null ? Driver.For(filter) : new Driver("Events", null);
        // The driving rows are d; the event is e (the same row when the events' own index drives).
        var d = driver.Table == "Events" ? "e" : "d";
        var id = driver.Table == "Events" ? "\"Id\"" : "\"EventId\"";
        var from = driver.Table == "Events" ? "\"Events\" AS e" : $"\"{driver.Table}\" AS d JOIN \"Events\" AS e ON e.\"Id\" = d.\"EventId\"";

        // Conditions every arm shares: the driving key, the window's far bounds, and the other filters by primary key.
        var shared = new List<string>();
        if (driver.Key is { } key)
            shared.Add($"{d}.{key.Column} = {p.Add(key.Value)}");
        if (filter.To is { } to)
            shared.Add($"{d}.\"DateStart\" <= {p.Add(to)}");
        if (filter.From is { } windowFrom)
            shared.Add($"{d}.\"DateEnd\" >= {p.Add(windowFrom)}");
        if (driver.Table == "EventActors")
        {
            // An actor may have several roles in one event: only its first role's row stands for the event.
            shared.Add("NOT EXISTS (SELECT 1 FROM \"EventActors\" AS x WHERE x.\"EventId\" = d.\"EventId\" AND x.\"ActorId\" = d.\"ActorId\" AND x.\"Role\" < d.\"Role\")");
        }

        shared.Add("e.\"DeletedAt\" IS NULL");
        foreach (var timeline in filter.Timelines.Where(t => driver.Key?.Value is not long driving || driver.Table != "TimelineEvents" || t != driving))
            shared.Add($"EXISTS (SELECT 1 FROM \"TimelineEvents\" AS t WHERE t.\"TimelineId\" = {p.Add(timeline)} AND t.\"EventId\" = e.\"Id\")");
        foreach (var actor in filter.Actors.Where(a => driver.Key?.Value is not long driving || driver.Table != "EventActors" || a != driving))
            shared.Add($"EXISTS (SELECT 1 FROM \"EventActors\" AS a WHERE a.\"EventId\" = e.\"Id\" AND a.\"ActorId\" = {p.Add(actor)})");
        if (filter.Tag is { } tag && driver.Table != "EventTags")
            shared.Add($"EXISTS (SELECT 1 FROM \"EventTags\" AS g WHERE g.\"EventId\" = e.\"Id\" AND g.\"Tag\" = {p.Add(tag)})");
        if (filter.Kind is { } kind && driver.Key?.Column != "\"Kind\"")
            shared.Add($"e.\"Kind\" = {p.Add(Kebab.ToValue(kind))}");
        if (filter.Status is { } status && driver.Key?.Column != "\"Status\"")
            shared.Add($"e.\"Status\" = {p.Add(Kebab.ToValue(status))}");
        if (filter.Ids is { } ids)
        {
            // One parameter however many ids: a JSON array on SQLite (json_each), an array on PostgreSQL.
            shared.Add(db.Database.IsNpgsql()
                ? $"e.\"Id\" = ANY({p.Add(ids.ToArray())})"
                : $"e.\"Id\" IN (SELECT value FROM json_each({p.Add(System.Text.Json.JsonSerializer.Serialize(ids))}))");
        }

        if (filter.Text is { } text)
            shared.Add(search.EventMatchCondition("e.\"Id\"", text, p.Add));

        var direction = descending ? " DESC" : "";
        var order = $"\nORDER BY \"DateStart\"{direction}, \"Id\"{direction}\nLIMIT ";
        // The page size is written into the statement, not bound: SQLite plans with a bound LIMIT's value, so binding it
        // makes the compiled statement stale and it is compiled a second time on every execution.
        var limit = take.ToString(CultureInfo.InvariantCulture);
        if (filter.Ids is not null)
        {
            var conditions = new List<string>(shared);
            if (after is { } cursor)
                conditions.Add($"(e.\"DateStart\", e.\"Id\") {(descending ? "<" : ">")} ({p.Add(cursor.Date)}, {p.Add(cursor.Id)})");
            return ($"SELECT e.\"DateStart\" AS \"DateStart\", e.\"Id\" AS \"Id\", e.\"ListJson\" AS \"ListJson\" FROM \"Events\" AS e WHERE {string.Join(" AND ", conditions)}{order}{limit}", p.All);
        }

        var postgres = db.Database.IsNpgsql();
        var arms = new List<string>();
        for (var bucket = 0; bucket < DateSpans.Count; bucket++)
        {
            var conditions = new List<string>(shared) { $"{d}.\"{DateSpans.Column}\" = {bucket.ToString(CultureInfo.InvariantCulture)}" };
            var earliest = filter.From is { } f ? DateSpans.EarliestStart(bucket, f) : DateOnly.MinValue;
            if (!descending)
            {
                // Start after the cursor or at the earliest start this class allows, whichever is later.
                if (Later(after, earliest) is { } bound)
                    conditions.Add($"({d}.\"DateStart\", {d}.{id}) > ({p.Add(bound.Date)}, {p.Add(bound.Id)})");
            }
            else
            {
                if (after is { } cursor)
                    conditions.Add($"({d}.\"DateStart\", {d}.{id}) < ({p.Add(cursor.Date)}, {p.Add(cursor.Id)})");
                if (earliest != DateOnly.MinValue)
                    conditions.Add($"{d}.\"DateStart\" >= {p.Add(earliest)}");
            }

            var arm = $"SELECT {d}.\"DateStart\" AS \"DateStart\", {d}.{id} AS \"Id\", e.\"ListJson\" AS \"ListJson\" FROM {from} WHERE {string.Join(" AND ", conditions)}";
            // PostgreSQL does not see that an arm's (span class = constant) makes its index ordered by (date, id), so it
            // cannot merge the arms in order; each arm then takes its own first page, and only those few rows are sorted.
            arms.Add(postgres ? $"(SELECT * FROM ({arm} ORDER BY {d}.\"DateStart\"{direction}, {d}.{id}{direction} LIMIT {limit}) AS arm{bucket.ToString(CultureInfo.InvariantCulture)})" : arm);
        }

        return ($"SELECT \"DateStart\", \"Id\", \"ListJson\" FROM (\n{string.Join("\nUNION ALL\n", arms)}\n) AS page{order}{limit}", p.All);
    }

    /// <summary>
    /// How many full-text matches still make a list of ids (each read by primary key, then sorted) rather than a
    /// row-by-row check on the date-ordered walk (on SQLite a membership test in the match set, which it builds once
    /// per statement: see SqliteFullTextSearch.EventMatchCondition). A check costs about fifty key reads, and the
    /// walk needs page size / density of them, so the two cost the same at
    /// about sqrt(50 × page size × archive size) matches: the worse of the two grows with the square root of the
    /// archive, not with the archive. The archive's size is read from the last id (one index probe).
    /// </summary>
    public static async Task<int> FewMatchesCapAsync(TimelineDbContext db, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var size = await db.Events.IgnoreQueryFilters().MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        return (int)Math.Clamp(Math.Sqrt(50.0 * (pageSize + 1) * size), 500, 30_000);
    }

    /// <summary>The later of a cursor and a window's earliest start, as an exclusive (date, id) bound.</summary>
    private static EventKey? Later(EventKey? cursor, DateOnly earliestStart)
    {
        // (date, id) > (earliest, 0) is date >= earliest: ids start at 1.
        var window = earliestStart != DateOnly.MinValue ? new EventKey(earliestStart, 0) : null;
        if (cursor is null)
            return window;
        if (window is null)
            return cursor;
        return window.Date > cursor.Date ? window : cursor;
    }

    /// <summary>The table whose index drives the page, and the equality that picks its rows.</summary>
    private sealed record Driver(string Table, (string Column, object Value)? Key)
    {
        // Most selective first: an actor is in about 1 % of events, a tag in a few, a timeline in a large share.
        public static Driver For(EventPageFilter filter) => filter switch
        {
            { Actors: [var actor, ..] } => new("EventActors", ("\"ActorId\"", actor)),
            { Tag: { } tag } => new("EventTags", ("\"Tag\"", tag)),
            { Timelines: [var timeline, ..] } => new("TimelineEvents", ("\"TimelineId\"", timeline)),
            { Kind: { } kind } => new("Events", ("\"Kind\"", Kebab.ToValue(kind))),
            { Status: { } status } => new("Events", ("\"Status\"", Kebab.ToValue(status))),
            _ => new("Events", null),
        };
    }
}

/// <summary>Named parameters for hand-written SQL, made by the connection's own provider.</summary>
public sealed class SqlParameters(TimelineDbContext db)
{
    private readonly List<DbParameter> _all = [];
    private readonly DbProviderFactory _factory = DbProviderFactories.GetFactory(db.Database.GetDbConnection())
        ?? throw new InvalidOperationException("The database connection has no provider factory.");

    public IReadOnlyList<DbParameter> All => _all;

    /// <summary>Adds a parameter and returns its placeholder.</summary>
    public string Add(object value)
    {
        var parameter = _factory.CreateParameter() ?? throw new InvalidOperationException("The provider makes no parameters.");
        parameter.ParameterName = $"@p{_all.Count.ToString(CultureInfo.InvariantCulture)}";
        parameter.Value = value;
        _all.Add(parameter);
        return parameter.ParameterName;
    }
}
