using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Features.Editing;
using Timeline.Api.Features.Events.GetEvent;

namespace Timeline.Api.Features.Events.PutEventTranslation;

/// <summary><c>PUT /events/{slug}/translations/{lang}</c>: the event's texts in one language (see <see cref="TranslationWrites"/>).</summary>
public sealed class PutEventTranslationEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : PutTranslationEndpoint<LoadedEvent, EventResponse>(edit)
{
    protected override TranslationTarget<LoadedEvent> Target => EventEditor.Translations(db, search);
}
