using FastEndpoints;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Data.Configurations;
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
        var response = await EventDetails.LoadAsync(db, req.Slug, ct);
        if (response is null)
        {
            await Send.ResultAsync(Problems.NotFound("event", req.Slug));
            return;
        }

        HttpContext.Response.Headers.ETag = ETags.Of(response);
        await Send.OkAsync(response, ct);
    }
}

/// <summary>Loads an event's full representation: for GET, and for the ETag writes check.</summary>
public static class EventDetails
{
    public static async Task<EventResponse?> LoadAsync(TimelineDbContext db, string slug, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var found = await db.Events.Where(e => e.Slug == slug)
            .Select(e => new { e.Id, Listing = EF.Property<string?>(e, EventListingColumns.ListJson) }).SingleOrDefaultAsync(ct);
        if (found is null)
            return null;
        var id = found.Id;

        // A fixed handful of small queries, each by an index (SQLite cannot run the correlated subqueries of one big
        // one); what lists show of the event is its stored list representation (see EventListing).
        var summary = found.Listing is { } listing
            ? JsonSerializer.Deserialize<EventSummaryResponse>(listing, TimelineApp.Json)!
            : await db.Events.AsNoTracking().Where(e => e.Id == id).Select(EventSummaryResponse.Projection).AsSplitQuery().SingleAsync(ct);
        var sources = await db.Events.AsNoTracking().Where(e => e.Id == id)
            .SelectMany(e => e.Sources).OrderBy(s => s.Url)
            .Select(SourceResponse.Projection).ToListAsync(ct);
        var commitments = await db.Commitments.AsNoTracking().Where(c => c.MadeInEventId == id).OrderBy(c => c.Id)
            .Select(c => new CommitmentRefResponse { Slug = c.Slug, Title = c.Title }).ToListAsync(ct);
        var assessed = await db.Assessments.AsNoTracking().Where(a => a.EventId == id)
            .Join(db.Commitments, a => a.CommitmentId, c => c.Id, (a, c) => new { c.Id, c.Slug, c.Title })
            .Distinct().OrderBy(c => c.Id)
            .Select(c => new CommitmentRefResponse { Slug = c.Slug, Title = c.Title }).ToListAsync(ct);
        var quotes = await db.Quotes.AsNoTracking().Where(q => q.EventId == id).OrderBy(q => q.Slug).Select(q => new QuoteRefResponse
        {
            Slug = q.Slug, Text = q.Text, Speaker = new ActorRefResponse { Slug = q.Speaker!.Slug, Name = q.Speaker.Name },
        }).ToListAsync(ct);
        var outgoing = await db.EventRelations.AsNoTracking().Where(r => r.EventId == id)
            .Select(r => new { r.Relation, r.RelatedEvent!.Slug, r.RelatedEvent.Title, r.RelatedEvent.DateText, r.RelatedEvent.Status })
            .ToListAsync(ct);
        var incoming = await db.EventRelations.AsNoTracking().Where(r => r.RelatedEventId == id)
            .Join(db.Events, r => r.EventId, other => other.Id, (r, other) => new { r.Relation, other.Slug, other.Title, other.DateText, other.Status })
            .ToListAsync(ct);

        var related = outgoing.Select(r => Related(r.Relation, "outgoing", r.Slug, r.Title, r.DateText, r.Status))
            .Concat(incoming.Select(r => Related(r.Relation, "incoming", r.Slug, r.Title, r.DateText, r.Status)))
            .OrderBy(r => r.Event.Date.Start).ThenBy(r => r.Event.Slug, StringComparer.Ordinal)
            .ToList();

        return new EventResponse
        {
            Slug = summary.Slug,
            Title = summary.Title,
            Summary = summary.Summary,
            Date = summary.Date,
            Kind = summary.Kind,
            Status = summary.Status,
            Place = summary.Place,
            Confidence = summary.Confidence,
            Note = summary.Note,
            Tags = summary.Tags,
            Actors = summary.Actors,
            Timelines = summary.Timelines,
            Sources = sources,
            Commitments = commitments,
            Assessed = assessed,
            Quotes = quotes,
            Related = related,
        };
    }

    private static RelatedEventResponse Related(EventRelationKind relation, string direction, string slug, string title, string date, EventStatus status) => new()
    {
        Relation = relation,
        Direction = direction,
        Event = new EventRefResponse { Slug = slug, Title = title, Date = DateResponse.From(date), Status = status },
    };
}
