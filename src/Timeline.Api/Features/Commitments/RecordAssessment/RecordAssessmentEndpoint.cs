using System.Globalization;
using FastEndpoints;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;
using Timeline.Api.Infrastructure.Writes;

namespace Timeline.Api.Features.Commitments.RecordAssessment;

/// <summary>A new entry in a commitment's status history. History is append-only: nothing is ever overwritten.</summary>
public sealed class RecordAssessmentRequest
{
    public string Slug { get; set; } = "";

    /// <summary>not-started, in-progress, stalled, partially-materialised, materialised or abandoned.</summary>
    public string Status { get; set; } = "";

    /// <summary>From when the status holds (EDTF).</summary>
    public string Date { get; set; } = "";
    public string Summary { get; set; } = "";

    /// <summary>Slug of the event that moved the status, if any.</summary>
    public string? Event { get; set; }

    /// <summary>high, medium or low.</summary>
    public string? Confidence { get; set; }
    public string? Note { get; set; }

    /// <summary>At least one source.</summary>
    public List<SourceInput> Sources { get; set; } = [];
}

public sealed class RecordAssessmentValidator : Validator<RecordAssessmentRequest>
{
    public RecordAssessmentValidator()
    {
        RuleFor(a => (string?)a.Status).NotEmpty().MustBeValue<RecordAssessmentRequest, CommitmentStatus>().OverridePropertyName("status");
        RuleFor(a => a.Date).NotEmpty();
        RuleFor(a => (string?)a.Date).MustBeEdtf().OverridePropertyName("date");
        RuleFor(a => a.Summary).NotEmpty().MaximumLength(4000);
        RuleFor(a => a.Event!).MustBeSlug().When(a => a.Event is not null);
        RuleFor(a => a.Confidence).MustBeValue<RecordAssessmentRequest, Confidence>();
        RuleFor(a => a.Note).MaximumLength(2000);
        RuleFor(a => a.Sources).NotEmpty().WithMessage("Every assessment needs at least one source.");
        RuleForEach(a => a.Sources).NotNull().SetValidator(new SourceInputValidator());
    }
}

public sealed class RecordAssessmentEndpoint(TimelineDbContext db, ResourceWrites writes, TimeProvider clock)
    : Endpoint<RecordAssessmentRequest, AssessmentResponse>
{
    public override void Configure()
    {
        Post("/commitments/{slug}/assessments");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite("recordAssessment", 400, 404, 413, 415));
        Summary(s =>
        {
            s.Summary = "Record an assessment";
            s.Description = "Appends a dated, sourced status to the commitment's history; the latest one is its current status. Send `Idempotency-Key` to make retries safe.";
        });
    }

    public override async Task HandleAsync(RecordAssessmentRequest req, CancellationToken ct)
    {
        var commitment = await db.Commitments.Include(c => c.Timelines).SingleOrDefaultAsync(c => c.Slug == req.Slug, ct);
        if (commitment is null)
        {
            await Send.ResultAsync(Problems.NotFound("commitment", req.Slug));
            return;
        }

        var failures = new List<ValidationFailure>();
        var references = new References(db, failures);
        var @event = await references.EventAsync(req.Event, "event", ct);
        var sources = await references.SourcesAsync(req.Sources, ct);
        if (failures.Count > 0)
        {
            ValidationFailures.AddRange(failures);
            await Send.ErrorsAsync(StatusCodes.Status400BadRequest, ct);
            return;
        }

        var now = clock.GetUtcNow();
        var assessment = new Assessment
        {
            CommitmentId = commitment.Id,
            Status = Kebab.Parse<CommitmentStatus>(req.Status),
            Summary = req.Summary,
            Event = @event,
            Confidence = req.Confidence is null ? null : Kebab.Parse<Confidence>(req.Confidence),
            Note = req.Note,
            RecordedBy = User.Identity!.Name!,
            RecordedAt = now,
            Sources = sources,
        };
        assessment.SetDate(EdtfDate.Parse(req.Date));
        db.Assessments.Add(assessment);
        // The commitment's representation changes with its history: a new version, so stale ETags fail.
        commitment.Version++;
        commitment.UpdatedAt = now;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await writes.TrySaveAsync(ct))
        {
            await Send.ResultAsync(Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                detail: "The commitment changed while the assessment was being recorded; try again."));
            return;
        }

        var written = ChangeDiff.ToJson(req);
        written.Remove("slug");
        writes.Log(ChangeOperation.Assess, "assessment", $"{commitment.Slug}/{assessment.Id.ToString(CultureInfo.InvariantCulture)}",
            commitment.Timelines.Select(t => t.Slug), [], written, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await writes.EvictCachedReadsAsync(ct);

        var response = await db.Assessments.AsNoTracking().Where(a => a.Id == assessment.Id).Select(AssessmentResponse.Projection).SingleAsync(ct);
        HttpContext.Response.Headers.Location = $"/api/v1/commitments/{commitment.Slug}/history";
        await Send.ResponseAsync(response, StatusCodes.Status201Created, ct);
    }
}
