using Timeline.Api.Domain;
using Timeline.Api.Infrastructure.Writes;

namespace Timeline.Api.Features.Timelines.CreateTimeline;

public sealed class CreateTimelineEndpoint(ResourceWrites writes)
    : CreateResourceEndpoint<TimelineStory, TimelineWriteRequest, TimelineResponse>(writes, TimelineEditor.Instance)
{
    public override void Configure() =>
        ConfigureCreate("/timelines", "createTimeline", "Create a timeline", "Adds a timeline (a story) that events, commitments and quotes can belong to.");
}
