using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Data.Queries;
using Timeline.Api.Features.Common;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Commitments.GetCommitment;

public sealed class GetCommitmentRequest
{
    public string Slug { get; set; } = "";

    /// <summary>Report the status as recorded up to this EDTF date; without it, the current status.</summary>
    [QueryParam]
    public string? AsOf { get; set; }
}

public sealed class GetCommitmentValidator : Validator<GetCommitmentRequest>
{
    public GetCommitmentValidator() => RuleFor(r => r.AsOf).MustBeEdtf();
}

/// <summary>A commitment with its whole status history, oldest first.</summary>
public sealed class CommitmentResponse : CommitmentSummaryResponse
{
    public required IReadOnlyList<AssessmentResponse> History { get; init; }
}

public sealed class GetCommitmentEndpoint(TimelineDbContext db) : Endpoint<GetCommitmentRequest, CommitmentResponse>
{
    public override void Configure()
    {
        Get("/commitments/{slug}");
        AllowAnonymous();
        Description(d => d.WithName("getCommitment")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound));
        Summary(s =>
        {
            s.Summary = "Get a commitment";
            s.Description = "A commitment, its status (today or as of `asOf`) and its full, sourced status history.";
        });
    }

    public override async Task HandleAsync(GetCommitmentRequest req, CancellationToken ct)
    {
        var summary = await db.Commitments.AsNoTracking().Where(c => c.Slug == req.Slug)
            .WithStatusAsOf(DateQuery.AsOf(req.AsOf))
            .Select(CommitmentSummaryResponse.Projection)
            .AsSplitQuery()
            .SingleOrDefaultAsync(ct);
        if (summary is null)
        {
            await Send.ResultAsync(Problems.NotFound("commitment", req.Slug));
            return;
        }

        var history = await db.HistoryOf(req.Slug).Select(AssessmentResponse.Projection).AsSplitQuery().ToListAsync(ct);
        await Send.OkAsync(new CommitmentResponse
        {
            Slug = summary.Slug,
            Title = summary.Title,
            Description = summary.Description,
            Category = summary.Category,
            Parties = summary.Parties,
            MadeIn = summary.MadeIn,
            Due = summary.Due,
            Status = summary.Status,
            StatusDate = summary.StatusDate,
            Timelines = summary.Timelines,
            History = history,
        }, ct);
    }
}
