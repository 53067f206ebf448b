using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Data.Queries;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Events;

/// <summary>Runs an event list (filters, keyset page, projection) over any starting set of events.</summary>
public static class EventList
{
    /// <summary>The request's filters and full-text search over a starting set of events, untracked; the exports share it with the lists.</summary>
    public static IQueryable<Event> Filter(TimelineDbContext db, IFullTextSearch search, IQueryable<Event> events, EventFilterRequest request)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(request);
        var filter = new EventFilter(
            DateQuery.StartOf(request.From),
            DateQuery.EndOf(request.To),
            request.Actor,
            request.Tag,
            request.Kind is null ? null : Kebab.Parse<EventKind>(request.Kind),
            request.Status is null ? null : Kebab.Parse<EventStatus>(request.Status));
        var query = events.AsNoTracking().Filter(filter);
        if (request.Q is not null)
        {
            var matches = search.Match(db, request.Q, SearchKinds.Event);
            query = matches is null ? query.Where(_ => false) : query.Where(e => matches.Select(m => m.Slug).Contains(e.Slug));
        }

        return query;
    }

    public static async Task<PageResponse<EventSummaryResponse>> PageAsync(
        TimelineDbContext db,
        IFullTextSearch search,
        IQueryable<Event> events,
        EventListRequest request,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var query = Filter(db, search, events, request);

        var descending = request.Sort == "-date";
        Paging.TryDecode<EventCursor>(request.Cursor, out var after);
        var limit = Paging.LimitOf(request);
        var rows = await query
            .OrderByDate(descending)
            .After(after is null ? null : (after.Date, after.Slug), descending)
            .Take(limit + 1)
            .Select(EventSummaryResponse.Projection)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        return Paging.ToPage(context, rows, limit, e => new EventCursor(e.Date.Start ?? DateOnly.MinValue, e.Slug));
    }
}
