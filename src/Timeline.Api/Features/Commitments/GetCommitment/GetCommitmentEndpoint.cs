using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
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

    /// <summary>The treaties (agreements, charters...) that made or restated it; their records are at /treaties/{slug}.</summary>
    public required IReadOnlyList<TreatyRefResponse> Treaties { get; init; }
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
        var commitment = await CommitmentEditor.LoadAsync(db.Commitments.AsNoTracking(), req.Slug, DateQuery.AsOf(req.AsOf), ct);
        await Send.ResultAsync(commitment is null ? Problems.NotFound("commitment", req.Slug) : commitment.Representation);
    }
}
