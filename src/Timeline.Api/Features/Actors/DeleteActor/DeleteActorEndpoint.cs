using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Actors.DeleteActor;

public sealed class DeleteActorEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : DeleteEndpoint<Represented<Actor>, ActorWriteRequest>(edit)
{
    protected override EditTarget<Represented<Actor>, ActorWriteRequest> Target => ActorEditor.Edits(db, search);

    protected override string Explanation => "Deletes the actor; refused while events, commitments or quotes refer to it.";
}
