using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Features.Events;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Actors.ListActorEvents;

public sealed class ListActorEventsRequest : EventListRequest
{
    public string Slug { get; set; } = "";
}

public sealed class ListActorEventsValidator : EventListValidator<ListActorEventsRequest>;

public sealed class ListActorEventsEndpoint(TimelineDbContext db, IFullTextSearch search)
    : Endpoint<ListActorEventsRequest, PageResponse<EventSummaryResponse>>
{
    public override void Configure()
    {
        Get("/actors/{slug}/events");
        AllowAnonymous();
        Description(d => d.WithName("listActorEvents")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound));
        Summary(s =>
        {
            s.Summary = "List an actor's events";
            s.Description = "Events the actor took part in, in date order, with the same filters as the event list.";
        });
    }

    public override async Task HandleAsync(ListActorEventsRequest req, CancellationToken ct)
    {
        if (!await db.Actors.AnyAsync(a => a.Slug == req.Slug, ct))
        {
            await Send.ResultAsync(Problems.NotFound("actor", req.Slug));
            return;
        }

        var events = db.Events.Where(e => e.Actors.Any(a => a.Actor!.Slug == req.Slug));
        await Send.OkAsync(await EventList.PageAsync(db, search, events, req, HttpContext, ct), ct);
    }
}
