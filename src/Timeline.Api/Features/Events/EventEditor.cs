using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;

namespace Timeline.Api.Features.Events;

/// <summary>How events are written: the event as its write representation, and a write applied to the event.</summary>
public static class EventEditor
{
    public const string ResourceType = "event";

    public static string PathOf(string slug) => $"/api/v1/events/{slug}";

    /// <summary>The event to change, tracked from here on (<see cref="EventDetails.LoadAsync"/> loaded it).</summary>
    public static async Task<LoadedEvent?> LoadForChangeAsync(TimelineDbContext db, string slug, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var loaded = await EventDetails.LoadAsync(db, slug, ct);
        if (loaded is not null)
            db.Attach(loaded.Event);
        return loaded;
    }


    /// <summary>The event as editors write it: what PATCH merges into, and what the change log compares.</summary>
    public static EventWriteRequest ToWrite(Event e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new()
        {
            Slug = e.Slug,
            Title = e.Title,
            Summary = e.Summary,
            Date = e.DateText,
            Kind = Kebab.ToValue(e.Kind),
            Status = Kebab.ToValue(e.Status),
            Place = e.Place,
            Confidence = e.Confidence is { } confidence ? Kebab.ToValue(confidence) : null,
            Note = e.Note,
            Timelines = [.. e.Timelines.Select(t => t.Slug).Order(StringComparer.Ordinal)],
            Actors = [.. e.Actors.OrderBy(a => a.Actor!.Slug, StringComparer.Ordinal).ThenBy(a => a.Role)
                .Select(a => new EventActorInput { Actor = a.Actor!.Slug, Role = Kebab.ToValue(a.Role) })],
            Tags = [.. e.Tags.Select(t => t.Tag).Order(StringComparer.Ordinal)],
            Related = [.. e.Relations.OrderBy(r => r.RelatedEvent!.Slug, StringComparer.Ordinal).ThenBy(r => r.Relation)
                .Select(r => new RelatedEventInput { Event = r.RelatedEvent!.Slug, Relation = Kebab.ToValue(r.Relation) })],
            Sources = [.. e.Sources.OrderBy(s => s.Url, StringComparer.Ordinal).Select(s => new SourceInput
            {
                Url = s.Url, Title = s.Title, Publisher = s.Publisher, Published = s.PublishedText, ArchivedUrl = s.ArchivedUrl,
            })],
        };
    }

    /// <summary>
    /// Makes the event match the write, resolving its references by slug (only those it did not refer to already cost a
    /// query). A reference that does not resolve is a failure on its field, and then nothing is changed.
    /// </summary>
    public static async Task<List<ValidationFailure>> ApplyAsync(TimelineDbContext db, Event e, EventWriteRequest write, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(write);
        var references = new ReferenceResolver(db);
        var timelines = await references.TimelinesAsync(write.Timelines, e.Timelines, "timelines[{i}]", ct);
        var actors = await references.ActorsAsync([.. write.Actors.Select(a => a.Actor)], e.Actors.Select(a => a.Actor!), "actors[{i}].actor", ct);
        var related = await references.EventsAsync([.. write.Related.Select(r => r.Event)], e.Relations.Select(r => r.RelatedEvent!), "related[{i}].event", ct);
        if (write.Related.Any(r => r.Event == e.Slug))
            references.Failures.Add(new ValidationFailure("related", "An event cannot be related to itself."));
        var sources = await references.SourcesAsync(write.Sources, e.Sources, ct);
        if (references.Failures.Count > 0)
            return references.Failures;

        e.Title = write.Title;
        e.Summary = write.Summary;
        e.SetDate(EdtfDate.Parse(write.Date));
        e.Kind = Kebab.Parse<EventKind>(write.Kind);
        e.Status = Kebab.Parse<EventStatus>(write.Status);
        e.Place = write.Place;
        e.Confidence = write.Confidence is null ? null : Kebab.Parse<Confidence>(write.Confidence);
        e.Note = write.Note;
        CollectionSync.Sync(e.Timelines, timelines, (a, b) => a == b, t => t);
        var roles = write.Actors.Select((a, i) => (Actor: actors[i], Role: Kebab.Parse<ActorRole>(a.Role))).Distinct().ToList();
        CollectionSync.Sync(e.Actors, roles, (a, w) => a.Actor == w.Actor && a.Role == w.Role, w => new EventActor { Actor = w.Actor, Role = w.Role });
        CollectionSync.Sync(e.Tags, [.. write.Tags.Distinct()], (t, name) => t.Tag == name, name => new EventTag { Tag = name });
        var relations = write.Related.Select((r, i) => (Event: related[i], Relation: Kebab.Parse<EventRelationKind>(r.Relation))).Distinct().ToList();
        CollectionSync.Sync(e.Relations, relations, (r, w) => r.RelatedEvent == w.Event && r.Relation == w.Relation,
            w => new EventRelation { RelatedEvent = w.Event, RelatedEventId = w.Event.Id, Relation = w.Relation });
        CollectionSync.Sync(e.Sources, sources, (a, b) => a == b, s => s);
        return [];
    }

