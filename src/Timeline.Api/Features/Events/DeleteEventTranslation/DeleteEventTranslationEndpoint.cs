using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Features.Editing;

namespace Timeline.Api.Features.Events.DeleteEventTranslation;

/// <summary><c>DELETE /events/{slug}/translations/{lang}</c>: removes the event's texts in one language (see <see cref="TranslationWrites"/>).</summary>
public sealed class DeleteEventTranslationEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : DeleteTranslationEndpoint<LoadedEvent>(edit)
{
    protected override TranslationTarget<LoadedEvent> Target => EventEditor.Translations(db, search);
}
