using System.Globalization;
using System.Text.Json.Nodes;
using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;
using Timeline.Api.Infrastructure.Writes;

namespace Timeline.Api.Features.Commitments.RetractAssessment;

/// <summary>Why an assessment is withdrawn; the retraction is recorded, nothing is erased.</summary>
public sealed class RetractAssessmentRequest
{
    public string Slug { get; set; } = "";
    public long Id { get; set; }

    /// <summary>Shown to readers beside the retracted assessment.</summary>
    public string Reason { get; set; } = "";
}

public sealed class RetractAssessmentValidator : Validator<RetractAssessmentRequest>
{
    public RetractAssessmentValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(2000);
}

public sealed class RetractAssessmentEndpoint(TimelineDbContext db, ResourceWrites writes, TimeProvider clock)
    : Endpoint<RetractAssessmentRequest, AssessmentResponse>
{
    public override void Configure()
    {
        Post("/commitments/{slug}/assessments/{id}/retraction");
        Roles(ApiKeyAuthenticationHandler.Admin);
        Description(d => d.DescribeWrite("retractAssessment", 400, 404, 409, 413, 415));
        Summary(s =>
        {
            s.Summary = "Retract an assessment (admin)";
            s.Description = "Withdraws an assessment: it stays in the history, marked retracted with the reason, and no longer counts for the status.";
        });
    }

    public override async Task HandleAsync(RetractAssessmentRequest req, CancellationToken ct)
    {
        var commitment = await db.Commitments.Include(c => c.Timelines).SingleOrDefaultAsync(c => c.Slug == req.Slug, ct);
        var assessment = commitment is null ? null
            : await db.Assessments.SingleOrDefaultAsync(a => a.Id == req.Id && a.CommitmentId == commitment.Id, ct);
        if (commitment is null || assessment is null)
        {
            await Send.ResultAsync(Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found",
                detail: $"The commitment '{req.Slug}' has no assessment {req.Id}."));
            return;
        }

        if (assessment.RetractedAt is not null)
        {
            await Send.ResultAsync(Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                detail: $"Assessment {req.Id} was already retracted."));
            return;
        }

        var now = clock.GetUtcNow();
        assessment.RetractedAt = now;
        assessment.RetractedBy = User.Identity!.Name;
        assessment.RetractionReason = req.Reason;
        commitment.Version++;
        commitment.UpdatedAt = now;
        writes.Log(ChangeOperation.Retract, "assessment", $"{commitment.Slug}/{assessment.Id.ToString(CultureInfo.InvariantCulture)}",
            commitment.Timelines.Select(t => t.Slug), new JsonObject { ["retracted"] = false }, new JsonObject { ["retracted"] = true, ["reason"] = req.Reason }, now);
        if (!await writes.TrySaveAsync(ct))
        {
            await Send.ResultAsync(Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                detail: "The commitment changed at the same time; try again."));
            return;
        }

        await writes.EvictCachedReadsAsync(ct);
        var response = await db.Assessments.AsNoTracking().Where(a => a.Id == assessment.Id).Select(AssessmentResponse.Projection).SingleAsync(ct);
        await Send.OkAsync(response, ct);
    }
}
