using Timeline.Api.Domain;
using Timeline.Api.Features.Events.GetEvent;
using Timeline.Api.Infrastructure.Writes;

namespace Timeline.Api.Features.Events.CreateEvent;

public sealed class CreateEventEndpoint(ResourceWrites writes) : CreateResourceEndpoint<Event, EventWriteRequest, EventResponse>(writes, EventEditor.Instance)
{
    public override void Configure() =>
        ConfigureCreate("/events", "createEvent", "Create an event", "Adds a dated event to one or more timelines, with its actors, tags, related events and sources.");
}
