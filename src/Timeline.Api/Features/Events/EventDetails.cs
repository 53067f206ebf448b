using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Events.GetEvent;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Events;

/// <summary>
/// An event as the API shows it (<see cref="EventResponse"/>), loaded and built in one place for GET and for every write,
/// so the representation, and so its ETag, cannot differ between the two. Three queries: the event's row, its actors, and one list of
/// everything the representation shows besides (what the event refers to and what refers to it). A write builds the
/// new representation from the same pieces after changing them, without loading it again.
/// </summary>
public static class EventDetails
{
    /// <summary>The event with its links (see <see cref="LoadedEvent"/>), or null when there is no such event.</summary>
    public static async Task<LoadedEvent?> LoadAsync(TimelineDbContext db, string slug, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Slug == slug, ct);
        if (row is null)
            return null;
        // Its actors (what a UNION could not carry, see Links) by the event's id, with identity resolution so that an actor
        // in two roles is one entity when a write attaches the graph. Not as an Include: EF Core joins the actors as a LEFT
        // JOIN of a subquery filtered on deleted actors, which SQLite materialises whole, every event's actors read for
        // one (24 s at a million events). An actor an event names cannot be deleted, so the filter has nothing to remove.
        row.Actors = await db.EventActors.AsNoTrackingWithIdentityResolution().IgnoreQueryFilters()
            .Where(a => a.EventId == row.Id).Include(a => a.Actor).ToListAsync(ct);

