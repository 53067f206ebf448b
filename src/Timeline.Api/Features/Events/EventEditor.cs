using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Events.GetEvent;
using Timeline.Api.Infrastructure.Writes;

namespace Timeline.Api.Features.Events;

/// <summary>How events are written: see <see cref="ResourceEditor{TEntity, TWrite, TResponse}"/>.</summary>
public sealed class EventEditor : ResourceEditor<Event, EventWriteRequest, EventResponse>
{
    public static readonly EventEditor Instance = new();

    public override string ResourceType => "event";

    public override string KeyOf(EventWriteRequest write) => write.Slug;

    public override string PathOf(string key) => $"/api/v1/events/{key}";

    public override Task<Event?> FindAsync(TimelineDbContext db, string key, CancellationToken cancellationToken) =>
        db.Events
            .Include(e => e.Timelines)
            .Include(e => e.Actors).ThenInclude(a => a.Actor)
            .Include(e => e.Tags)
            .Include(e => e.Sources)
            .Include(e => e.Relations).ThenInclude(r => r.RelatedEvent)
            .AsSplitQuery()
            .SingleOrDefaultAsync(e => e.Slug == key, cancellationToken);

    public override Task<bool> KeyTakenAsync(TimelineDbContext db, string key, CancellationToken cancellationToken) =>
        db.Events.IgnoreQueryFilters().AnyAsync(e => e.Slug == key, cancellationToken);

    public override Event Create(EventWriteRequest write) => new() { Slug = write.Slug, Title = write.Title };

    public override EventWriteRequest ToWrite(Event entity) => new()
    {
        Slug = entity.Slug,
        Title = entity.Title,
        Summary = entity.Summary,
        Date = entity.DateText,
        Kind = Kebab.ToValue(entity.Kind),
        Status = Kebab.ToValue(entity.Status),
        Place = entity.Place,
        Confidence = entity.Confidence is { } confidence ? Kebab.ToValue(confidence) : null,
        Note = entity.Note,
        Timelines = [.. entity.Timelines.Select(t => t.Slug).Order(StringComparer.Ordinal)],
        Actors = [.. entity.Actors.OrderBy(a => a.Actor!.Slug, StringComparer.Ordinal).ThenBy(a => a.Role)
            .Select(a => new EventActorInput { Actor = a.Actor!.Slug, Role = Kebab.ToValue(a.Role) })],
        Tags = [.. entity.Tags.Select(t => t.Tag).Order(StringComparer.Ordinal)],
        Related = [.. entity.Relations.OrderBy(r => r.RelatedEvent!.Slug, StringComparer.Ordinal).ThenBy(r => r.Relation)
            .Select(r => new RelatedEventInput { Event = r.RelatedEvent!.Slug, Relation = Kebab.ToValue(r.Relation) })],
        Sources = [.. entity.Sources.OrderBy(s => s.Url, StringComparer.Ordinal).Select(s => new SourceInput
        {
            Url = s.Url, Title = s.Title, Publisher = s.Publisher, Published = s.PublishedText, ArchivedUrl = s.ArchivedUrl,
        })],
    };

    public override async Task ApplyAsync(TimelineDbContext db, Event entity, EventWriteRequest write, List<ValidationFailure> failures, CancellationToken cancellationToken)
    {
        var references = new References(db, failures);
        var timelines = await references.TimelinesAsync(write.Timelines, "timelines[{i}]", cancellationToken);
        var actors = await references.ActorsAsync([.. write.Actors.Select(a => a.Actor)], "actors[{i}].actor", cancellationToken);
        var related = await references.EventsAsync([.. write.Related.Select(r => r.Event)], "related[{i}].event", cancellationToken);
        if (write.Related.Any(r => r.Event == write.Slug))
            failures.Add(new ValidationFailure("related", "An event cannot be related to itself."));
        var sources = await references.SourcesAsync(write.Sources, cancellationToken);
        if (failures.Count > 0)
            return;

        entity.Title = write.Title;
        entity.Summary = write.Summary;
        entity.SetDate(EdtfDate.Parse(write.Date));
        entity.Kind = Kebab.Parse<EventKind>(write.Kind);
        entity.Status = Kebab.Parse<EventStatus>(write.Status);
        entity.Place = write.Place;
        entity.Confidence = write.Confidence is null ? null : Kebab.Parse<Confidence>(write.Confidence);
        entity.Note = write.Note;
        CollectionSync.Sync(entity.Timelines, timelines, (a, b) => a == b, t => t);
        var roles = write.Actors.Select((a, i) => (Actor: actors[i], Role: Kebab.Parse<ActorRole>(a.Role))).Distinct().ToList();
        CollectionSync.Sync(entity.Actors, roles, (a, w) => a.Actor == w.Actor && a.Role == w.Role, w => new EventActor { Actor = w.Actor, Role = w.Role });
        CollectionSync.Sync(entity.Tags, [.. write.Tags.Distinct()], (t, name) => t.Tag == name, name => new EventTag { Tag = name });
        var relations = write.Related.Select((r, i) => (Event: related[i], Relation: Kebab.Parse<EventRelationKind>(r.Relation))).Distinct().ToList();
        CollectionSync.Sync(entity.Relations, relations, (r, w) => r.RelatedEvent == w.Event && r.Relation == w.Relation,
            w => new EventRelation { RelatedEvent = w.Event, RelatedEventId = w.Event.Id, Relation = w.Relation });
        CollectionSync.Sync(entity.Sources, sources, (a, b) => a == b, s => s);
    }

    public override Task<EventResponse?> RepresentAsync(TimelineDbContext db, string key, CancellationToken cancellationToken) =>
        EventDetails.LoadAsync(db, key, cancellationToken);

    public override IEnumerable<string> TimelinesOf(Event entity) => entity.Timelines.Select(t => t.Slug);

    public override void Touch(Event entity, DateTimeOffset now) => entity.UpdatedAt = now;

    public override Task KeepReadModelsAsync(TimelineDbContext db, Event entity, EventWriteRequest? before, CancellationToken cancellationToken) =>
        EventListing.RefreshAsync(db, [entity.Id], cancellationToken);

    public override async Task<string?> BlockingReferenceAsync(TimelineDbContext db, Event entity, CancellationToken cancellationToken)
    {
        var commitment = await db.Commitments
            .Where(c => c.MadeInEventId == entity.Id || c.Assessments.Any(a => a.EventId == entity.Id))
            .Select(c => c.Slug).FirstOrDefaultAsync(cancellationToken);
        if (commitment is not null)
            return $"the commitment '{commitment}'";
        var quote = await db.Quotes.Where(q => q.EventId == entity.Id).Select(q => q.Slug).FirstOrDefaultAsync(cancellationToken);
        if (quote is not null)
            return $"the quote '{quote}'";
        var other = await db.EventRelations.Where(r => r.RelatedEventId == entity.Id)
            .Join(db.Events, r => r.EventId, e => e.Id, (r, e) => e.Slug).FirstOrDefaultAsync(cancellationToken);
        return other is null ? null : $"the related event '{other}'";
    }
}
