using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Actors.DeleteActorTranslation;

/// <summary><c>DELETE /actors/{slug}/translations/{lang}</c>: removes the actor's texts in one language (see <see cref="TranslationWrites"/>).</summary>
public sealed class DeleteActorTranslationEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : DeleteTranslationEndpoint<Represented<Actor>>(edit)
{
    protected override TranslationTarget<Represented<Actor>> Target => ActorEditor.Translations(db, search);
}
