using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Features.Commitments.GetCommitment;
using Timeline.Api.Features.Editing;

namespace Timeline.Api.Features.Commitments.PutAssessmentTranslation;

/// <summary><c>PUT /commitments/{slug}/assessments/{id}/translations/{lang}</c>: an assessment's summary in one language (see <see cref="TranslationWrites"/>).</summary>
public sealed class PutAssessmentTranslationEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : PutTranslationEndpoint<AssessedCommitment, CommitmentResponse>(edit)
{
    protected override TranslationTarget<AssessedCommitment> Target => CommitmentEditor.AssessmentTranslations(db, search);
}
