using Timeline.Api.Data;
using Timeline.Api.Features.Editing;

namespace Timeline.Api.Features.Timelines.ReplaceTimeline;

public sealed class ReplaceTimelineEndpoint(TimelineDbContext db, EditSession edit) : ReplaceEndpoint<LoadedTimeline, TimelineWriteRequest, TimelineResponse>(edit)
{
    protected override EditTarget<LoadedTimeline, TimelineWriteRequest> Target => TimelineEditor.Edits(db);
}
