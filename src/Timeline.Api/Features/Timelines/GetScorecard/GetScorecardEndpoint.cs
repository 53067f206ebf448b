using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Data.Queries;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Timelines.GetScorecard;

public sealed class GetScorecardRequest
{
    public string Slug { get; set; } = "";

    /// <summary>Count statuses as recorded up to this EDTF date; without it, the current statuses.</summary>
    [QueryParam]
    public EdtfDate? AsOf { get; set; }
}

/// <summary>How a timeline's commitments stand: counts by status, overall and per category.</summary>
public sealed class ScorecardResponse
{
    public required string Timeline { get; init; }

    /// <summary>The <c>asOf</c> asked for; null for the current statuses.</summary>
    public string? AsOf { get; init; }
    public required int Total { get; init; }

    /// <summary>Headline, e.g. "0 of 15 commitments materialised".</summary>
    public required string Headline { get; init; }

    /// <summary>Count per status (every status is present, zero included).</summary>
    public required IReadOnlyDictionary<string, int> ByStatus { get; init; }

    /// <summary>Commitments with nothing recorded by the <c>asOf</c> day (not yet made then).</summary>
    public required int Unassessed { get; init; }
    public required IReadOnlyList<CategoryScoreResponse> ByCategory { get; init; }
    public required IReadOnlyList<ScorecardCommitmentResponse> Commitments { get; init; }
}

public sealed class CategoryScoreResponse
{
    public required CommitmentCategory Category { get; init; }
    public required int Total { get; init; }
    public required IReadOnlyDictionary<string, int> ByStatus { get; init; }
}

public sealed class ScorecardCommitmentResponse
{
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public required CommitmentCategory Category { get; init; }
    public CommitmentStatus? Status { get; init; }
    public DateResponse? StatusDate { get; init; }
}

public sealed class GetScorecardEndpoint(TimelineDbContext db) : Endpoint<GetScorecardRequest, ScorecardResponse>
{
    public override void Configure()
    {
        Get("/timelines/{slug}/scorecard");
        AllowAnonymous();
        Description(d => d.WithName("getScorecard")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound));
        Summary(s =>
        {
            s.Summary = "Get a timeline's scorecard";
            s.Description = "Counts of the timeline's commitments by status and by category, today or as recorded up to `asOf`.";
        });
    }

    public override async Task HandleAsync(GetScorecardRequest req, CancellationToken ct)
    {
        if (!await db.Timelines.AnyAsync(t => t.Slug == req.Slug, ct))
        {
            await Send.ResultAsync(Problems.NotFound("timeline", req.Slug));
            return;
        }

        var rows = await db.Commitments.AsNoTracking().InTimeline(req.Slug)
            .WithStatusAsOf(DateQuery.AsOf(req.AsOf))
            .OrderBy(r => r.Commitment.Id)
            .Select(r => new { r.Commitment.Slug, r.Commitment.Title, r.Commitment.Category, r.Status, r.StatusDate })
            .ToListAsync(ct);

        var materialised = rows.Count(r => r.Status == CommitmentStatus.Materialised);
        await Send.OkAsync(new ScorecardResponse
        {
            Timeline = req.Slug,
            AsOf = req.AsOf?.Text,
            Total = rows.Count,
            Headline = $"{materialised} of {rows.Count} commitments materialised",
            ByStatus = CountByStatus(rows.Select(r => r.Status)),
            Unassessed = rows.Count(r => r.Status is null),
            ByCategory = [.. rows.GroupBy(r => r.Category).OrderBy(g => g.Key).Select(g => new CategoryScoreResponse
            {
                Category = g.Key,
                Total = g.Count(),
                ByStatus = CountByStatus(g.Select(r => r.Status)),
            })],
            Commitments = [.. rows.Select(r => new ScorecardCommitmentResponse
            {
                Slug = r.Slug,
                Title = r.Title,
                Category = r.Category,
                Status = r.Status,
                StatusDate = DateResponse.FromOptional(r.StatusDate),
            })],
        }, ct);
    }

    private static Dictionary<string, int> CountByStatus(IEnumerable<CommitmentStatus?> statuses)
    {
        var counts = Enum.GetValues<CommitmentStatus>().ToDictionary(Kebab.ToValue, _ => 0, StringComparer.Ordinal);
        foreach (var status in statuses.OfType<CommitmentStatus>())
            counts[Kebab.ToValue(status)]++;
        return counts;
    }
}
