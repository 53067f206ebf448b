namespace Timeline.Api.Domain;

/// <summary>Words someone said, with who, when, where it was reported and what it is about.</summary>
public sealed class Quote : IEditable, ITranslated, IOnTimelines
{
    public long Id { get; set; }
    public required string Slug { get; set; }
    public required string Text { get; set; }
    /// <summary>The BCP 47 tag of the language its own texts are in: its original (translations are in <see cref="Translations"/>).</summary>
    public string Language { get; set; } = Translatable.English;
    /// <summary>Its texts in other languages; null when it has none.</summary>
    public TextTranslations? Translations { get; set; }
    public long SpeakerId { get; set; }
    public Actor? Speaker { get; set; }
    public string? DateText { get; set; }
    public DateOnly? DateStart { get; set; }
    public DateOnly? DateEnd { get; set; }
    public long SourceId { get; set; }
    public Source? Source { get; set; }
    public long? EventId { get; set; }
    public Event? Event { get; set; }
    public long? CommitmentId { get; set; }
    public Commitment? Commitment { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long Version { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }

    public void Touch(DateTimeOffset at) => UpdatedAt = at;

    public List<TimelineStory> Timelines { get; set; } = [];
}
