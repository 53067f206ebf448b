namespace Timeline.Api.Features.Common;

/// <summary>A link to a treaty.</summary>
public sealed class TreatyRefResponse
{
    public required string Slug { get; init; }
    public required string Title { get; init; }
}
