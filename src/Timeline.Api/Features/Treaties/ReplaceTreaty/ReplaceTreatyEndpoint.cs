using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Features.Treaties.GetTreaty;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Treaties.ReplaceTreaty;

public sealed class ReplaceTreatyEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : ReplaceEndpoint<Represented<Treaty>, TreatyWriteRequest, TreatyResponse>(edit)
{
    protected override EditTarget<Represented<Treaty>, TreatyWriteRequest> Target => TreatyEditor.Edits(db, search);

    protected override string Explanation =>
        "Replaces every field of the treaty; its actions are kept (they are appended and retracted, never rewritten).";
}
