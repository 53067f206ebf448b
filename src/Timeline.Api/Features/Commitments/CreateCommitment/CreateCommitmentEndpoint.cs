using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Commitments.GetCommitment;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Commitments.CreateCommitment;

public sealed class CreateCommitmentEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : CreateEndpoint<Represented<Commitment>, CommitmentWriteRequest, CommitmentResponse>(edit)
{
    protected override EditTarget<Represented<Commitment>, CommitmentWriteRequest> Target => CommitmentEditor.Edits(db, search);

    protected override string Explanation =>
        "Adds a commitment made in an event; record its status with POST /commitments/{slug}/assessments.";
}
