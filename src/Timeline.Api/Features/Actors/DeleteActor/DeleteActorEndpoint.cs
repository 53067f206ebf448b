using Timeline.Api.Domain;
using Timeline.Api.Infrastructure.Writes;

namespace Timeline.Api.Features.Actors.DeleteActor;

public sealed class DeleteActorEndpoint(ResourceWrites writes)
    : DeleteResourceEndpoint<Actor, ActorWriteRequest, ActorResponse>(writes, ActorEditor.Instance)
{
    public override void Configure() =>
        ConfigureDelete("/actors/{slug}", "deleteActor", "Delete an actor", "Deletes the actor; refused while events, commitments or quotes refer to it.");
}
