namespace Timeline.Api.Domain;

/// <summary>A cited publication, identified by its URL and shared by every fact that cites it.</summary>
public sealed class Source : IEditable, ITranslated
{
    public long Id { get; set; }
    public required string Url { get; set; }
    public string? Title { get; set; }
    /// <summary>The BCP 47 tag of the language its own texts are in: its original (translations are in <see cref="Translations"/>).</summary>
    public string Language { get; set; } = Translatable.English;
    /// <summary>Its texts in other languages; null when it has none.</summary>
    public TextTranslations? Translations { get; set; }
    public string? Publisher { get; set; }
    public string? PublishedText { get; set; }
    public string? ArchivedUrl { get; set; }
    public long Version { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
}
