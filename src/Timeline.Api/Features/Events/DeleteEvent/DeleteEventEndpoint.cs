using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Features.Editing;

namespace Timeline.Api.Features.Events.DeleteEvent;

public sealed class DeleteEventEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : DeleteEndpoint<LoadedEvent, EventWriteRequest>(edit)
{
    protected override EditTarget<LoadedEvent, EventWriteRequest> Target => EventEditor.Edits(db, search);

    protected override string Explanation => "Deletes the event; refused while commitments, quotes or other events refer to it.";
}
