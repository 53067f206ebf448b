using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Sources.PutSourceTranslation;

/// <summary><c>PUT /sources/{id}/translations/{lang}</c>: the source's title in one language (see <see cref="TranslationWrites"/>).</summary>
public sealed class PutSourceTranslationEndpoint(TimelineDbContext db, EditSession edit) : PutTranslationEndpoint<Represented<Source>, SourceDetailResponse>(edit)
{
    protected override TranslationTarget<Represented<Source>> Target => SourceEditor.Translations(db);
}
