using Timeline.Api.Domain;
using Timeline.Api.Features.Events.GetEvent;
using Timeline.Api.Infrastructure.Writes;

namespace Timeline.Api.Features.Events.DeleteEvent;

public sealed class DeleteEventEndpoint(ResourceWrites writes) : DeleteResourceEndpoint<Event, EventWriteRequest, EventResponse>(writes, EventEditor.Instance)
{
    public override void Configure() =>
        ConfigureDelete("/events/{slug}", "deleteEvent", "Delete an event", "Deletes the event; refused while commitments, quotes or other events refer to it.");
}
