using Timeline.Api.Domain;
using Timeline.Api.Infrastructure.Writes;

namespace Timeline.Api.Features.Timelines.DeleteTimeline;

public sealed class DeleteTimelineEndpoint(ResourceWrites writes)
    : DeleteResourceEndpoint<TimelineStory, TimelineWriteRequest, TimelineResponse>(writes, TimelineEditor.Instance)
{
    public override void Configure() =>
        ConfigureDelete("/timelines/{slug}", "deleteTimeline", "Delete a timeline", "Deletes the timeline; refused while events, commitments or quotes belong to it.");
}
