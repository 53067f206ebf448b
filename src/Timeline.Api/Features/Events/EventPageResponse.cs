using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;

namespace Timeline.Api.Features.Events;

/// <summary>
/// One page of an event list; <c>nextCursor</c> is null on the last page (the same URL is in the <c>Link: rel="next"</c>
/// header). With <c>include=treaty-actions</c> the page also has <c>treatyActions</c>: the treaty actions that fall among
/// its events, in the same order. Merged by date (a day's events first, then its actions; the reverse with
/// <c>sort=-date</c>) the two arrays are one chronological list, and <c>limit</c> counts the items of both.
/// </summary>
public sealed class EventPageResponse
{
    public required IReadOnlyList<EventSummaryResponse> Items { get; init; }

    /// <summary>Present only with <c>include=treaty-actions</c>: the counted (not retracted) treaty actions of this page, in list order.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TreatyActionListItem>? TreatyActions { get; init; }
    public string? NextCursor { get; init; }

    /// <summary>
    /// Present when a language was asked for (<c>lang</c> or <c>Accept-Language</c>): each text of this page's events not
    /// in the first language asked for, with the language it is in. Treaty actions' texts are as recorded.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TextFallbackResponse>? Fallbacks { get; init; }
}

/// <summary>A treaty action as event lists show it: what a party (or the treaty as a whole) did to which treaty, when, through which body, on what evidence.</summary>
public sealed class TreatyActionListItem
{
    /// <summary>The action's id in its treaty's record (<c>/treaties/{slug}/actions</c>).</summary>
    public required long Id { get; init; }
    public required TreatyRefResponse Treaty { get; init; }

    /// <summary>The party that acted; null for an action of the treaty as a whole (its entry into force).</summary>
    public ActorRefResponse? Party { get; init; }
    public required TreatyActionKind Kind { get; init; }
    public required DateResponse Date { get; init; }

    /// <summary>The body that acted (State Duma, Federation Council, President...).</summary>
    public string? Body { get; init; }
    public string? Note { get; init; }

    /// <summary>The event at which it happened, if the timeline has one (it is then in the event list too).</summary>
    public EventRefResponse? Event { get; init; }
    public required IReadOnlyList<SourceResponse> Sources { get; init; }

    /// <summary>
    /// These actions as list items, in the order of <paramref name="ids"/>. Each part is read by key, never as EF Core's join
    /// of a filtered navigation (which SQLite may materialise whole: see EventDetails): the actions, then their treaties,
    /// parties, events, and sources (through the join table) by the ids the first read gave.
    /// </summary>
    public static async Task<List<TreatyActionListItem>> LoadAsync(TimelineDbContext db, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
            return [];
        var actions = await db.TreatyActions.AsNoTracking()
            .Where(a => EF.Parameter(ids).Contains(a.Id))
            .Select(a => new { a.Id, a.TreatyId, a.PartyId, a.Kind, a.DateText, a.Body, a.Note, a.EventId })
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        var treatyIds = actions.Values.Select(a => a.TreatyId).Distinct().ToList();
        var treaties = await db.Treaties.AsNoTracking().IgnoreQueryFilters()
            .Where(t => EF.Parameter(treatyIds).Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, t => new TreatyRefResponse { Slug = t.Slug, Title = t.Title }, cancellationToken);
        var partyIds = actions.Values.Select(a => a.PartyId).OfType<long>().Distinct().ToList();
        var parties = await db.Actors.AsNoTracking().IgnoreQueryFilters()
            .Where(p => EF.Parameter(partyIds).Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => new ActorRefResponse { Slug = p.Slug, Name = p.Name }, cancellationToken);
        var eventIds = actions.Values.Select(a => a.EventId).OfType<long>().Distinct().ToList();
        var events = eventIds.Count == 0 ? [] : await db.Events.AsNoTracking()
            .Where(e => EF.Parameter(eventIds).Contains(e.Id))
            .Select(e => new { e.Id, e.Slug, e.Title, e.DateText, e.Status })
            .ToDictionaryAsync(e => e.Id, cancellationToken);
        var cited = await db.Set<Dictionary<string, object>>("TreatyActionSources").AsNoTracking()
            .Where(j => EF.Parameter(ids).Contains(EF.Property<long>(j, "TreatyActionId")))
            .Select(j => new { Action = EF.Property<long>(j, "TreatyActionId"), Source = EF.Property<long>(j, "SourceId") })
            .ToListAsync(cancellationToken);
        var sourceIds = cited.Select(c => c.Source).Distinct().ToList();
        var bySource = await db.Sources.AsNoTracking()
            .Where(s => EF.Parameter(sourceIds).Contains(s.Id))
            .Select(s => new { s.Id, Source = new SourceResponse { Url = s.Url, Title = s.Title, Publisher = s.Publisher, Published = s.PublishedText, ArchivedUrl = s.ArchivedUrl } })
            .ToDictionaryAsync(s => s.Id, s => s.Source, cancellationToken);
        var sources = cited.Where(c => bySource.ContainsKey(c.Source)).ToLookup(c => c.Action, c => bySource[c.Source]);
        return [.. ids.Select(id => actions[id]).Select(a => new TreatyActionListItem
        {
            Id = a.Id,
            Treaty = treaties[a.TreatyId],
            Party = a.PartyId is { } party ? parties[party] : null,
            Kind = a.Kind,
            Date = DateResponse.From(a.DateText),
            Body = a.Body,
            Note = a.Note,
            Event = a.EventId is { } eventId && events.TryGetValue(eventId, out var e)
                ? new EventRefResponse { Slug = e.Slug, Title = e.Title, Date = DateResponse.From(e.DateText), Status = e.Status }
                : null,
            Sources = [.. sources[a.Id].OrderBy(s => s.Url, StringComparer.Ordinal)],
        })];
    }
}
