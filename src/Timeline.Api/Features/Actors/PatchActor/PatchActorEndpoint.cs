using Timeline.Api.Domain;
using Timeline.Api.Infrastructure.Writes;

namespace Timeline.Api.Features.Actors.PatchActor;

public sealed class PatchActorEndpoint(ResourceWrites writes)
    : PatchResourceEndpoint<Actor, ActorWriteRequest, ActorResponse>(writes, ActorEditor.Instance, ActorWriteValidator.Instance)
{
    public override void Configure() =>
        ConfigurePatch("/actors/{slug}", "patchActor", "Change an actor", "Changes some fields of the actor.");
}
