using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Actors.PutActorTranslation;

/// <summary><c>PUT /actors/{slug}/translations/{lang}</c>: the actor's texts in one language (see <see cref="TranslationWrites"/>).</summary>
public sealed class PutActorTranslationEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : PutTranslationEndpoint<Represented<Actor>, ActorResponse>(edit)
{
    protected override TranslationTarget<Represented<Actor>> Target => ActorEditor.Translations(db, search);
}
