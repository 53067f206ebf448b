using Timeline.Api.Domain;
using Timeline.Api.Features.Commitments.GetCommitment;
using Timeline.Api.Infrastructure.Writes;

namespace Timeline.Api.Features.Commitments.PatchCommitment;

public sealed class PatchCommitmentEndpoint(ResourceWrites writes)
    : PatchResourceEndpoint<Commitment, CommitmentWriteRequest, CommitmentResponse>(writes, CommitmentEditor.Instance, CommitmentWriteValidator.Instance)
{
    public override void Configure() =>
        ConfigurePatch("/commitments/{slug}", "patchCommitment", "Change a commitment", "Changes some fields of the commitment.");
}
