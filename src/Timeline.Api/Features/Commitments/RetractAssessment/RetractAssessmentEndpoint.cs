using System.Globalization;
using System.Text.Json.Nodes;
using FastEndpoints;
using FluentValidation;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;
using Timeline.Api.Features.Editing;

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

public sealed class RetractAssessmentEndpoint(TimelineDbContext db, EditSession edit) : Endpoint<RetractAssessmentRequest, AssessmentResponse>
{
    public override void Configure()
    {
        Post("/commitments/{slug}/assessments/{id}/retraction");
        Roles(ApiKeyAuthenticationHandler.Admin);
        Description(d => d.DescribeWrite<AssessmentResponse>(WriteKind.Append, "retractAssessment", StatusCodes.Status200OK));
        Summary(s =>
        {
            s.Summary = "Retract an assessment (admin)";
            s.Description = WriteDescriptions.Explain(WriteKind.Append,
                "Withdraws an assessment: it stays in the history, marked retracted with the reason, and no longer counts for the status. "
                + "A second retraction of the same assessment is a 409.");
        });
    }

    public override async Task HandleAsync(RetractAssessmentRequest req, CancellationToken ct) => await Send.ResultAsync(await RetractAsync(req, ct));

    private async Task<IResult> RetractAsync(RetractAssessmentRequest req, CancellationToken ct)
    {
        var current = await CommitmentEditor.LoadForChangeAsync(db, req.Slug, ct);
        var assessment = current?.Entity.Assessments.SingleOrDefault(a => a.Id == req.Id);
        if (current is null || assessment is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found",
                detail: $"The commitment '{req.Slug}' has no assessment {req.Id}.");
        }

        if (edit.OptionalPrecondition(current.Representation) is { } stale)
            return stale;
        if (assessment.RetractedAt is not null)
            return Problems.Conflict($"Assessment {req.Id} was already retracted.");

        var commitment = current.Entity;
        assessment.RetractedAt = edit.Now;
        assessment.RetractedBy = edit.Caller;
        assessment.RetractionReason = req.Reason;
        commitment.Changed(edit.Now);
        edit.Record(ChangeOperation.Retract, "assessment", $"{commitment.Slug}/{assessment.Id.ToString(CultureInfo.InvariantCulture)}",
            CommitmentEditor.TimelinesOf(commitment), new JsonObject { ["retracted"] = false }, new JsonObject { ["retracted"] = true, ["reason"] = req.Reason });
        return await edit.SaveAsync(ct) ?? await edit.CommitAsync(Representation.Of(AssessmentResponse.From(assessment)), ct);
    }
}
