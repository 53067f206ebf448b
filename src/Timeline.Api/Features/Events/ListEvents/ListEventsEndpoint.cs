using FastEndpoints;
using FluentValidation;
using Timeline.Api.Data;
using Timeline.Api.Data.Queries;
using Timeline.Api.Data.Search;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Events.ListEvents;

public sealed class ListEventsRequest : EventListRequest
{
    /// <summary>Only events of this timeline (slug).</summary>
    [QueryParam]
    public string? Timeline { get; set; }
}

public sealed class ListEventsValidator : EventListValidator<ListEventsRequest>
{
    public ListEventsValidator() => RuleFor(r => r.Timeline).MaximumLength(120);
}

public sealed class ListEventsEndpoint(TimelineDbContext db, IFullTextSearch search)
    : Endpoint<ListEventsRequest, PageResponse<EventSummaryResponse>>
{
    public override void Configure()
    {
        Get("/events");
        AllowAnonymous();
        Description(d => d.WithName("listEvents").ProducesProblem(StatusCodes.Status400BadRequest));
        Summary(s =>
        {
            s.Summary = "List events";
            s.Description = "Events in date order, filtered by timeline, date range (EDTF), actor, tag, kind, status and text.";
        });
    }

    public override async Task HandleAsync(ListEventsRequest req, CancellationToken ct)
    {
        var events = req.Timeline is null ? db.Events : db.Events.InTimeline(req.Timeline);
        await Send.OkAsync(await EventList.PageAsync(db, search, events, req, HttpContext, ct), ct);
    }
}
