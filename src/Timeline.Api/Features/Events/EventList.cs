using System.Buffers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Data.Queries;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Events;

/// <summary>The set of events a list starts from: all of them, a timeline's or an actor's (ids already resolved).</summary>
public sealed record EventScope(long? TimelineId = null, long? ActorId = null)
{
    public static readonly EventScope All = new();
}

/// <summary>Runs an event list (filters, keyset page, the stored list representations) over a starting set of events.</summary>
public static class EventList
{
    /// <summary>The <c>include</c> value that lists treaty actions among events.</summary>
    public const string TreatyActions = "treaty-actions";

    /// <summary>
    /// The request's filters with slugs resolved to ids and the full-text filter turned into ids (few matches)
    /// or a row-by-row check (many); null when a filter names nothing, so the list is empty.
    /// </summary>
    public static async Task<EventPageFilter?> ResolveAsync(
        TimelineDbContext db, IFullTextSearch search, EventScope scope, EventFilterRequest request, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(request);
        var actors = new List<long>();
        if (scope.ActorId is { } scopeActor)
            actors.Add(scopeActor);
        if (request.Actor is not null)
        {
            if (await ActorIdAsync(db, request.Actor, cancellationToken) is not { } actor)
                return null;
            actors.Add(actor);
        }

        var timelines = new List<long>();
        if (scope.TimelineId is { } scopeTimeline)
            timelines.Add(scopeTimeline);
        if (request is IHasTimelineFilter { Timeline: { } timelineSlug })
        {
            if (await TimelineIdAsync(db, timelineSlug, cancellationToken) is not { } timeline)
                return null;
            timelines.Add(timeline);
        }

        var filter = new EventPageFilter(
            Timelines: timelines,
            Actors: actors,
            Tag: request.Tag,
            Kind: request.Kind,
            Status: request.Status,
            From: DateQuery.StartOf(request.From),
            To: DateQuery.EndOf(request.To));
        if (request.Q is null)
            return filter;

        // A word with few matches is a short list of ids to sort; one with many is checked row by row on the
        // date-ordered walk, where a match is never far. The crossover grows with the square root of the
        // archive (both ways then cost about the same), see EventPages.
        var cap = await EventPages.FewMatchesCapAsync(db, limit, cancellationToken);
        var matches = search.MatchingIds(db, request.Q, SearchKinds.Event, cap + 1);
        if (matches is null)
            return null;
        var few = await matches.ToListAsync(cancellationToken);
        return few.Count <= cap ? filter with { Ids = few } : filter with { Text = await search.PrepareRowCheckAsync(db, request.Q, cancellationToken) };
    }

    /// <summary>One page of the list as the UTF-8 JSON of a <see cref="PageResponse{T}"/> of <see cref="EventSummaryResponse"/>, with its <c>Link</c> header.</summary>
    public static async Task<byte[]> PageAsync(
        TimelineDbContext db,
        IFullTextSearch search,
        EventScope scope,
        EventListRequest request,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limit = Paging.LimitOf(request);
        var filter = await ResolveAsync(db, search, scope, request, limit, cancellationToken);
        if (request.IncludesTreatyActions())
            return await PageWithTreatyActionsAsync(db, search, filter, request, limit, context, cancellationToken);
        if (filter is null)
            return WritePage([], null);

        Paging.TryDecode<EventCursor>(request.Cursor, out var after);
        var rows = await EventPages.ReadAsync(
            db, search, filter, after is null ? null : new EventKey(after.Date, after.Id), request.Sort == "-date", limit + 1, cancellationToken);

        string? next = null;
        if (rows.Count > limit)
        {
            rows.RemoveRange(limit, rows.Count - limit);
            next = Paging.Encode(new EventCursor(rows[^1].DateStart, rows[^1].Id));
            Paging.AddNextLink(context, next);
        }

        var texts = TextChooser.For(context.Request);
        var items = await EventListTexts.ChooseAsync(db, [.. rows.Select(r => r.Id)], await ListingsAsync(db, rows, cancellationToken), texts, cancellationToken);
        texts.Announce(context.Response);
        return WritePage(items, next, fallbacks: texts.Fallbacks);
    }

