namespace Timeline.Api.Features.Common;

/// <summary>A link to a commitment.</summary>
public sealed class CommitmentRefResponse
{
    public required string Slug { get; init; }
    public required string Title { get; init; }
}