        var links = await Links(db, row.Id).ToListAsync(ct);
        return LoadedEvent.From(row, links);
    }

    /// <summary>
    /// For a read in another language: the languages and translations of what the loaded event shows besides its own row
    /// and actors (sources, related events, the commitments and quotes that mention it, their speakers), in four small
    /// queries by id. Reads without a language never run them, so the usual read costs what it did.
    /// </summary>
    public static async Task<EventMentions> LoadMentionTextsAsync(TimelineDbContext db, LoadedEvent loaded, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(loaded);
        var e = loaded.Event;
        var sourceIds = e.Sources.Select(s => s.Id).ToList();
        var sources = await db.Sources.AsNoTracking().Where(s => EF.Parameter(sourceIds).Contains(s.Id))
            .Select(s => new { s.Id, s.Language, s.Translations }).ToDictionaryAsync(s => s.Id, ct);
        foreach (var source in e.Sources)
        {
            if (sources.TryGetValue(source.Id, out var found))
                (source.Language, source.Translations) = (found.Language, found.Translations);
        }

        var eventSlugs = e.Relations.Select(r => r.RelatedEvent!.Slug).Concat(loaded.Mentions.Incoming.Select(r => r.Event.Slug)).Distinct().ToList();
        var events = await db.Events.AsNoTracking().Where(x => EF.Parameter(eventSlugs).Contains(x.Slug))
            .Select(x => new { x.Slug, x.Language, x.Translations }).ToListAsync(ct);
        var commitmentSlugs = loaded.Mentions.Commitments.Concat(loaded.Mentions.Assessed).Select(c => c.Slug).Distinct().ToList();
        var commitments = await db.Commitments.AsNoTracking().Where(c => EF.Parameter(commitmentSlugs).Contains(c.Slug))
            .Select(c => new { c.Slug, c.Language, c.Translations }).ToListAsync(ct);
        var quoteSlugs = loaded.Mentions.Quotes.Select(q => q.Slug).ToList();
        var quotes = await db.Quotes.AsNoTracking().Where(q => EF.Parameter(quoteSlugs).Contains(q.Slug))
            .Select(q => new { q.Slug, q.Language, q.Translations, Speaker = q.Speaker!.Slug, SpeakerLanguage = q.Speaker.Language, SpeakerTranslations = q.Speaker.Translations })
            .ToListAsync(ct);

        var texts = new Dictionary<string, MentionText>(StringComparer.Ordinal);
        foreach (var x in events)
            texts[LoadedEvent.TextKey(EventLink.Incoming, x.Slug)] = new MentionText(x.Language, x.Translations);
        foreach (var c in commitments)
            texts[LoadedEvent.TextKey(EventLink.Made, c.Slug)] = new MentionText(c.Language, c.Translations);
        foreach (var q in quotes)
        {
            texts[LoadedEvent.TextKey(EventLink.Quote, q.Slug)] = new MentionText(q.Language, q.Translations);
            texts[LoadedEvent.TextKey("speaker", q.Speaker)] = new MentionText(q.SpeakerLanguage, q.SpeakerTranslations);
        }

        return loaded.Mentions with { Texts = texts };
    }

    /// <summary>The representation of an event whose parts are in memory (loaded, or just written).</summary>
    /// <param name="e">The event.</param>
    /// <param name="mentions">What refers to it.</param>
    /// <param name="texts">Chooses the texts' language (the originals when null).</param>
    public static EventResponse Build(Event e, EventMentions mentions, TextChooser? texts = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(mentions);
        texts ??= TextChooser.Originals();
        string Mentioned(string at, string kind, string slug, string field, string original) =>
            mentions.Texts.TryGetValue(LoadedEvent.TextKey(kind, slug), out var t) ? texts.Required(at, field, original, t.Language, t.Translations) : original;
        var title = texts.Required("/title", "title", e.Title, e.Language, e.Translations);
        var outgoing = e.Relations.Select(r => new RelatedEventResponse
        {
            Relation = r.Relation,
            Direction = "outgoing",
            Event = new EventRefResponse { Slug = r.RelatedEvent!.Slug, Title = r.RelatedEvent.Title, Date = DateResponse.From(r.RelatedEvent.DateText), Status = r.RelatedEvent.Status },
        });
        return new EventResponse
        {
            Slug = e.Slug,
            Title = title,
            Summary = texts.Text("/summary", "summary", e.Summary, e.Language, e.Translations),
            Date = DateResponse.From(e.DateText),
            Kind = e.Kind,
            Status = e.Status,
            Place = texts.Text("/place", "place", e.Place, e.Language, e.Translations),
            Confidence = e.Confidence,
            Note = texts.Text("/note", "note", e.Note, e.Language, e.Translations),
            Tags = [.. e.Tags.Select(t => t.Tag).Order(StringComparer.Ordinal)],
            Actors = [.. e.Actors.OrderBy(a => a.Actor!.Name, StringComparer.Ordinal).ThenBy(a => a.Actor!.Slug, StringComparer.Ordinal).ThenBy(a => Kebab.ToValue(a.Role), StringComparer.Ordinal)
                .Select((a, i) => new EventActorResponse { Slug = a.Actor!.Slug, Name = texts.Required($"/actors/{i}/name", "name", a.Actor.Name, a.Actor.Language, a.Actor.Translations), Role = a.Role })],
            Timelines = [.. e.Timelines.Select(t => t.Slug).Order(StringComparer.Ordinal)],
            Sources = [.. e.Sources.OrderBy(s => s.Url, StringComparer.Ordinal).Select((s, i) => new SourceResponse
            {
                Url = s.Url, Title = texts.Text($"/sources/{i}/title", "title", s.Title, s.Language, s.Translations),
                Publisher = s.Publisher, Published = s.PublishedText, ArchivedUrl = s.ArchivedUrl,
            })],
            Commitments = texts.Preferences.Count == 0 ? mentions.Commitments : [.. mentions.Commitments.Select((c, i) => new CommitmentRefResponse
            {
                Slug = c.Slug, Title = Mentioned($"/commitments/{i}/title", EventLink.Made, c.Slug, "title", c.Title),
            })],
            Assessed = texts.Preferences.Count == 0 ? mentions.Assessed : [.. mentions.Assessed.Select((c, i) => new CommitmentRefResponse
            {
                Slug = c.Slug, Title = Mentioned($"/assessed/{i}/title", EventLink.Made, c.Slug, "title", c.Title),
            })],
            Quotes = texts.Preferences.Count == 0 ? mentions.Quotes : [.. mentions.Quotes.Select((q, i) => new QuoteRefResponse
            {
                Slug = q.Slug,
                Text = Mentioned($"/quotes/{i}/text", EventLink.Quote, q.Slug, "text", q.Text),
                Speaker = new ActorRefResponse { Slug = q.Speaker.Slug, Name = Mentioned($"/quotes/{i}/speaker/name", "speaker", q.Speaker.Slug, "name", q.Speaker.Name) },
            })],
            Related = [.. outgoing.Concat(mentions.Incoming)
                .OrderBy(r => r.Event.Date.Start).ThenBy(r => r.Event.Slug, StringComparer.Ordinal)
                .ThenBy(r => r.Direction, StringComparer.Ordinal).ThenBy(r => Kebab.ToValue(r.Relation), StringComparer.Ordinal)
                .Select((r, i) => texts.Preferences.Count == 0 ? r : new RelatedEventResponse
                {
                    Relation = r.Relation,
                    Direction = r.Direction,
                    Event = new EventRefResponse
                    {
                        Slug = r.Event.Slug, Date = r.Event.Date, Status = r.Event.Status,
                        Title = Mentioned($"/related/{i}/event/title", EventLink.Incoming, r.Event.Slug, "title", r.Event.Title),
                    },
                })],
            Fallbacks = texts.Fallbacks,
        };
    }

    /// <summary>
    /// Everything the representation shows besides the event's own row, as one list (one query): the timelines, actors,
    /// tags, sources and related events the event refers to, and the commitments, quotes and events that refer to it.
    /// </summary>
    private static IQueryable<EventLink> Links(TimelineDbContext db, long id)
    {
        var timelines = db.Events.Where(e => e.Id == id).SelectMany(e => e.Timelines).Select(t => new EventLink
        {
            Kind = EventLink.Timeline, Id = t.Id, Key = t.Slug, Name = t.Title, Date = null, Status = null, Relation = null,
            Publisher = null, Published = null, ArchivedUrl = null, SpeakerSlug = null, SpeakerName = null,
        });
        var tags = db.EventTags.Where(t => t.EventId == id).Select(t => new EventLink
        {
            Kind = EventLink.Tag, Id = 0, Key = t.Tag, Name = null, Date = null, Status = null, Relation = null,
            Publisher = null, Published = null, ArchivedUrl = null, SpeakerSlug = null, SpeakerName = null,
        });
        var sources = db.Events.Where(e => e.Id == id).SelectMany(e => e.Sources).Select(s => new EventLink
        {
            Kind = EventLink.Source, Id = s.Id, Key = s.Url, Name = s.Title, Date = null, Status = null, Relation = null,
            Publisher = s.Publisher, Published = s.PublishedText, ArchivedUrl = s.ArchivedUrl, SpeakerSlug = null, SpeakerName = null,
        });
        var related = db.EventRelations.Where(r => r.EventId == id).Select(r => new EventLink
        {
            Kind = EventLink.Related, Id = r.RelatedEventId, Key = r.RelatedEvent!.Slug, Name = r.RelatedEvent.Title,
            Date = r.RelatedEvent.DateText,
            Status = r.RelatedEvent.Status, Relation = r.Relation, Publisher = null, Published = null, ArchivedUrl = null, SpeakerSlug = null, SpeakerName = null,
        });
        var incoming = db.EventRelations.Where(r => r.RelatedEventId == id).Join(db.Events, r => r.EventId, other => other.Id, (r, other) => new EventLink
        {
            Kind = EventLink.Incoming, Id = other.Id, Key = other.Slug, Name = other.Title, Date = other.DateText, Status = other.Status,
            Relation = r.Relation, Publisher = null, Published = null, ArchivedUrl = null, SpeakerSlug = null, SpeakerName = null,
        });
        var made = db.Commitments.Where(c => c.MadeInEventId == id).Select(c => new EventLink
        {
            Kind = EventLink.Made, Id = c.Id, Key = c.Slug, Name = c.Title, Date = null, Status = null, Relation = null,
            Publisher = null, Published = null, ArchivedUrl = null, SpeakerSlug = null, SpeakerName = null,
        });
        var assessed = db.Commitments.Where(c => c.Assessments.Any(a => a.EventId == id)).Select(c => new EventLink
        {
            Kind = EventLink.Assessed, Id = c.Id, Key = c.Slug, Name = c.Title, Date = null, Status = null, Relation = null,
            Publisher = null, Published = null, ArchivedUrl = null, SpeakerSlug = null, SpeakerName = null,
        });
        var quotes = db.Quotes.Where(q => q.EventId == id).Select(q => new EventLink
        {
            Kind = EventLink.Quote, Id = q.Id, Key = q.Slug, Name = q.Text, Date = null, Status = null, Relation = null,
            Publisher = null, Published = null, ArchivedUrl = null, SpeakerSlug = q.Speaker!.Slug, SpeakerName = q.Speaker.Name,
        });
        // The first part carries every enum column (status, relation): EF takes a column's type mapping from the first
        // part of the UNION, and a column that part sets to a null constant would be read with the default mapping (an
        // integer) instead of the kebab-case text the converter stores. So actors (with their role) come with the row.
        return related.Concat(incoming).Concat(timelines).Concat(tags).Concat(sources).Concat(made).Concat(assessed).Concat(quotes);
    }
}

