using FastEndpoints.Swagger;
using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Embed;
using Timeline.Api.Features.Reader;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Pages.GetCommitmentPage;

public sealed class GetCommitmentPageRequest : AsOfPageRequest;

public sealed class GetCommitmentPageValidator : PageValidator<GetCommitmentPageRequest>;

public sealed class GetCommitmentPageEndpoint(TimelineDbContext db, TimeProvider clock) : Endpoint<GetCommitmentPageRequest>
{
    public override void Configure()
    {
        Get("/commitments/{slug}");
        RoutePrefixOverride(string.Empty);
        AllowAnonymous();
        Description(d => d.WithName("getCommitmentPage")
            .Produces<string>(StatusCodes.Status200OK, OutputMediaTypes.Html)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AutoTagOverride(PageEndpoints.Tag));
        Summary(s =>
        {
            s.Summary = "A commitment's public page";
            s.Description = "The permalink page of a commitment (HTML): who made it and where, its due date, its status today or as recorded "
                + "up to `asOf`, and its full status history with every assessment's sources (retracted assessments are shown as "
                + "retracted, with why), and links to the same data. Canonical URL, Open Graph and Twitter card tags, schema.org JSON-LD. "
                + "The JSON of the same commitment is `/api/v1/commitments/{slug}`.";
        });
    }

    public override async Task HandleAsync(GetCommitmentPageRequest req, CancellationToken ct)
    {
        var commitment = await ReaderData.CommitmentAsync(db, req.Slug, ct);
        if (commitment is null)
        {
            await Send.ResultAsync(Problems.NotFound("commitment", req.Slug));
            return;
        }

        var timelines = await ReaderPageData.TimelinesOfCommitmentAsync(db, req.Slug, ct);
        var context = new ReaderContext(HttpContext.Request, clock, timelines.FirstOrDefault()?.Language);
        var texts = ContentTexts.For(HttpContext.Request, context.ContentLanguage);
        if (texts.Chooses)
        {
            foreach (var timeline in timelines)
                texts.Add(timeline);
            context.Texts = await texts.LoadAsync(db, ReaderData.Commitment(new ContentKeys(), commitment), ct);
        }

        var html = CommitmentPage.Render(context, commitment, timelines, req);
        EmbedSecurity.ApplyToPage(HttpContext.Response);
        context.Announce(HttpContext.Response);
        await Send.StringAsync(html, StatusCodes.Status200OK, PageEndpoints.ContentType, ct);
    }
}
