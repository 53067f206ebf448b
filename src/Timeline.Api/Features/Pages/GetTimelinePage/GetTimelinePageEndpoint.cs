using FastEndpoints.Swagger;
using FastEndpoints;
using Timeline.Api.Data.Queries;
using Timeline.Api.Data.Search;
using Timeline.Api.Data;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Embed;
using Timeline.Api.Features.Reader;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Pages.GetTimelinePage;

public sealed class GetTimelinePageRequest : AsOfPageRequest;

public sealed class GetTimelinePageValidator : PageValidator<GetTimelinePageRequest>;

public sealed class GetTimelinePageEndpoint(TimelineDbContext db, IFullTextSearch search, TimeProvider clock) : Endpoint<GetTimelinePageRequest>
{
    public override void Configure()
    {
        Get("/timelines/{slug}");
        RoutePrefixOverride(string.Empty);
        AllowAnonymous();
        Description(d => d.WithName("getTimelinePage").WithMetadata(WholeDocument.Marker).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .Produces<string>(StatusCodes.Status200OK, OutputMediaTypes.Html)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AutoTagOverride(PageEndpoints.Tag));
        Summary(s =>
        {
            s.Summary = "A timeline's public page";
            s.Description = "The human page of a timeline (HTML): its commitments' status bar and each commitment's sourced history (as of "
                + "today or `asOf`), every event with its sources, an embed snippet, and links to the same data as JSON, CSV, Atom, "
                + "iCalendar and TimelineJS. Canonical URL, Open Graph and Twitter card tags, and schema.org JSON-LD (a Dataset with its "
                + "downloads). The JSON of the same timeline is `/api/v1/timelines/{slug}`.";
        });
    }

    public override async Task HandleAsync(GetTimelinePageRequest req, CancellationToken ct)
    {
        var timeline = await TimelineDocuments.FindTimelineAsync(db, req.Slug, ct);
        if (timeline is null)
        {
            await Send.ResultAsync(Problems.NotFound("timeline", req.Slug));
            return;
        }

        var context = new ReaderContext(HttpContext.Request, clock, timeline.Language);
        var events = await ReaderData.EventsAsync(db, search, timeline, new EventFilter(), ct);
        var commitments = await ReaderData.CommitmentsAsync(db, req.Slug, ct);
        await ReaderData.LoadTextsAsync(db, context, timeline, events, commitments, ct);
        var html = TimelinePage.Render(context, timeline, events, commitments, req);
        EmbedSecurity.ApplyToPage(HttpContext.Response);
        context.Announce(HttpContext.Response);
        await Send.StringAsync(html, StatusCodes.Status200OK, PageEndpoints.ContentType, ct);
    }
}
