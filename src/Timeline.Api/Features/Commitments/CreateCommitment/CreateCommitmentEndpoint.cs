using Timeline.Api.Domain;
using Timeline.Api.Features.Commitments.GetCommitment;
using Timeline.Api.Infrastructure.Writes;

namespace Timeline.Api.Features.Commitments.CreateCommitment;

public sealed class CreateCommitmentEndpoint(ResourceWrites writes)
    : CreateResourceEndpoint<Commitment, CommitmentWriteRequest, CommitmentResponse>(writes, CommitmentEditor.Instance)
{
    public override void Configure() =>
        ConfigureCreate("/commitments", "createCommitment", "Create a commitment", "Adds a commitment made in an event; record its status with POST /commitments/{slug}/assessments.");
}
