using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Features.Commitments.DeleteCommitment;

public sealed class DeleteCommitmentEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Delete("/commitments/{slug}");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<object>(WriteKind.Delete, "deleteCommitment"));
        Summary(s =>
        {
            s.Summary = "Delete a commitment";
            s.Description = WriteDescriptions.Explain(WriteKind.Delete, "Deletes the commitment and hides its history from reads (the change log keeps both).");
        });
    }

    public override async Task HandleAsync(CancellationToken ct) => await Send.ResultAsync(await DeleteAsync(Route<string>("slug")!, ct));

    private async Task<IResult> DeleteAsync(string slug, CancellationToken ct)
    {
        var current = await CommitmentEditor.LoadForChangeAsync(db, slug, ct);
        if (edit.Precondition(CommitmentEditor.ResourceType, slug, current?.Representation) is { } refused)
            return refused;
        var commitment = current!.Entity;
        if (await CommitmentEditor.BlockingReferenceAsync(db, commitment, ct) is { } reference)
            return Problems.Conflict($"The commitment '{slug}' is still referred to by {reference}; change that first.");
        edit.Log(ChangeOperation.Delete, commitment, CommitmentEditor.ResourceType, slug, CommitmentEditor.TimelinesOf(commitment), CommitmentEditor.ToWrite(commitment), null);
        return await edit.SaveAsync(ct, keepCopies: t => CommitmentEditor.KeepCopiesAsync(db, search, commitment, t))
            ?? await edit.CommitAsync(Results.NoContent(), ct);
    }
}
