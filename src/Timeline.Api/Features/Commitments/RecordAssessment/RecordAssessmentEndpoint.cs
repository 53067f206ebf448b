using FastEndpoints;
using FluentValidation;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

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

public sealed class RecordAssessmentEndpoint(TimelineDbContext db, EditSession edit) : Endpoint<RecordAssessmentRequest, AssessmentResponse>
{
    public override void Configure()
    {
        Post("/commitments/{slug}/assessments");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<AssessmentResponse>(WriteKind.Append, "recordAssessment", StatusCodes.Status201Created));
        Summary(s =>
        {
            s.Summary = "Record an assessment";
            s.Description = WriteDescriptions.Explain(WriteKind.Append,
                "Appends a dated, sourced status to the commitment's history; the latest one is its current status. Answers 201 with the "
                + "assessment, and `Location`: the commitment's history.");
        });
    }

    public override async Task HandleAsync(RecordAssessmentRequest req, CancellationToken ct) => await Send.ResultAsync(await RecordAsync(req, ct));

    private async Task<IResult> RecordAsync(RecordAssessmentRequest req, CancellationToken ct)
    {
        var history = CommitmentEditor.History(db);
        var (commitment, refused) = await edit.OwnerAsync(history, req.Slug, ct);
        if (commitment is null)
            return refused!;
        var references = new ReferenceResolver(db);
        var @event = await references.OneAsync<Event>(req.Event, null, references.EventsAsync, "event", ct);
        var sources = await references.SourcesAsync(req.Sources, [], ct);
        if (references.Failures.Count > 0)
            return EditSession.Invalid(references.Failures);

        var assessment = new Assessment
        {
            CommitmentId = commitment.Id,
            Status = Kebab.Parse<CommitmentStatus>(req.Status),
            Summary = req.Summary,
            Event = @event,
            Confidence = req.Confidence is null ? null : Kebab.Parse<Confidence>(req.Confidence),
            Note = req.Note,
            RecordedBy = edit.Caller,
            RecordedAt = edit.Now,
            Sources = sources,
        };
        assessment.SetDate(EdtfDate.Parse(req.Date));
        return await edit.AppendAsync(history, commitment, assessment, req.Slug, ChangeOperation.Assess, req, ct);
    }
}
