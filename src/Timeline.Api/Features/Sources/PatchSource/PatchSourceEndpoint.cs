using Timeline.Api.Data;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;
using Source = Timeline.Api.Domain.Source;

namespace Timeline.Api.Features.Sources.PatchSource;

public sealed class PatchSourceEndpoint(TimelineDbContext db, EditSession edit) : PatchEndpoint<Represented<Source>, SourceWriteRequest, SourceDetailResponse>(edit)
{
    protected override EditTarget<Represented<Source>, SourceWriteRequest> Target => SourceEditor.Edits(db);
}
