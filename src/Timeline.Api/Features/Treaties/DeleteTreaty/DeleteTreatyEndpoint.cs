using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Treaties.DeleteTreaty;

public sealed class DeleteTreatyEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : DeleteEndpoint<Represented<Treaty>, TreatyWriteRequest>(edit)
{
    protected override EditTarget<Represented<Treaty>, TreatyWriteRequest> Target => TreatyEditor.Edits(db, search);

    protected override string Explanation =>
        "Deletes the treaty and hides its record of actions from reads (the change log keeps both).";
}