/// <summary>The language of a mentioned resource's text, and its translations.</summary>
public sealed record MentionText(string Language, TextTranslations? Translations);

/// <summary>What an event's representation shows of the resources that refer to it; a write of the event changes none of it.</summary>
public sealed record EventMentions(
    IReadOnlyList<CommitmentRefResponse> Commitments,
    IReadOnlyList<CommitmentRefResponse> Assessed,
    IReadOnlyList<QuoteRefResponse> Quotes,
    IReadOnlyList<RelatedEventResponse> Incoming)
{
    public static EventMentions None { get; } = new([], [], [], []);

    /// <summary>The language and translations of each mention's text (related events' titles too), by <see cref="LoadedEvent.TextKey"/>; empty unless <see cref="EventDetails.LoadMentionTextsAsync"/> filled it.</summary>
    public IReadOnlyDictionary<string, MentionText> Texts { get; init; } = new Dictionary<string, MentionText>();

    /// <summary>What forbids deleting the event while it stands (null when nothing does).</summary>
    public string? BlockingReference() =>
        Commitments.Concat(Assessed).Select(c => $"the commitment '{c.Slug}'")
            .Concat(Quotes.Select(q => $"the quote '{q.Slug}'"))
            .Concat(Incoming.Select(r => $"the related event '{r.Event.Slug}'"))
            .FirstOrDefault();
}

