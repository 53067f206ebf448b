using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Data.Queries;
using Timeline.Api.Data.Search;
using Timeline.Api.Features.Commitments;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Timelines.ListTimelineCommitments;

public sealed class ListTimelineCommitmentsRequest : CommitmentListRequest
{
    public string Slug { get; set; } = "";
}

public sealed class ListTimelineCommitmentsValidator : CommitmentListValidator<ListTimelineCommitmentsRequest>;

public sealed class ListTimelineCommitmentsEndpoint(TimelineDbContext db, IFullTextSearch search)
    : Endpoint<ListTimelineCommitmentsRequest, PageResponse<CommitmentSummaryResponse>>
{
    public override void Configure()
    {
        Get("/timelines/{slug}/commitments");
        AllowAnonymous();
        Description(d => d.WithName("listTimelineCommitments")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound));
        Summary(s =>
        {
            s.Summary = "List a timeline's commitments";
            s.Description = "The timeline's commitments with their status today or as recorded up to `asOf`.";
        });
    }

    public override async Task HandleAsync(ListTimelineCommitmentsRequest req, CancellationToken ct)
    {
        if (!await db.Timelines.AnyAsync(t => t.Slug == req.Slug, ct))
        {
            await Send.ResultAsync(Problems.NotFound("timeline", req.Slug));
            return;
        }

        await Send.OkAsync(await CommitmentList.PageAsync(db, search, db.Commitments.InTimeline(req.Slug), req, HttpContext, ct), ct);
    }
}