    /// <summary>
    /// What copies the event elsewhere, brought in line inside the write's transaction: its stored list representation
    /// (see <see cref="EventListing"/>) and its row of the search index, so neither can differ from a committed change.
    /// </summary>
    public static async Task KeepCopiesAsync(TimelineDbContext db, IFullTextSearch search, Event e, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(e);
        await EventListing.RefreshAsync(db, e, ct);
        await search.RefreshAsync(db, SearchKinds.Event, e.Slug, ct);
    }

    /// <summary>What the create, replace, patch and delete of events need (<see cref="EditTarget{TLoaded, TWrite}"/>); an event still mentioned elsewhere cannot be deleted.</summary>
    public static EditTarget<LoadedEvent, EventWriteRequest> Edits(TimelineDbContext db, IFullTextSearch search) => new(
        ResourceType, "events",
        (slug, ct) => LoadForChangeAsync(db, slug, ct),
        e => e.Event,
        e => e.Representation,
        e => ToWrite(e.Event),
        (e, write, ct) => ApplyAsync(db, e.Event, write, ct),
        e => ChangeLog.TimelinesOf(e.Event),
        e => e.Represent(),
        (e, _, ct) => KeepCopiesAsync(db, search, e.Event, ct))
    {
        Validator = EventWriteValidator.Instance,
        BlockingReferenceAsync = (e, _) => Task.FromResult(e.Mentions.BlockingReference()),
        New = write => LoadedEvent.New(new Event { Slug = write.Slug, Title = write.Title }),
        KeyOf = write => write.Slug,
        KeyTakenAsync = (slug, ct) => db.Events.IgnoreQueryFilters().AnyAsync(e => e.Slug == slug, ct), // deleted ones too: their slugs stay reserved
        PathOf = PathOf,
    };

    /// <summary>What the translation writes (<see cref="TranslationWrites"/>) need of an event: the same load and representation as GET.</summary>
    public static TranslationTarget<LoadedEvent> Translations(TimelineDbContext db, IFullTextSearch search) => new(
        ResourceType, "events",
        (slug, ct) => LoadForChangeAsync(db, slug, ct),
        e => e.Event,
        e => new Dictionary<string, string?>(StringComparer.Ordinal) { ["title"] = e.Event.Title, ["summary"] = e.Event.Summary, ["place"] = e.Event.Place, ["note"] = e.Event.Note },
        e => ChangeLog.TimelinesOf(e.Event),
        async (e, texts, ct) => EventDetails.Build(e.Event, await EventDetails.LoadMentionTextsAsync(db, e, ct), texts),
        (e, ct) => KeepCopiesAsync(db, search, e.Event, ct));
}
