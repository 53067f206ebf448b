using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Actors.CreateActor;

public sealed class CreateActorEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : CreateEndpoint<Represented<Actor>, ActorWriteRequest, ActorResponse>(edit)
{
    protected override EditTarget<Represented<Actor>, ActorWriteRequest> Target => ActorEditor.Edits(db, search);

    protected override string Explanation => "Adds a person, state, organisation or media outlet with every spelling of its name.";
}
