namespace Timeline.Api.Features.Sources;

/// <summary>A source with its id, the key editors use to change it.</summary>
public sealed class SourceDetailResponse
{
    public required long Id { get; init; }
    public required string Url { get; init; }
    public string? Title { get; init; }
    public string? Publisher { get; init; }
    public string? Published { get; init; }
    public string? ArchivedUrl { get; init; }
}
