using Timeline.Api.Data;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;
using Source = Timeline.Api.Domain.Source;

namespace Timeline.Api.Features.Sources.DeleteSource;

public sealed class DeleteSourceEndpoint(TimelineDbContext db, EditSession edit) : DeleteEndpoint<Represented<Source>, SourceWriteRequest>(edit)
{
    protected override EditTarget<Represented<Source>, SourceWriteRequest> Target => SourceEditor.Edits(db);

    protected override string Explanation => "Deletes the source; refused while events, assessments or quotes cite it.";
}
