using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Commitments.DeleteCommitment;

public sealed class DeleteCommitmentEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : DeleteEndpoint<Represented<Commitment>, CommitmentWriteRequest>(edit)
{
    protected override EditTarget<Represented<Commitment>, CommitmentWriteRequest> Target => CommitmentEditor.Edits(db, search);

    protected override string Explanation => "Deletes the commitment and hides its history from reads (the change log keeps both).";
}
