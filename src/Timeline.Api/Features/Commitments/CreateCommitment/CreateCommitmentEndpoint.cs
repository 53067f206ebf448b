using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Commitments.GetCommitment;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Features.Commitments.CreateCommitment;

public sealed class CreateCommitmentEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : Endpoint<CommitmentWriteRequest, CommitmentResponse>
{
    public override void Configure()
    {
        Post("/commitments");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<CommitmentResponse>(WriteKind.Create, "createCommitment"));
        Summary(s =>
        {
            s.Summary = "Create a commitment";
            s.Description = WriteDescriptions.Explain(WriteKind.Create,
                "Adds a commitment made in an event; record its status with POST /commitments/{slug}/assessments.");
        });
    }

    public override async Task HandleAsync(CommitmentWriteRequest req, CancellationToken ct) => await Send.ResultAsync(await CreateAsync(req, ct));

    private async Task<IResult> CreateAsync(CommitmentWriteRequest req, CancellationToken ct)
    {
        if (await CommitmentEditor.SlugTakenAsync(db, req.Slug, ct))
            return Problems.KeyTaken(CommitmentEditor.ResourceType, req.Slug);
        var created = new Commitment { Slug = req.Slug, Title = req.Title };
        if (await CommitmentEditor.ApplyAsync(db, created, req, ct) is { Count: > 0 } failures)
            return EditSession.Invalid(failures);
        db.Commitments.Add(created);
        edit.Log(ChangeOperation.Create, created, CommitmentEditor.ResourceType, created.Slug, CommitmentEditor.TimelinesOf(created), null, CommitmentEditor.ToWrite(created));
        return await edit.SaveAsync(ct, keepCopies: t => CommitmentEditor.KeepCopiesAsync(db, search, created, t))
            ?? await edit.CommitAsync(Representation.Of(CommitmentEditor.Represent(created, DateOnly.MaxValue), StatusCodes.Status201Created,
                CommitmentEditor.PathOf(created.Slug)), ct);
    }
}
