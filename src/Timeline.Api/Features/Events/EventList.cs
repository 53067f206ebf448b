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
    public static async Task<PageResponse<EventSummaryResponse>> PageAsync(
        TimelineDbContext db,
        IFullTextSearch search,
        IQueryable<Event> events,
        EventListRequest request,
        HttpContext context,
        CancellationToken cancellationToken)
    {
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
