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
        var response = await CommitmentDetails.LoadAsync(db, req.Slug, req.AsOf, ct);
        if (response is null)
        {
            await Send.ResultAsync(Problems.NotFound("commitment", req.Slug));
            return;
        }

        HttpContext.Response.Headers.ETag = ETags.Of(response);
        await Send.OkAsync(response, ct);
    }
}

/// <summary>Loads a commitment's full representation: for GET, and (without asOf) for the ETag writes check.</summary>
public static class CommitmentDetails
{
    public static async Task<CommitmentResponse?> LoadAsync(TimelineDbContext db, string slug, string? asOf, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var summary = await db.Commitments.AsNoTracking().Where(c => c.Slug == slug)
            .WithStatusAsOf(DateQuery.AsOf(asOf))
            .Select(CommitmentSummaryResponse.Projection)
            .AsSplitQuery()
            .SingleOrDefaultAsync(ct);
        if (summary is null)
            return null;

        var history = await db.HistoryOf(slug).Select(AssessmentResponse.Projection).AsSplitQuery().ToListAsync(ct);
        return new CommitmentResponse
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
        };
    }
}
