using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Data.Configurations;
using Timeline.Api.Features.Common;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Events;

/// <summary>
/// The event lists' read model, kept in step with every write in the write's own transaction: each event's
/// list representation (<see cref="EventSummaryResponse"/> as JSON, in <c>Events.ListJson</c>) and the copies of
/// its dates on the timeline, actor and tag join tables that let a filtered list be one index range (see
/// <see cref="Data.Queries.EventPages"/>). A page is then one indexed statement and a byte copy, with no per-event
/// queries and no serialization. Writers call <c>RefreshAsync</c> after saving: the event editor for its
/// event, the actor editor for the events of a renamed actor, and the importer for each batch.
/// </summary>
public static class EventListing
{
    /// <summary>Recomputes the read model of these events from the tables (inside the caller's transaction).</summary>
    public static async Task RefreshAsync(TimelineDbContext db, IReadOnlyCollection<long> eventIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(eventIds);
        foreach (var chunk in eventIds.Distinct().Chunk(500))
        {
            await CopyDatesAsync(db, chunk, cancellationToken);
            await StoreListingsAsync(db, chunk, cancellationToken);
        }
    }

    /// <summary>
    /// The read model of one event that a write has just saved, made from the entity it holds (its actors, tags and
    /// timelines loaded), so the write reads nothing back: the same bytes as the SQL projection (EventListingTests).
    /// </summary>
    public static async Task RefreshAsync(TimelineDbContext db, Domain.Event e, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(e);
        await CopyDatesAsync(db, [e.Id], cancellationToken);
        var listing = EventSummaryResponse.For(
            e,
            e.Actors.Select(a => new EventActorResponse { Slug = a.Actor!.Slug, Name = a.Actor.Name, Role = a.Role })
                .DistinctBy(a => (a.Slug, a.Role)),
            e.Tags.Select(t => t.Tag).Distinct(StringComparer.Ordinal),
            e.Timelines.Select(t => t.Slug));
        await db.Database.ExecuteSqlRawAsync(
            $"UPDATE \"Events\" SET \"{EventListingColumns.ListJson}\" = {{0}} WHERE \"Id\" = {{1}}", [ToJson(listing), e.Id], cancellationToken);
    }

    /// <summary>Copies the events' dates onto their rows of the join tables (the keys of the filtered lists' index ranges).</summary>
    private static async Task CopyDatesAsync(TimelineDbContext db, IReadOnlyCollection<long> chunk, CancellationToken cancellationToken)
    {
        var ids = string.Join(", ", chunk.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        foreach (var table in new[] { "EventActors", "EventTags" })
        {
            var copy = $"""
                UPDATE "{table}" SET "DateStart" = e."DateStart", "DateEnd" = e."DateEnd"
                FROM "Events" AS e WHERE e."Id" = "{table}"."EventId" AND "{table}"."EventId" IN ({ids})
                """;
            await db.Database.ExecuteSqlRawAsync(copy, cancellationToken);
        }

        var copyTimelines = $"""
            UPDATE "TimelineEvents" SET "DateStart" = e."DateStart", "DateEnd" = e."DateEnd", "UpdatedAt" = e."UpdatedAt"
            FROM "Events" AS e WHERE e."Id" = "TimelineEvents"."EventId" AND "TimelineEvents"."EventId" IN ({ids})
            """;
        await db.Database.ExecuteSqlRawAsync(copyTimelines, cancellationToken);
    }

    /// <summary>Computes and stores the list representation of these events (their join-table dates are already right).</summary>
    public static async Task StoreListingsAsync(TimelineDbContext db, IReadOnlyCollection<long> eventIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (var chunk in eventIds.Chunk(500))
        {
            var listings = await ComputeAsync(db, chunk, cancellationToken);
            foreach (var rows in listings.Chunk(100))
            {
                var parameters = new Data.Queries.SqlParameters(db);
                var values = string.Join(", ", rows.Select(r => $"({parameters.Add(r.Key)}, {parameters.Add(r.Value)})"));
                var store = $"""
                    WITH v ("Id", "Json") AS (VALUES {values})
                    UPDATE "Events" SET "{EventListingColumns.ListJson}" = v."Json" FROM v WHERE "Events"."Id" = v."Id"
                    """;
                await db.Database.ExecuteSqlRawAsync(store, parameters.All, cancellationToken);
            }
        }
    }

    /// <summary>The stored form of one list representation (the API's JSON settings, as the endpoints serialize).</summary>
    public static string ToJson(EventSummaryResponse listing) => JsonSerializer.Serialize(listing, TimelineApp.Json);

    /// <summary>The list representation of these events as the list endpoints send it, by id.</summary>
    public static async Task<Dictionary<long, string>> ComputeAsync(TimelineDbContext db, IReadOnlyCollection<long> eventIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = await db.Events.AsNoTracking().Where(e => EF.Parameter(eventIds).Contains(e.Id))
            .ToDictionaryAsync(e => e.Slug, e => e.Id, StringComparer.Ordinal, cancellationToken);
        var listings = await db.Events.AsNoTracking().Where(e => EF.Parameter(eventIds).Contains(e.Id))
            .Select(EventSummaryResponse.Projection)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return listings.ToDictionary(l => ids[l.Slug], ToJson);
    }

    /// <summary>
    /// Fills in the listings that are missing (a database migrated from before the read model existed), a batch
    /// at a time; an up-to-date database costs one look-up in a partial index.
    /// </summary>
    public static async Task<int> FillMissingAsync(TimelineDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var filled = 0;
        while (true)
        {
            var ids = await db.Events.Where(e => EF.Property<string?>(e, EventListingColumns.ListJson) == null)
                .OrderBy(e => e.Id).Select(e => e.Id).Take(1_000).ToListAsync(cancellationToken);
            if (ids.Count == 0)
                return filled;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await RefreshAsync(db, ids, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            filled += ids.Count;
        }
    }
}