    /// <summary>
    /// A page that lists treaty actions among its events: the next <c>limit + 1</c> of each list, each one index walk
    /// from its own bound in the cursor (the events' is the statement of a list without them), merged in (date, events
    /// before actions, id) order and cut to <c>limit</c> items in all.
    /// </summary>
    private static async Task<byte[]> PageWithTreatyActionsAsync(
        TimelineDbContext db, IFullTextSearch search, EventPageFilter? filter, EventListRequest request, int limit, HttpContext context, CancellationToken cancellationToken)
    {
        if (filter is null)
            return WritePage([], null, []);
        var descending = request.Sort == "-date";
        Paging.TryDecode<EventsAndActionsCursor>(request.Cursor, out var after);
        var events = await EventPages.ReadAsync(
            db, search, filter, after is null ? null : new EventKey(after.Date, after.Event), descending, limit + 1, cancellationToken);
        var actions = await TreatyActionPages.ReadAsync(
            db,
            new TreatyActionPageFilter(filter.Timelines, filter.Actors, filter.From, filter.To),
            after is null ? null : new EventKey(after.Date, after.Action),
            descending,
            limit + 1,
            cancellationToken);

        // Ascending, a day's events come before its actions; descending is the exact reverse.
        var merged = new List<(DateOnly Date, bool IsAction, long Id, EventPageRow? Event)>(events.Count + actions.Count);
        merged.AddRange(events.Select(e => (e.DateStart, false, e.Id, (EventPageRow?)e)));
        merged.AddRange(actions.Select(a => (a.DateStart, true, a.Id, (EventPageRow?)null)));
        merged.Sort((x, y) =>
        {
            var order = x.Date.CompareTo(y.Date);
            if (order == 0)
                order = x.IsAction.CompareTo(y.IsAction);
            if (order == 0)
                order = x.Id.CompareTo(y.Id);
            return descending ? -order : order;
        });

        string? next = null;
        if (merged.Count > limit)
        {
            merged.RemoveRange(limit, merged.Count - limit);
            var last = merged[^1];
            // The bounds on the last item's day. After an event, none of the day's actions is left (0 is below every id):
            // ascending they come next from (day, 0), descending they were listed before it. After an action, every one of
            // the day's events is left as the bound (day, max) puts it: ascending all listed, descending all to come.
            next = Paging.Encode(last.IsAction
                ? new EventsAndActionsCursor(last.Date, long.MaxValue, last.Id)
                : new EventsAndActionsCursor(last.Date, last.Id, 0));
            Paging.AddNextLink(context, next);
        }

        List<EventPageRow> listedEvents = [.. merged.Where(m => !m.IsAction).Select(m => m.Event!)];
        var texts = TextChooser.For(context.Request);
        var items = await EventListTexts.ChooseAsync(db, [.. listedEvents.Select(e => e.Id)], await ListingsAsync(db, listedEvents, cancellationToken), texts, cancellationToken);
        texts.Announce(context.Response);
        var listed = await TreatyActionListItem.LoadAsync(db, [.. merged.Where(m => m.IsAction).Select(m => m.Id)], cancellationToken);
        return WritePage(items, next, listed, texts.Fallbacks);
    }

    /// <summary>
    /// Every event of a filtered list in order, for the exports: keyset pages of <paramref name="batch"/> walked
    /// one statement at a time, so the database never sorts more than a page.
    /// </summary>
    public static async IAsyncEnumerable<List<EventPageRow>> WalkAsync(
        TimelineDbContext db, IFullTextSearch search, EventPageFilter filter, bool descending, int batch,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        EventKey? after = null;
        while (true)
        {
            var rows = await EventPages.ReadAsync(db, search, filter, after, descending, batch, cancellationToken);
            if (rows.Count > 0)
                yield return rows;
            if (rows.Count < batch)
                yield break;
            after = new EventKey(rows[^1].DateStart, rows[^1].Id);
        }
    }

    /// <summary>Every event of a filtered list in order, as lists show them.</summary>
    public static async Task<List<EventSummaryResponse>> AllAsync(
        TimelineDbContext db, IFullTextSearch search, EventPageFilter filter, bool descending, CancellationToken cancellationToken)
    {
        var events = new List<EventSummaryResponse>();
        await foreach (var rows in WalkAsync(db, search, filter, descending, 500, cancellationToken))
        {
            foreach (var json in await ListingsAsync(db, rows, cancellationToken))
                events.Add(JsonSerializer.Deserialize<EventSummaryResponse>(json, TimelineApp.Json)!);
        }

        return events;
    }

    /// <summary>The stored list representations of the rows, computing any that are missing (they never should be).</summary>
    private static async Task<List<string>> ListingsAsync(TimelineDbContext db, List<EventPageRow> rows, CancellationToken cancellationToken)
    {
        var missing = rows.Where(r => r.ListJson is null).Select(r => r.Id).ToList();
        var computed = missing.Count == 0 ? [] : await EventListing.ComputeAsync(db, missing, cancellationToken);
        return [.. rows.Select(r => r.ListJson ?? computed[r.Id])];
    }

    /// <summary>
    /// Writes <c>{"items":[...],"nextCursor":...}</c> around items that are already JSON, as the serializer would, with
    /// <c>"treatyActions":[...]</c> after the items when the page lists them.
    /// </summary>
    private static byte[] WritePage(
        IReadOnlyList<string> items, string? next, IReadOnlyList<TreatyActionListItem>? treatyActions = null, IReadOnlyList<TextFallbackResponse>? fallbacks = null)
    {
        var buffer = new ArrayBufferWriter<byte>(items.Sum(i => i.Length) + 128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("items");
            foreach (var item in items)
                writer.WriteRawValue(item, skipInputValidation: true);
            writer.WriteEndArray();
            if (treatyActions is not null)
            {
                writer.WritePropertyName("treatyActions");
                JsonSerializer.Serialize(writer, treatyActions, TimelineApp.Json);
            }

            writer.WriteString("nextCursor", next);
            if (fallbacks is not null)
            {
                writer.WritePropertyName("fallbacks");
                JsonSerializer.Serialize(writer, fallbacks, TimelineApp.Json);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static async Task<long?> TimelineIdAsync(TimelineDbContext db, string slug, CancellationToken cancellationToken) =>
        await db.Timelines.Where(t => t.Slug == slug).Select(t => (long?)t.Id).FirstOrDefaultAsync(cancellationToken);

    public static async Task<long?> ActorIdAsync(TimelineDbContext db, string slug, CancellationToken cancellationToken) =>
        await db.Actors.Where(a => a.Slug == slug).Select(a => (long?)a.Id).FirstOrDefaultAsync(cancellationToken);
}

/// <summary>A list request that can narrow to one timeline (<c>GET /events?timeline=</c>).</summary>
public interface IHasTimelineFilter
{
    string? Timeline { get; }
}
