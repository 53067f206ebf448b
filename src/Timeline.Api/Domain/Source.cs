namespace Timeline.Api.Domain;

/// <summary>A cited publication, identified by its URL and shared by every fact that cites it.</summary>
public sealed class Source : IEditable
{
    public long Id { get; set; }
    public required string Url { get; set; }
    public string? Title { get; set; }
    public string? Publisher { get; set; }
    public string? PublishedText { get; set; }
    public string? ArchivedUrl { get; set; }
    public long Version { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
}
