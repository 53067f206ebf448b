using Timeline.Api.Domain;

namespace Timeline.Api.Features.Common;

/// <summary>An actor and the part they played in an event.</summary>
public sealed class EventActorResponse
{
    public required string Slug { get; init; }
    public required string Name { get; init; }
    public required ActorRole Role { get; init; }
}
