using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Features.Editing;

namespace Timeline.Api.Features.Commitments.DeleteAssessmentTranslation;

/// <summary><c>DELETE /commitments/{slug}/assessments/{id}/translations/{lang}</c>: removes an assessment's summary in one language (see <see cref="TranslationWrites"/>).</summary>
public sealed class DeleteAssessmentTranslationEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : DeleteTranslationEndpoint<AssessedCommitment>(edit)
{
    protected override TranslationTarget<AssessedCommitment> Target => CommitmentEditor.AssessmentTranslations(db, search);
}
