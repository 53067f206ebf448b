using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Commitments.GetCommitment;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Commitments.ReplaceCommitment;

public sealed class ReplaceCommitmentEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : ReplaceEndpoint<Represented<Commitment>, CommitmentWriteRequest, CommitmentResponse>(edit)
{
    protected override EditTarget<Represented<Commitment>, CommitmentWriteRequest> Target => CommitmentEditor.Edits(db, search);
}
