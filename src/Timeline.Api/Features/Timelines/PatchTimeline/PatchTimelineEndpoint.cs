using Timeline.Api.Domain;
using Timeline.Api.Infrastructure.Writes;

namespace Timeline.Api.Features.Timelines.PatchTimeline;

public sealed class PatchTimelineEndpoint(ResourceWrites writes)
    : PatchResourceEndpoint<TimelineStory, TimelineWriteRequest, TimelineResponse>(writes, TimelineEditor.Instance, TimelineWriteValidator.Instance)
{
    public override void Configure() =>
        ConfigurePatch("/timelines/{slug}", "patchTimeline", "Change a timeline", "Changes some fields of the timeline.");
}
