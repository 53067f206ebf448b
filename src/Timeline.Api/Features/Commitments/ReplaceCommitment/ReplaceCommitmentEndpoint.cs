using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Commitments.GetCommitment;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Features.Commitments.ReplaceCommitment;

public sealed class ReplaceCommitmentEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : Endpoint<CommitmentWriteRequest, CommitmentResponse>
{
    public override void Configure()
    {
        Put("/commitments/{slug}");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<CommitmentResponse>(WriteKind.Replace, "replaceCommitment"));
        Summary(s =>
        {
            s.Summary = "Replace a commitment";
            s.Description = WriteDescriptions.Explain(WriteKind.Replace, "Replaces every field of the commitment.");
        });
    }

    public override async Task HandleAsync(CommitmentWriteRequest req, CancellationToken ct) => await Send.ResultAsync(await ReplaceAsync(Route<string>("slug")!, req, ct));

    private async Task<IResult> ReplaceAsync(string slug, CommitmentWriteRequest req, CancellationToken ct)
    {
        var current = await CommitmentEditor.LoadForChangeAsync(db, slug, ct);
        if (edit.Precondition(CommitmentEditor.ResourceType, slug, current?.Representation) is { } refused)
            return refused;
        var commitment = current!.Entity;
        var before = CommitmentEditor.ToWrite(commitment);
        if (await CommitmentEditor.ApplyAsync(db, commitment, req, ct) is { Count: > 0 } failures)
            return EditSession.Invalid(failures);
        edit.Log(ChangeOperation.Update, commitment, CommitmentEditor.ResourceType, slug, CommitmentEditor.TimelinesOf(commitment), before, CommitmentEditor.ToWrite(commitment));
        return await edit.SaveAsync(ct, keepCopies: t => CommitmentEditor.KeepCopiesAsync(db, search, commitment, t))
            ?? await edit.CommitAsync(Representation.Of(CommitmentEditor.Represent(commitment, DateOnly.MaxValue)), ct);
    }
}
