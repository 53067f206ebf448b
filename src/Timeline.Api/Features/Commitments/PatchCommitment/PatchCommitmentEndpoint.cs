using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Commitments.GetCommitment;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Features.Commitments.PatchCommitment;

public sealed class PatchCommitmentEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : EndpointWithoutRequest<CommitmentResponse>
{
    public override void Configure()
    {
        Patch("/commitments/{slug}");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<CommitmentResponse>(WriteKind.Patch, "patchCommitment", patchOf: typeof(CommitmentWriteRequest)));
        Summary(s =>
        {
            s.Summary = "Change a commitment";
            s.Description = WriteDescriptions.Explain(WriteKind.Patch, "Changes some fields of the commitment.");
        });
    }

    public override async Task HandleAsync(CancellationToken ct) => await Send.ResultAsync(await PatchAsync(Route<string>("slug")!, ct));

    private async Task<IResult> PatchAsync(string slug, CancellationToken ct)
    {
        var current = await CommitmentEditor.LoadForChangeAsync(db, slug, ct);
        if (edit.Precondition(CommitmentEditor.ResourceType, slug, current?.Representation) is { } refused)
            return refused;
        var commitment = current!.Entity;
        var before = CommitmentEditor.ToWrite(commitment);
        var (write, invalid) = await edit.MergeAsync(before, CommitmentWriteValidator.Instance, ct);
        if (write is null)
            return invalid!;
        if (await CommitmentEditor.ApplyAsync(db, commitment, write, ct) is { Count: > 0 } failures)
            return EditSession.Invalid(failures);
        edit.Log(ChangeOperation.Update, commitment, CommitmentEditor.ResourceType, slug, CommitmentEditor.TimelinesOf(commitment), before, CommitmentEditor.ToWrite(commitment));
        return await edit.SaveAsync(ct, keepCopies: t => CommitmentEditor.KeepCopiesAsync(db, search, commitment, t))
            ?? await edit.CommitAsync(Representation.Of(CommitmentEditor.Represent(commitment, DateOnly.MaxValue)), ct);
    }
}
