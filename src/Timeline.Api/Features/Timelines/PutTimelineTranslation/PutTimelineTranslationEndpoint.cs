using Timeline.Api.Data;
using Timeline.Api.Features.Editing;

namespace Timeline.Api.Features.Timelines.PutTimelineTranslation;

/// <summary><c>PUT /timelines/{slug}/translations/{lang}</c>: the timeline's texts in one language (see <see cref="TranslationWrites"/>).</summary>
public sealed class PutTimelineTranslationEndpoint(TimelineDbContext db, EditSession edit) : PutTranslationEndpoint<LoadedTimeline, TimelineResponse>(edit)
{
    protected override TranslationTarget<LoadedTimeline> Target => TimelineEditor.Translations(db);
}
