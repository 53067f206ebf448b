namespace Timeline.Api.Domain;

/// <summary>
/// An instrument two or more parties concluded — a treaty, agreement, charter, programme or declaration — with the
/// commitments it made and an append-only record of what each party did with it. Its force and each party's status
/// are never stored: <see cref="TreatyRecord"/> derives them from the actions, as of any date.
/// </summary>
public sealed class Treaty : IEditable, IOnTimelines
{
    public long Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string? ShortTitle { get; set; }
    public InstrumentKind Kind { get; set; }
    public string? Description { get; set; }

    /// <summary>When the text was signed or concluded (EDTF); each party's own signature is an action.</summary>
    public string? SignedText { get; set; }
    public DateOnly? SignedStart { get; set; }
    public DateOnly? SignedEnd { get; set; }
    public string? Place { get; set; }
    public string? TextUrl { get; set; }

    /// <summary>The event at which it was signed, if the timeline has one.</summary>
    public long? EventId { get; set; }
    public Event? Event { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long Version { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }

    public void Touch(DateTimeOffset at) => UpdatedAt = at;

    public List<TimelineStory> Timelines { get; set; } = [];
    public List<Actor> Parties { get; set; } = [];
    public List<TreatyAction> Actions { get; set; } = [];

    /// <summary>The commitments it made.</summary>
    public List<Commitment> Commitments { get; set; } = [];

    public void SetSigned(EdtfDate? date)
    {
        SignedText = date?.Text;
        SignedStart = date?.Start;
        SignedEnd = date?.End;
    }
}

/// <summary>
/// One entry of a treaty's append-only record: what a party (or, with no party, the treaty as a whole) did, when,
/// through which body, and on what evidence. Corrected like assessments: an admin retracts it and the next one is added.
/// </summary>
public sealed class TreatyAction : IDated, IRecordEntry
{
    public long Id { get; set; }
    public long TreatyId { get; set; }

    /// <summary>The party that acted; null for an action of the treaty as a whole (its entry into force).</summary>
    public long? PartyId { get; set; }
    public Actor? Party { get; set; }
    public TreatyActionKind Kind { get; set; }
    public string DateText { get; set; } = "";
    public DateOnly DateStart { get; set; }
    public DateOnly DateEnd { get; set; }

    /// <summary>The body that acted: State Duma, Federation Council, President, House of Representatives...</summary>
    public string? Body { get; set; }
    public string? Note { get; set; }
    public long? EventId { get; set; }
    public Event? Event { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>Set when an admin retracts the action; it stays in the record but no longer counts.</summary>
    public DateTimeOffset? RetractedAt { get; set; }
    public string? RetractedBy { get; set; }
    public string? RetractionReason { get; set; }

    public List<Source> Sources { get; set; } = [];
}
