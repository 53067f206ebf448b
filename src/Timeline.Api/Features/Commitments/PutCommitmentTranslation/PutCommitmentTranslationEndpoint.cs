using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Commitments.GetCommitment;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Commitments.PutCommitmentTranslation;

/// <summary><c>PUT /commitments/{slug}/translations/{lang}</c>: the commitment's texts in one language (see <see cref="TranslationWrites"/>).</summary>
public sealed class PutCommitmentTranslationEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : PutTranslationEndpoint<Represented<Commitment>, CommitmentResponse>(edit)
{
    protected override TranslationTarget<Represented<Commitment>> Target => CommitmentEditor.Translations(db, search);
}
