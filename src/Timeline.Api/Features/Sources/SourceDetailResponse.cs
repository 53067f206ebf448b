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

    /// <summary>Present when a language was asked for (<c>lang</c> or <c>Accept-Language</c>): the title, when it is not in the first language asked for, with the language it is in.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Common.TextFallbackResponse>? Fallbacks { get; init; }
}
