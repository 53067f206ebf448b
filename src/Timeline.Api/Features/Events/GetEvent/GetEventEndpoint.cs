using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Events.GetEvent;

public sealed class GetEventRequest
{
    public string Slug { get; set; } = "";
}

/// <summary>An event with everything linked to it.</summary>
public sealed class EventResponse : EventSummaryResponse
{
    public required IReadOnlyList<SourceResponse> Sources { get; init; }

    /// <summary>Commitments made in this event.</summary>
    public required IReadOnlyList<CommitmentRefResponse> Commitments { get; init; }

    /// <summary>Commitments whose status this event moved.</summary>
    public required IReadOnlyList<CommitmentRefResponse> Assessed { get; init; }
    public required IReadOnlyList<QuoteRefResponse> Quotes { get; init; }

    /// <summary>Typed links to other events, both ways: <c>direction</c> says whether this event is the subject.</summary>
    public required IReadOnlyList<RelatedEventResponse> Related { get; init; }
}

public sealed class QuoteRefResponse
{
    public required string Slug { get; init; }
    public required string Text { get; init; }
    public required ActorRefResponse Speaker { get; init; }
}

public sealed class RelatedEventResponse
{
    /// <summary>Read as "this event is &lt;relation&gt; the other" when direction is <c>outgoing</c>, and the other way round when <c>incoming</c>.</summary>
    public required EventRelationKind Relation { get; init; }
    public required string Direction { get; init; }
    public required EventRefResponse Event { get; init; }
}

public sealed class GetEventEndpoint(TimelineDbContext db) : Endpoint<GetEventRequest, EventResponse>
{
    public override void Configure()
    {
        Get("/events/{slug}");
        AllowAnonymous();
        Description(d => d.WithName("getEvent").ProducesProblem(StatusCodes.Status404NotFound));
        Summary(s =>
        {
            s.Summary = "Get an event";
            s.Description = "An event with its actors, sources, the commitments made or assessed in it, quotes and related events.";
        });
    }

    public override async Task HandleAsync(GetEventRequest req, CancellationToken ct)
    {
        var loaded = await EventDetails.LoadAsync(db, req.Slug, ct);
        await Send.ResultAsync(loaded is null ? Problems.NotFound("event", req.Slug) : loaded.Representation);
    }
}
