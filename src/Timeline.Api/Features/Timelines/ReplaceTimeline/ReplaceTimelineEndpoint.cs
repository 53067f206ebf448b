using Timeline.Api.Domain;
using Timeline.Api.Infrastructure.Writes;

namespace Timeline.Api.Features.Timelines.ReplaceTimeline;

public sealed class ReplaceTimelineEndpoint(ResourceWrites writes)
    : ReplaceResourceEndpoint<TimelineStory, TimelineWriteRequest, TimelineResponse>(writes, TimelineEditor.Instance)
{
    public override void Configure() =>
        ConfigureReplace("/timelines/{slug}", "replaceTimeline", "Replace a timeline", "Replaces every field of the timeline.");
}
