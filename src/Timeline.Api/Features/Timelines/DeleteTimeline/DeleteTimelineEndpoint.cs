using Timeline.Api.Data;
using Timeline.Api.Features.Editing;

namespace Timeline.Api.Features.Timelines.DeleteTimeline;

public sealed class DeleteTimelineEndpoint(TimelineDbContext db, EditSession edit) : DeleteEndpoint<LoadedTimeline, TimelineWriteRequest>(edit)
{
    protected override EditTarget<LoadedTimeline, TimelineWriteRequest> Target => TimelineEditor.Edits(db);

    protected override string Explanation => "Deletes the timeline; refused while events, commitments or quotes belong to it.";
}
