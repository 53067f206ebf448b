using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Sources.DeleteSourceTranslation;

/// <summary><c>DELETE /sources/{id}/translations/{lang}</c>: removes the source's title in one language (see <see cref="TranslationWrites"/>).</summary>
public sealed class DeleteSourceTranslationEndpoint(TimelineDbContext db, EditSession edit) : DeleteTranslationEndpoint<Represented<Source>>(edit)
{
    protected override TranslationTarget<Represented<Source>> Target => SourceEditor.Translations(db);
}
