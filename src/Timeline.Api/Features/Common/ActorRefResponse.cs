namespace Timeline.Api.Features.Common;

/// <summary>A link to an actor.</summary>
public sealed class ActorRefResponse
{
    public required string Slug { get; init; }
    public required string Name { get; init; }
}