/// <summary>
/// An event loaded with everything its representation shows: its row, with its timelines, actors, tags, sources and
/// related events as entities that stand for the rows they came from (only what the representation and a write need
/// is filled in), and its <see cref="EventMentions"/>.
/// </summary>
public sealed class LoadedEvent
{
    private readonly EventResponse? _response;
    private readonly Representation? _representation;

    private LoadedEvent(Event @event, EventMentions mentions, bool stored)
    {
        Event = @event;
        Mentions = mentions;
        if (!stored)
            return;
        _response = EventDetails.Build(@event, mentions);
        _representation = Representation.Of(_response);
    }

    /// <summary>A new event, about to be created: nothing refers to it yet, and it has no representation as loaded.</summary>
    public static LoadedEvent New(Event created) => new(created, EventMentions.None, stored: false);

    public Event Event { get; }

    public EventMentions Mentions { get; }

    public EventResponse Response => _response ?? throw new InvalidOperationException("A new event has no stored representation.");

    /// <summary>The representation as loaded, and so the ETag a write's <c>If-Match</c> is checked against.</summary>
    public Representation Representation => _representation ?? throw new InvalidOperationException("A new event has no stored representation.");

    /// <summary>Its representation now, after a change (with the mentions it was loaded with).</summary>
    public EventResponse Represent() => EventDetails.Build(Event, Mentions);

