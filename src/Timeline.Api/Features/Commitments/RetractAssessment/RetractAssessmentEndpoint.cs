using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;

namespace Timeline.Api.Features.Commitments.RetractAssessment;

/// <summary><c>POST /commitments/{slug}/assessments/{id}/retraction</c>, in the steps of <see cref="RecordEdits.RetractAsync"/>.</summary>
public sealed class RetractAssessmentEndpoint(TimelineDbContext db, EditSession edit) : RetractEndpoint<Commitment, Assessment, AssessmentResponse>(edit)
{
    protected override AppendOnlyRecord<Commitment, Assessment> Record => CommitmentEditor.History(db);

    protected override string Route => "/commitments/{slug}/assessments/{id}/retraction";

    protected override string OperationId => "retractAssessment";

    protected override string Explanation =>
        "Withdraws an assessment: it stays in the history, marked retracted with the reason, and no longer counts for the status. "
        + "A second retraction of the same assessment is a 409.";
}
