using FastEndpoints;
using Timeline.Api.Data.Search;
using Timeline.Api.Data;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Events;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Actors.ListActorEvents;

public sealed class ListActorEventsRequest : EventListRequest
{
    public string Slug { get; set; } = "";
}

public sealed class ListActorEventsValidator : EventListValidator<ListActorEventsRequest>;

public sealed class ListActorEventsEndpoint(TimelineDbContext db, IFullTextSearch search)
    : Endpoint<ListActorEventsRequest, EventPageResponse>
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
            s.Description = "Events the actor took part in, in date order, with the same filters as the event list. With `include=treaty-actions` "
                + "each page also lists, in `treatyActions`, the dated treaty actions the actor took as a party, under the same cursor.";
        });
    }

    public override async Task HandleAsync(ListActorEventsRequest req, CancellationToken ct)
    {
        if (await EventList.ActorIdAsync(db, req.Slug, ct) is not { } actor)
        {
            await Send.ResultAsync(Problems.NotFound("actor", req.Slug));
            return;
        }

        var page = await EventList.PageAsync(db, search, new EventScope(ActorId: actor), req, HttpContext, ct);
        await Send.BytesAsync(page, contentType: OutputMediaTypes.JsonUtf8, cancellation: ct);
    }
}
