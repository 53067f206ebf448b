using Timeline.Api.Domain;
using Timeline.Api.Features.Events.GetEvent;
using Timeline.Api.Infrastructure.Writes;

namespace Timeline.Api.Features.Events.ReplaceEvent;

public sealed class ReplaceEventEndpoint(ResourceWrites writes) : ReplaceResourceEndpoint<Event, EventWriteRequest, EventResponse>(writes, EventEditor.Instance)
{
    public override void Configure() =>
        ConfigureReplace("/events/{slug}", "replaceEvent", "Replace an event", "Replaces every field of the event.");
}
