namespace Timeline.Api.Domain;

/// <summary>
/// A timeline: one story of events and commitments. Named <c>TimelineStory</c> because
/// <c>Timeline</c> is the root namespace and would shadow the type.
/// </summary>
public sealed class TimelineStory : IEditable, ITranslated
{
    public long Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public string Language { get; set; } = "en";
    /// <summary>Its texts in other languages; null when it has none.</summary>
    public TextTranslations? Translations { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long Version { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }

    public void Touch(DateTimeOffset at) => UpdatedAt = at;

    public List<Event> Events { get; set; } = [];
    public List<Commitment> Commitments { get; set; } = [];
    public List<Quote> Quotes { get; set; } = [];
}
