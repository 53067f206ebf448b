using Timeline.Api.Domain;
using Timeline.Api.Features.Commitments.GetCommitment;
using Timeline.Api.Infrastructure.Writes;

namespace Timeline.Api.Features.Commitments.DeleteCommitment;

public sealed class DeleteCommitmentEndpoint(ResourceWrites writes)
    : DeleteResourceEndpoint<Commitment, CommitmentWriteRequest, CommitmentResponse>(writes, CommitmentEditor.Instance)
{
    public override void Configure() =>
        ConfigureDelete("/commitments/{slug}", "deleteCommitment", "Delete a commitment", "Deletes the commitment and hides its history from reads (the change log keeps both).");
}
