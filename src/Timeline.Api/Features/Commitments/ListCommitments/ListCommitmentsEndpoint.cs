using FastEndpoints;
using FluentValidation;
using Timeline.Api.Data;
using Timeline.Api.Data.Queries;
using Timeline.Api.Data.Search;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Commitments.ListCommitments;

public sealed class ListCommitmentsRequest : CommitmentListRequest
{
    /// <summary>Only commitments of this timeline (slug).</summary>
    [QueryParam]
    public string? Timeline { get; set; }
}

public sealed class ListCommitmentsValidator : CommitmentListValidator<ListCommitmentsRequest>
{
    public ListCommitmentsValidator() => RuleFor(r => r.Timeline).MaximumLength(120);
}

public sealed class ListCommitmentsEndpoint(TimelineDbContext db, IFullTextSearch search)
    : Endpoint<ListCommitmentsRequest, PageResponse<CommitmentSummaryResponse>>
{
    public override void Configure()
    {
        Get("/commitments");
        AllowAnonymous();
        Description(d => d.WithName("listCommitments").ProducesProblem(StatusCodes.Status400BadRequest));
        Summary(s =>
        {
            s.Summary = "List commitments";
            s.Description = "Commitments with their status today, or as recorded up to `asOf`; filtered by timeline, status, category, party and text.";
        });
    }

    public override async Task HandleAsync(ListCommitmentsRequest req, CancellationToken ct)
    {
        var commitments = req.Timeline is null ? db.Commitments : db.Commitments.InTimeline(req.Timeline);
        await Send.OkAsync(await CommitmentList.PageAsync(db, search, commitments, req, HttpContext, ct), ct);
    }
}
