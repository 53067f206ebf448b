using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Data.Queries;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Commitments.GetCommitmentHistory;

public sealed class GetCommitmentHistoryRequest
{
    public string Slug { get; set; } = "";
}

/// <summary>A commitment's status history, oldest first. Histories are short, so they come whole.</summary>
public sealed class CommitmentHistoryResponse
{
    public required string Commitment { get; init; }
    public required IReadOnlyList<AssessmentResponse> Items { get; init; }
}

public sealed class GetCommitmentHistoryEndpoint(TimelineDbContext db) : Endpoint<GetCommitmentHistoryRequest, CommitmentHistoryResponse>
{
    public override void Configure()
    {
        Get("/commitments/{slug}/history");
        AllowAnonymous();
        Description(d => d.WithName("getCommitmentHistory").ProducesProblem(StatusCodes.Status404NotFound));
        Summary(s =>
        {
            s.Summary = "Get a commitment's status history";
            s.Description = "Every assessment of the commitment, oldest first, each dated and sourced. Nothing is ever overwritten.";
        });
    }

    public override async Task HandleAsync(GetCommitmentHistoryRequest req, CancellationToken ct)
    {
        if (!await db.Commitments.AnyAsync(c => c.Slug == req.Slug, ct))
        {
            await Send.ResultAsync(Problems.NotFound("commitment", req.Slug));
            return;
        }

        var items = await db.HistoryOf(req.Slug).Select(AssessmentResponse.Projection).AsSplitQuery().ToListAsync(ct);
        await Send.OkAsync(new CommitmentHistoryResponse { Commitment = req.Slug, Items = items }, ct);
    }
}
