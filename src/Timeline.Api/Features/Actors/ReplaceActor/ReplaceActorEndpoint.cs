using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Actors.ReplaceActor;

public sealed class ReplaceActorEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : ReplaceEndpoint<Represented<Actor>, ActorWriteRequest, ActorResponse>(edit)
{
    protected override EditTarget<Represented<Actor>, ActorWriteRequest> Target => ActorEditor.Edits(db, search);
}
