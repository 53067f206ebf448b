using FastEndpoints;
using FluentValidation;
using Timeline.Api.Data.Search;
using Timeline.Api.Data;
using Timeline.Api.Features.Common;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Events.ListEvents;

public sealed class ListEventsRequest : EventListRequest, IHasTimelineFilter
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
    : Endpoint<ListEventsRequest, EventPageResponse>
{
    public override void Configure()
    {
        Get("/events");
        AllowAnonymous();
        Description(d => d.WithName("listEvents").ProducesProblem(StatusCodes.Status400BadRequest));
        Summary(s =>
        {
            s.Summary = "List events";
            s.Description = "Events in date order, filtered by timeline, date range (EDTF), actor, tag, kind, status and text. "
                + "With `include=treaty-actions` each page also lists, in `treatyActions`, the dated actions of the treaties in scope (with `timeline`, "
                + "that timeline's treaties; with `actor`, the actions that actor took as a party) that fall among its events, under the same cursor.";
        });
    }

    public override async Task HandleAsync(ListEventsRequest req, CancellationToken ct)
    {
        var page = await EventList.PageAsync(db, search, EventScope.All, req, HttpContext, ct);
        await Send.BytesAsync(page, contentType: OutputMediaTypes.JsonUtf8, cancellation: ct);
    }
}
