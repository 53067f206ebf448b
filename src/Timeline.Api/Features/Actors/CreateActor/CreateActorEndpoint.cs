using Timeline.Api.Domain;
using Timeline.Api.Infrastructure.Writes;

namespace Timeline.Api.Features.Actors.CreateActor;

public sealed class CreateActorEndpoint(ResourceWrites writes)
    : CreateResourceEndpoint<Actor, ActorWriteRequest, ActorResponse>(writes, ActorEditor.Instance)
{
    public override void Configure() =>
        ConfigureCreate("/actors", "createActor", "Create an actor", "Adds a person, state, organisation or media outlet with every spelling of its name.");
}
