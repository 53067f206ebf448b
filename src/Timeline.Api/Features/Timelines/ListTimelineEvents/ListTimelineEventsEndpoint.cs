using FastEndpoints;
using Timeline.Api.Data.Search;
using Timeline.Api.Data;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Events;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Timelines.ListTimelineEvents;

public sealed class ListTimelineEventsRequest : EventListRequest
{
    public string Slug { get; set; } = "";
}

public sealed class ListTimelineEventsValidator : EventListValidator<ListTimelineEventsRequest>;

public sealed class ListTimelineEventsEndpoint(TimelineDbContext db, IFullTextSearch search)
    : Endpoint<ListTimelineEventsRequest, EventPageResponse>
{
    public override void Configure()
    {
        Get("/timelines/{slug}/events");
        AllowAnonymous();
        Description(d => d.WithName("listTimelineEvents")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound));
        Summary(s =>
        {
            s.Summary = "List a timeline's events";
            s.Description = "The timeline's events in date order, with the same filters as the event list. With `include=treaty-actions` each page "
                + "also lists, in `treatyActions`, the dated actions of the timeline's treaties that fall among its events, under the same cursor.";
        });
    }

    public override async Task HandleAsync(ListTimelineEventsRequest req, CancellationToken ct)
    {
        if (await EventList.TimelineIdAsync(db, req.Slug, ct) is not { } timeline)
        {
            await Send.ResultAsync(Problems.NotFound("timeline", req.Slug));
            return;
        }

        var page = await EventList.PageAsync(db, search, new EventScope(TimelineId: timeline), req, HttpContext, ct);
        await Send.BytesAsync(page, contentType: OutputMediaTypes.JsonUtf8, cancellation: ct);
    }
}
