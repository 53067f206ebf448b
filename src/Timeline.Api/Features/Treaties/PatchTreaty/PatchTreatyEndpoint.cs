using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Features.Treaties.GetTreaty;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Treaties.PatchTreaty;

public sealed class PatchTreatyEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : PatchEndpoint<Represented<Treaty>, TreatyWriteRequest, TreatyResponse>(edit)
{
    protected override EditTarget<Represented<Treaty>, TreatyWriteRequest> Target => TreatyEditor.Edits(db, search);
}
