using Timeline.Api.Data;
using Timeline.Api.Features.Editing;

namespace Timeline.Api.Features.Timelines.CreateTimeline;

public sealed class CreateTimelineEndpoint(TimelineDbContext db, EditSession edit) : CreateEndpoint<LoadedTimeline, TimelineWriteRequest, TimelineResponse>(edit)
{
    protected override EditTarget<LoadedTimeline, TimelineWriteRequest> Target => TimelineEditor.Edits(db);

    protected override string Explanation => "Adds a timeline (a story) that events, commitments and quotes can belong to.";
}
