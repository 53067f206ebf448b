using Timeline.Api.Domain;

namespace Timeline.Api.Data.Queries;

/// <summary>Filters of the event lists, already parsed.</summary>
public sealed record EventFilter(
    DateOnly? From = null,
    DateOnly? To = null,
    string? Actor = null,
    string? Tag = null,
    EventKind? Kind = null,
    EventStatus? Status = null);

/// <summary>Event queries shared by the event lists, the timeline's events and an actor's events.</summary>
public static class EventQueries
{
    /// <summary>
    /// Applies the filters. A date range keeps every event that may overlap it: one that may end on
    /// or after <c>from</c> and may start on or before <c>to</c> (so <c>2019-12</c> is in December 2019).
    /// </summary>
    public static IQueryable<Event> Filter(this IQueryable<Event> events, EventFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.From is { } from)
            events = events.Where(e => e.DateEnd >= from);
        if (filter.To is { } to)
            events = events.Where(e => e.DateStart <= to);
        if (filter.Actor is not null)
            events = events.Where(e => e.Actors.Any(a => a.Actor!.Slug == filter.Actor));
        if (filter.Tag is not null)
            events = events.Where(e => e.Tags.Any(t => t.Tag == filter.Tag));
        if (filter.Kind is { } kind)
            events = events.Where(e => e.Kind == kind);
        if (filter.Status is { } status)
            events = events.Where(e => e.Status == status);
        return events;
    }

    public static IQueryable<Event> InTimeline(this IQueryable<Event> events, string timelineSlug) =>
        events.Where(e => e.Timelines.Any(t => t.Slug == timelineSlug));

    /// <summary>Date order with the slug as tie-breaker, so keyset pages never skip or repeat.</summary>
    public static IOrderedQueryable<Event> OrderByDate(this IQueryable<Event> events, bool descending) =>
        descending
            ? events.OrderByDescending(e => e.DateStart).ThenByDescending(e => e.Slug)
            : events.OrderBy(e => e.DateStart).ThenBy(e => e.Slug);

    /// <summary>The events after a keyset cursor in the given direction.</summary>
    public static IQueryable<Event> After(this IQueryable<Event> events, (DateOnly Date, string Slug)? cursor, bool descending)
    {
        if (cursor is not { } c)
            return events;
        // string.Compare runs in SQL (binary collation); the ordinal overload CA1309 asks for does not translate.
#pragma warning disable CA1309
        return descending
            ? events.Where(e => e.DateStart < c.Date || (e.DateStart == c.Date && string.Compare(e.Slug, c.Slug) < 0))
            : events.Where(e => e.DateStart > c.Date || (e.DateStart == c.Date && string.Compare(e.Slug, c.Slug) > 0));
#pragma warning restore CA1309
    }
}
