using Timeline.Api.Data;
using Timeline.Api.Features.Editing;

namespace Timeline.Api.Features.Timelines.PatchTimeline;

public sealed class PatchTimelineEndpoint(TimelineDbContext db, EditSession edit) : PatchEndpoint<LoadedTimeline, TimelineWriteRequest, TimelineResponse>(edit)
{
    protected override EditTarget<LoadedTimeline, TimelineWriteRequest> Target => TimelineEditor.Edits(db);
}
