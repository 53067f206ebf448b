using FastEndpoints;
using FastEndpoints.Swagger;
using Microsoft.AspNetCore.Http.Extensions;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Exports;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Embed.GetEmbed;

public sealed class GetEmbedEndpoint(TimelineDbContext db, IFullTextSearch search, TimeProvider clock) : Endpoint<GetEmbedRequest>
{
    public const string ContentType = ExportMediaTypes.Html + "; charset=utf-8";

    public override void Configure()
    {
        Get("/embed/{slug}");
        RoutePrefixOverride(string.Empty);
        AllowAnonymous();
        Description(d => d.WithName("getEmbed")
            .Produces<string>(StatusCodes.Status200OK, ExportMediaTypes.Html)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AutoTagOverride("embed"));
        Summary(s =>
        {
            s.Summary = "Embeddable timeline widget";
            s.Description = "A self-contained HTML page for an iframe: the timeline's events in date order (planned events that never took place "
                + "are marked) and a scorecard of its commitments with each status and the date it last changed. It loads only its own "
                + "CSS and JS, sets no cookies, may be framed by any site (CSP frame-ancestors *), and carries schema.org JSON-LD and an "
                + "oEmbed discovery link.";
        });
    }

    public override async Task HandleAsync(GetEmbedRequest req, CancellationToken ct)
    {
        var timeline = await TimelineExports.FindTimelineAsync(db, req.Slug, ct);
        if (timeline is null)
        {
            await Send.ResultAsync(Problems.NotFound("timeline", req.Slug));
            return;
        }

        var view = req.View ?? "both";
        var showEvents = view is "both" or "timeline";
        var showScorecard = view is "both" or "scorecard";
        var events = showEvents
            ? await TimelineExports.TimelineEventsAsync(db, search, timeline.Id, DateQuery.StartOf(req.From), DateQuery.EndOf(req.To), req.Tag, ct)
            : [];
        var commitments = showScorecard ? await TimelineExports.StandingsAsync(db, req.Slug, ct) : [];

        var request = HttpContext.Request;
        var pageUrl = request.GetEncodedUrl();
        var html = EmbedPage.Render(new EmbedModel(
            timeline,
            events,
            commitments,
            showEvents,
            showScorecard,
            req.Theme == "dark",
            pageUrl,
            PublicUrls.OEmbedFor(request, pageUrl),
            PublicUrls.Timeline(request, req.Slug),
            slug => PublicUrls.Event(request, slug),
            DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)));

        EmbedSecurity.Apply(HttpContext.Response);
        await Send.StringAsync(html, StatusCodes.Status200OK, ContentType, ct);
    }
}
