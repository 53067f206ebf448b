namespace Timeline.Api.Domain;

/// <summary>A dated happening: a signing, a summit, a poll, a deadline — or one that never took place.</summary>
public sealed class Event : IDated, IEditable, ITranslated, IOnTimelines
{
    public long Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string? Summary { get; set; }
    public string DateText { get; set; } = "";
    public DateOnly DateStart { get; set; }
    public DateOnly DateEnd { get; set; }
    public EventKind Kind { get; set; }
    public EventStatus Status { get; set; }
    public string? Place { get; set; }
    public Confidence? Confidence { get; set; }
    public string? Note { get; set; }
    /// <summary>The BCP 47 tag of the language its own texts are in: its original (translations are in <see cref="Translations"/>).</summary>
    public string Language { get; set; } = Translatable.English;
    /// <summary>Its texts in other languages; null when it has none.</summary>
    public TextTranslations? Translations { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long Version { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }

    public void Touch(DateTimeOffset at) => UpdatedAt = at;

    public List<TimelineStory> Timelines { get; set; } = [];
    public List<EventActor> Actors { get; set; } = [];
    public List<EventTag> Tags { get; set; } = [];
    public List<Source> Sources { get; set; } = [];
    public List<EventRelation> Relations { get; set; } = [];
}

/// <summary>An actor's part in an event.</summary>
public sealed class EventActor
{
    public long EventId { get; set; }
    public long ActorId { get; set; }
    public ActorRole Role { get; set; }
    public Actor? Actor { get; set; }
}

/// <summary>A free-form label on an event (slug form), used for filtering.</summary>
public sealed class EventTag
{
    public long EventId { get; set; }
    public required string Tag { get; set; }
}

/// <summary>A typed link from one event to another ("follow-up to", "anniversary of").</summary>
public sealed class EventRelation
{
    public long EventId { get; set; }
    public long RelatedEventId { get; set; }
    public EventRelationKind Relation { get; set; }
    public Event? RelatedEvent { get; set; }
}
