using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Actors.PatchActor;

public sealed class PatchActorEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : PatchEndpoint<Represented<Actor>, ActorWriteRequest, ActorResponse>(edit)
{
    protected override EditTarget<Represented<Actor>, ActorWriteRequest> Target => ActorEditor.Edits(db, search);
}
