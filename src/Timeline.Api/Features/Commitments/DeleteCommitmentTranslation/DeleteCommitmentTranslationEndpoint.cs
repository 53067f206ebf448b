using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Commitments.DeleteCommitmentTranslation;

/// <summary><c>DELETE /commitments/{slug}/translations/{lang}</c>: removes the commitment's texts in one language (see <see cref="TranslationWrites"/>).</summary>
public sealed class DeleteCommitmentTranslationEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : DeleteTranslationEndpoint<Represented<Commitment>>(edit)
{
    protected override TranslationTarget<Represented<Commitment>> Target => CommitmentEditor.Translations(db, search);
}
