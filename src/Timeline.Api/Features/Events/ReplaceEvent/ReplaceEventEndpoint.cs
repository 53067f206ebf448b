using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Features.Editing;
using Timeline.Api.Features.Events.GetEvent;

namespace Timeline.Api.Features.Events.ReplaceEvent;

public sealed class ReplaceEventEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : ReplaceEndpoint<LoadedEvent, EventWriteRequest, EventResponse>(edit)
{
    protected override EditTarget<LoadedEvent, EventWriteRequest> Target => EventEditor.Edits(db, search);
}