    /// <summary>The key of a mention's texts in <see cref="EventMentions.Texts"/>.</summary>
    internal static string TextKey(string kind, string slug) => $"{(kind is EventLink.Assessed ? EventLink.Made : kind)}:{slug}";

    internal static LoadedEvent From(Event row, IReadOnlyList<EventLink> links)
    {
        row.Timelines = [.. links.Where(l => l.Kind == EventLink.Timeline).Select(l => new TimelineStory { Id = l.Id, Slug = l.Key, Title = l.Name! })];
        row.Tags = [.. links.Where(l => l.Kind == EventLink.Tag).Select(l => new EventTag { EventId = row.Id, Tag = l.Key })];
        row.Sources = [.. links.Where(l => l.Kind == EventLink.Source).Select(l => new Source
        {
            Id = l.Id, Url = l.Key, Title = l.Name, Publisher = l.Publisher, PublishedText = l.Published, ArchivedUrl = l.ArchivedUrl,
        })];
        row.Relations = [.. links.Where(l => l.Kind == EventLink.Related).Select(l => new EventRelation
        {
            EventId = row.Id, RelatedEventId = l.Id, Relation = l.Relation!.Value,
            RelatedEvent = new Event { Id = l.Id, Slug = l.Key, Title = l.Name!, DateText = l.Date!, Status = l.Status!.Value },
        })];

        var mentions = new EventMentions(
            [.. links.Where(l => l.Kind == EventLink.Made).OrderBy(l => l.Id).Select(l => new CommitmentRefResponse { Slug = l.Key, Title = l.Name! })],
            [.. links.Where(l => l.Kind == EventLink.Assessed).OrderBy(l => l.Id).Select(l => new CommitmentRefResponse { Slug = l.Key, Title = l.Name! })],
            [.. links.Where(l => l.Kind == EventLink.Quote).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => new QuoteRefResponse
            {
                Slug = l.Key, Text = l.Name!, Speaker = new ActorRefResponse { Slug = l.SpeakerSlug!, Name = l.SpeakerName! },
            })],
            [.. links.Where(l => l.Kind == EventLink.Incoming).Select(l => new RelatedEventResponse
            {
                Relation = l.Relation!.Value,
                Direction = "incoming",
                Event = new EventRefResponse { Slug = l.Key, Title = l.Name!, Date = DateResponse.From(l.Date!), Status = l.Status!.Value },
            })]);
        return new LoadedEvent(row, mentions, stored: true);
    }
}

/// <summary>One row of <see cref="EventDetails"/>' second query: a thing the event's representation shows, by kind.</summary>
internal sealed class EventLink
{
    public const string Timeline = "timeline";
    public const string Tag = "tag";
    public const string Source = "source";
    public const string Related = "related";
    public const string Incoming = "incoming";
    public const string Made = "made";
    public const string Assessed = "assessed";
    public const string Quote = "quote";

    public required string Kind { get; init; }
    public long Id { get; init; }

    /// <summary>The slug (a source's URL, a tag itself).</summary>
    public required string Key { get; init; }

    /// <summary>The name, title or text shown.</summary>
    public string? Name { get; init; }
    public string? Date { get; init; }
    public EventStatus? Status { get; init; }
    public EventRelationKind? Relation { get; init; }
    public string? Publisher { get; init; }
    public string? Published { get; init; }
    public string? ArchivedUrl { get; init; }
    public string? SpeakerSlug { get; init; }
    public string? SpeakerName { get; init; }
}
