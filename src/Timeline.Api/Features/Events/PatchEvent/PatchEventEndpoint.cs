using Timeline.Api.Domain;
using Timeline.Api.Features.Events.GetEvent;
using Timeline.Api.Infrastructure.Writes;

namespace Timeline.Api.Features.Events.PatchEvent;

public sealed class PatchEventEndpoint(ResourceWrites writes)
    : PatchResourceEndpoint<Event, EventWriteRequest, EventResponse>(writes, EventEditor.Instance, EventWriteValidator.Instance)
{
    public override void Configure() =>
        ConfigurePatch("/events/{slug}", "patchEvent", "Change an event", "Changes some fields of the event.");
}
