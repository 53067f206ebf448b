using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Features.Common;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Timelines.GetTimeline;

public sealed class GetTimelineRequest
{
    public string Slug { get; set; } = "";
}

public sealed class GetTimelineEndpoint(TimelineDbContext db) : Endpoint<GetTimelineRequest, TimelineResponse>
{
    public override void Configure()
    {
        Get("/timelines/{slug}");
        AllowAnonymous();
        Description(d => d.WithName("getTimeline").ProducesProblem(StatusCodes.Status404NotFound));
        Summary(s =>
        {
            s.Summary = "Get a timeline";
            s.Description = "A timeline with the number of its events and commitments.";
        });
    }

    public override async Task HandleAsync(GetTimelineRequest req, CancellationToken ct)
    {
        var timeline = await TimelineEditor.LoadAsync(db.Timelines.AsNoTracking(), req.Slug, ct);
        if (timeline is null)
        {
            await Send.ResultAsync(Problems.NotFound("timeline", req.Slug));
            return;
        }

        // oEmbed discovery for clients that start from the API rather than the widget page.
        var self = PublicUrls.Timeline(HttpContext.Request, req.Slug);
        HttpContext.Response.Headers.Append(
            "Link", $"<{PublicUrls.OEmbedFor(HttpContext.Request, self)}>; rel=\"alternate\"; type=\"{Features.Common.OutputMediaTypes.OEmbedJson}\"");
        await Send.ResultAsync(timeline.Representation);
    }
}
