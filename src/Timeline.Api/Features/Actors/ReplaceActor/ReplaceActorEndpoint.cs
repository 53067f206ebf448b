using Timeline.Api.Domain;
using Timeline.Api.Infrastructure.Writes;

namespace Timeline.Api.Features.Actors.ReplaceActor;

public sealed class ReplaceActorEndpoint(ResourceWrites writes)
    : ReplaceResourceEndpoint<Actor, ActorWriteRequest, ActorResponse>(writes, ActorEditor.Instance)
{
    public override void Configure() =>
        ConfigureReplace("/actors/{slug}", "replaceActor", "Replace an actor", "Replaces every field of the actor.");
}
