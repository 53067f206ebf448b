using Timeline.Api.Domain;
using Timeline.Api.Features.Commitments.GetCommitment;
using Timeline.Api.Infrastructure.Writes;

namespace Timeline.Api.Features.Commitments.ReplaceCommitment;

public sealed class ReplaceCommitmentEndpoint(ResourceWrites writes)
    : ReplaceResourceEndpoint<Commitment, CommitmentWriteRequest, CommitmentResponse>(writes, CommitmentEditor.Instance)
{
    public override void Configure() =>
        ConfigureReplace("/commitments/{slug}", "replaceCommitment", "Replace a commitment", "Replaces every field of the commitment.");
}
