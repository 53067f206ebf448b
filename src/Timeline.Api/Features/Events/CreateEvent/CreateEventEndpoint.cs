using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Features.Editing;
using Timeline.Api.Features.Events.GetEvent;

namespace Timeline.Api.Features.Events.CreateEvent;

public sealed class CreateEventEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : CreateEndpoint<LoadedEvent, EventWriteRequest, EventResponse>(edit)
{
    protected override EditTarget<LoadedEvent, EventWriteRequest> Target => EventEditor.Edits(db, search);

    protected override string Explanation =>
        "Adds a dated event to one or more timelines, with its actors, tags, related events and sources.";
}
