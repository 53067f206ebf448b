using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Features.Treaties.GetTreaty;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Treaties.CreateTreaty;

public sealed class CreateTreatyEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : CreateEndpoint<Represented<Treaty>, TreatyWriteRequest, TreatyResponse>(edit)
{
    protected override EditTarget<Represented<Treaty>, TreatyWriteRequest> Target => TreatyEditor.Edits(db, search);

    protected override string Explanation =>
        "Adds a treaty (agreement, charter...) with its parties; record what each party did with POST /treaties/{slug}/actions.";
}
