using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Timeline.Api.Data.Queries;

/// <summary>The filters of one page of treaty actions listed among events, resolved to ids.</summary>
/// <param name="Timelines">The action's treaty belongs to every one of these timelines.</param>
/// <param name="Parties">The party that acted is every one of these actors (two different ones match nothing).</param>
/// <param name="From">The action may have happened on or after this day (its date ends on or after it).</param>
/// <param name="To">The action may have happened on or before this day (its date starts on or before it).</param>
public sealed record TreatyActionPageFilter(IReadOnlyList<long> Timelines, IReadOnlyList<long> Parties, DateOnly? From = null, DateOnly? To = null);

/// <summary>One row of a page of treaty actions: the sort key (start date, id).</summary>
public sealed class TreatyActionPageRow
{
    public DateOnly DateStart { get; init; }
    public long Id { get; init; }
}

/// <summary>
/// One page of the counted (not retracted) actions of live treaties in (start date, id) order, the treaty actions an
/// event list interleaves (<c>include=treaty-actions</c>). Hand-written, as <see cref="EventPages"/> is, so that the plan
/// is the same on SQLite and PostgreSQL: a walk of the (DateStart, Id) index from the cursor, each candidate checked by
/// key (its treaty's row, the timeline's treaties), stopping at the page's LIMIT; nothing is sorted. The party filter
/// is checked on the walk too rather than read from the PartyId index, which would have to be sorted by date.
/// What the walk may skip is bounded by the number of treaty actions, not events: tens per treaty, about six thousand
/// in the benchmark's million-event archive. A window's <c>to</c> bounds the walk; its <c>from</c> is checked on it (an
/// action's date may be an interval, and this table has no span classes as the events' have), so an ascending first
/// page with <c>from</c> passes over the actions that start before the window.
/// </summary>
public static class TreatyActionPages
{
    public static Task<List<TreatyActionPageRow>> ReadAsync(
        TimelineDbContext db, TreatyActionPageFilter filter, EventKey? after, bool descending, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (sql, parameters) = Build(db, filter, after, descending, take);
        return db.Database.SqlQueryRaw<TreatyActionPageRow>(sql, [.. parameters]).ToListAsync(cancellationToken);
    }

    /// <summary>The statement and its parameters (public for the query-plan tests).</summary>
    public static (string Sql, IReadOnlyList<DbParameter> Parameters) Build(
        TimelineDbContext db, TreatyActionPageFilter filter, EventKey? after, bool descending, int take)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var p = new SqlParameters(db);
        var conditions = new List<string> { "a.\"RetractedAt\" IS NULL" };
        if (after is { } cursor)
            conditions.Add($"(a.\"DateStart\", a.\"Id\") {(descending ? "<" : ">")} ({p.Add(cursor.Date)}, {p.Add(cursor.Id)})");
        if (filter.To is { } to)
            conditions.Add($"a.\"DateStart\" <= {p.Add(to)}");
        if (filter.From is { } from)
            conditions.Add($"a.\"DateEnd\" >= {p.Add(from)}");

        // Unary plus: SQLite then does not consider the PartyId index for the term (it would read the party's actions
        // and sort them); on PostgreSQL it is the identity.
        foreach (var party in filter.Parties.Distinct())
            conditions.Add($"+a.\"PartyId\" = {p.Add(party)}");
        conditions.Add("EXISTS (SELECT 1 FROM \"Treaties\" AS t WHERE t.\"Id\" = a.\"TreatyId\" AND t.\"DeletedAt\" IS NULL)");
        foreach (var timeline in filter.Timelines.Distinct())
            conditions.Add($"EXISTS (SELECT 1 FROM \"TimelineTreaties\" AS x WHERE x.\"TimelineId\" = {p.Add(timeline)} AND x.\"TreatyId\" = a.\"TreatyId\")");

        var direction = descending ? " DESC" : "";
        var sql = $"""
            SELECT a."DateStart" AS "DateStart", a."Id" AS "Id" FROM "TreatyActions" AS a
            WHERE {string.Join(" AND ", conditions)}
            ORDER BY a."DateStart"{direction}, a."Id"{direction}
            LIMIT {take.ToString(CultureInfo.InvariantCulture)}
            """;
        return (sql, p.All);
    }
}
