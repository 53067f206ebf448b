using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Features.Editing;
using Timeline.Api.Features.Events.GetEvent;

namespace Timeline.Api.Features.Events.PatchEvent;

/// <summary>
/// <c>PATCH /events/{slug}</c>, in the steps of <see cref="PatchEndpoint{TLoaded, TWrite, TResponse}"/> with what <see cref="EventEditor.Edits"/>
/// says of events: load the event (two queries) → check <c>If-Match</c> against its
/// representation's ETag → merge the patch into its write representation and validate it → apply it, resolving new
/// references → log the change → save (412 if another write won) → refresh its search row → commit, evict cached reads
/// and answer with the new representation, built from what was loaded and changed.
/// </summary>
public sealed class PatchEventEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : PatchEndpoint<LoadedEvent, EventWriteRequest, EventResponse>(edit)
{
    protected override EditTarget<LoadedEvent, EventWriteRequest> Target => EventEditor.Edits(db, search);
}
