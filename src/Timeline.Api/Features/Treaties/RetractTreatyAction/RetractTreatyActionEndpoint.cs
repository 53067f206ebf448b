using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;

namespace Timeline.Api.Features.Treaties.RetractTreatyAction;

/// <summary><c>POST /treaties/{slug}/actions/{id}/retraction</c>, in the steps of <see cref="RecordEdits.RetractAsync"/>.</summary>
public sealed class RetractTreatyActionEndpoint(TimelineDbContext db, EditSession edit) : RetractEndpoint<Treaty, TreatyAction, TreatyActionResponse>(edit)
{
    protected override AppendOnlyRecord<Treaty, TreatyAction> Record => TreatyEditor.Record(db);

    protected override string Route => "/treaties/{slug}/actions/{id}/retraction";

    protected override string OperationId => "retractTreatyAction";

    protected override string Explanation =>
        "Withdraws an action: it stays in the record, marked retracted with the reason, and no longer counts for statuses or force. "
        + "A second retraction of the same action is a 409.";
}
