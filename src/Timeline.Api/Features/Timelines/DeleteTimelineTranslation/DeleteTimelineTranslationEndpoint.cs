using Timeline.Api.Data;
using Timeline.Api.Features.Editing;

namespace Timeline.Api.Features.Timelines.DeleteTimelineTranslation;

/// <summary><c>DELETE /timelines/{slug}/translations/{lang}</c>: removes the timeline's texts in one language (see <see cref="TranslationWrites"/>).</summary>
public sealed class DeleteTimelineTranslationEndpoint(TimelineDbContext db, EditSession edit) : DeleteTranslationEndpoint<LoadedTimeline>(edit)
{
    protected override TranslationTarget<LoadedTimeline> Target => TimelineEditor.Translations(db);
}
