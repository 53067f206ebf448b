namespace Timeline.Api.Domain;

/// <summary>
/// A promise made in an event. Its status is never stored on it: the current status is the latest
/// assessment, and the status on any past date is the latest assessment up to that date.
/// </summary>
public sealed class Commitment : IEditable, ITranslated, IOnTimelines
{
    public long Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    /// <summary>The BCP 47 tag of the language its own texts are in: its original (translations are in <see cref="Translations"/>).</summary>
    public string Language { get; set; } = Translatable.English;
    /// <summary>Its texts in other languages; null when it has none.</summary>
    public TextTranslations? Translations { get; set; }
    public CommitmentCategory Category { get; set; }
    public long? MadeInEventId { get; set; }
    public Event? MadeInEvent { get; set; }
    public string? DueText { get; set; }
    public DateOnly? DueStart { get; set; }
    public DateOnly? DueEnd { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long Version { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }

    public void Touch(DateTimeOffset at) => UpdatedAt = at;

    public List<TimelineStory> Timelines { get; set; } = [];
    public List<Actor> Parties { get; set; } = [];
    public List<Assessment> Assessments { get; set; } = [];

    /// <summary>The treaties (agreements, charters...) that made the commitment, when they are tracked as such.</summary>
    public List<Treaty> Treaties { get; set; } = [];

    public void SetDue(EdtfDate? due)
    {
        DueText = due?.Text;
        DueStart = due?.Start;
        DueEnd = due?.End;
    }
}

/// <summary>
/// One entry of a commitment's append-only status history: what the status was from a date on, and why.
/// An assessment counts for "as of D" once its latest possible day is on or before D.
/// </summary>
public sealed class Assessment : IDated, IRecordEntry, ITranslatable
{
    public long Id { get; set; }
    public long CommitmentId { get; set; }
    public CommitmentStatus Status { get; set; }
    public string DateText { get; set; } = "";
    public DateOnly DateStart { get; set; }
    public DateOnly DateEnd { get; set; }
    public required string Summary { get; set; }
    /// <summary>The BCP 47 tag of the language its own texts are in: its original (translations are in <see cref="Translations"/>).</summary>
    public string Language { get; set; } = Translatable.English;
    /// <summary>Its texts in other languages; null when it has none.</summary>
    public TextTranslations? Translations { get; set; }
    public long? EventId { get; set; }
    public Event? Event { get; set; }
    public Confidence? Confidence { get; set; }
    public string? Note { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>Set when an admin retracts the assessment; it stays in the history but no longer counts.</summary>
    public DateTimeOffset? RetractedAt { get; set; }
    public string? RetractedBy { get; set; }
    public string? RetractionReason { get; set; }

    public List<Source> Sources { get; set; } = [];
}
