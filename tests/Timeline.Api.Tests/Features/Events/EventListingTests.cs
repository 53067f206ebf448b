using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Timeline.Api.Data;
using Timeline.Api.Data.Configurations;
using Timeline.Api.Data.Import;
using Timeline.Api.Domain;
using Timeline.Api.Features.Events;
using Timeline.Api.Infrastructure.Auth;
using Timeline.Api.Tests.Features.Editing;
using Timeline.Api.Tests.Infrastructure;
using Timeline.Api.Tests.Scale;

namespace Timeline.Api.Tests.Features.Events;

/// <summary>
/// The event lists' read model (each event's stored list JSON, and its dates copied onto the timeline, actor and
/// tag rows) is kept in step by every writer, in the writer's own transaction: it always equals what the tables give.
/// </summary>
public sealed class EventListingTests(TimelineApiFactory factory) : IClassFixture<TimelineApiFactory>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("timeline-listing-").FullName;

    [Fact]
    public async Task AfterTheSeedImport_EveryListingIsWhatTheTablesGive()
    {
        _ = factory.Server;
        Assert.Empty(await MismatchesAsync(factory));
    }

    [Fact]
    public async Task EventWrites_CreateChangeReplaceAndRenamingAnActor_KeepEveryListingInStep()
    {
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        var actor = WriteClient.NewSlug("listing-actor");
        using (var created = await client.SendAsync(HttpMethod.Post, "/api/v1/actors",
            new JsonObject { ["slug"] = actor, ["name"] = "Zoë Listing", ["kind"] = "person", ["aliases"] = new JsonArray() }))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var slug = WriteClient.NewSlug("2026-11-20-listing");
        var body = WriteClient.EventBody(slug);
        body["actors"] = new JsonArray(
            new JsonObject { ["actor"] = "dmitry-medvedev", ["role"] = "participant" },
            new JsonObject { ["actor"] = actor, ["role"] = "host" },
            new JsonObject { ["actor"] = actor, ["role"] = "speaker" });
        using (var created = await client.SendAsync(HttpMethod.Post, "/api/v1/events", body))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Empty(await MismatchesAsync(factory));

        // A new date, other tags and actors: the event moves to its new place in the lists.
        var etag = await client.ETagOfAsync($"/api/v1/events/{slug}");
        using (var patched = await client.SendAsync(HttpMethod.Patch, $"/api/v1/events/{slug}",
            new JsonObject { ["date"] = "1961-04", ["tags"] = new JsonArray("listing-tag"), ["title"] = "Moved to 1961" }, etag, "application/merge-patch+json"))
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Empty(await MismatchesAsync(factory));
        var april = await factory.GetJsonAsync<System.Text.Json.JsonElement>("/api/v1/events?from=1961-04-10&to=1961-04-11&tag=listing-tag");
        Assert.Contains(april.Items(), e => e.Str("slug") == slug && e.Str("title") == "Moved to 1961");
        var november = await factory.GetJsonAsync<System.Text.Json.JsonElement>($"/api/v1/actors/{actor}/events?from=2026-11");
        Assert.DoesNotContain(november.Items(), e => e.Str("slug") == slug);

        // Renaming an actor changes every list entry that shows the actor.
        var actorTag = await client.ETagOfAsync($"/api/v1/actors/{actor}");
        using (var renamed = await client.SendAsync(HttpMethod.Patch, $"/api/v1/actors/{actor}",
            new JsonObject { ["name"] = "Zoe Renamed" }, actorTag, "application/merge-patch+json"))
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Empty(await MismatchesAsync(factory));
        var listed = await factory.GetJsonAsync<System.Text.Json.JsonElement>($"/api/v1/actors/{actor}/events");
        var entry = Assert.Single(listed.Items());
        Assert.Contains(entry.GetProperty("actors").EnumerateArray(), a => a.Str("name") == "Zoe Renamed");
    }

    [Fact]
    public async Task NewEventsOfAnImport_GetTheSameListingAsTheirProjection_WithNamesOrderedByCodePoint()
    {
        _ = factory.Server;
        // Names whose order differs between culture, UTF-16 and code point comparisons, each in an event with all of them.
        string[] names = ["Zoë", "Zoe", "Émile", "Eve", "Ярослав", "Яна", "𝒜lpha", "\uFB01nal", "alpha"];
        var actors = names.Select((n, i) => (Slug: $"order-actor-{i}-{Guid.NewGuid():N}"[..30], Name: n)).ToList();
        var yaml = new System.Text.StringBuilder("actors:\n");
        foreach (var (slug, name) in actors)
            yaml.Append(System.Globalization.CultureInfo.InvariantCulture, $"  - {{ slug: {slug}, name: \"{name}\", kind: person }}\n");
        yaml.Append("timeline: union-state\nevents:\n");
        for (var e = 0; e < 3; e++)
        {
            yaml.Append(System.Globalization.CultureInfo.InvariantCulture, $"  - slug: order-event-{e}-{Guid.NewGuid():N}\n    title: Ordering {e}\n    date: \"1990-0{e + 1}\"\n    kind: meeting\n    status: occurred\n");
            yaml.Append("    tags: [zeta, alpha, \"2019\", beta-2]\n    actors:\n");
            foreach (var (slug, _) in actors.Skip(e))
                yaml.Append(System.Globalization.CultureInfo.InvariantCulture, $"      - {{ actor: {slug}, role: {(e % 2 == 0 ? "speaker" : "host")} }}\n      - {{ actor: {slug}, role: author }}\n");
            yaml.Append("    sources: [{ url: \"https://example.org/order\" }]\n");
        }

        var file = Path.Combine(_folder, "order.yaml");
        await File.WriteAllTextAsync(file, yaml.ToString());
        await using (var scope = factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DataSetImporter>().ImportAsync(file, dryRun: false, CancellationToken.None);

        Assert.Empty(await MismatchesAsync(factory));
    }

    /// <summary>Every way the read model differs from the tables: listings, and dates on the join rows.</summary>
    internal static Task<List<string>> MismatchesAsync(TimelineApiFactory factory) => factory.WithDbAsync(async db =>
    {
        var mismatches = new List<string>();
        var events = await db.Events.AsNoTracking()
            .Select(e => new { e.Id, e.Slug, e.DateStart, e.DateEnd, Listing = EF.Property<string?>(e, EventListingColumns.ListJson) })
            .ToListAsync();
        foreach (var chunk in events.Chunk(500))
        {
            var computed = await EventListing.ComputeAsync(db, [.. chunk.Select(e => e.Id)], CancellationToken.None);
            mismatches.AddRange(chunk.Where(e => e.Listing != computed[e.Id]).Select(e => $"listing of {e.Slug}:\n  stored   {e.Listing}\n  computed {computed[e.Id]}"));
        }

        var dates = events.ToDictionary(e => e.Id, e => (e.DateStart, e.DateEnd));
        async Task CheckAsync(string table)
        {
            var sql = $"SELECT \"EventId\", \"DateStart\", \"DateEnd\" FROM \"{table}\"";
            var rows = await db.Database.SqlQueryRaw<JoinDates>(sql).ToListAsync();
            mismatches.AddRange(rows.Where(r => dates.TryGetValue(r.EventId, out var d) && d != (r.DateStart, r.DateEnd))
                .Select(r => $"{table} dates of event {r.EventId}"));
        }

        await CheckAsync("EventActors");
        await CheckAsync("EventTags");
        await CheckAsync("TimelineEvents");
        return mismatches;
    });

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private sealed class JoinDates
    {
        public long EventId { get; init; }
        public DateOnly DateStart { get; init; }
        public DateOnly DateEnd { get; init; }
    }
}

/// <summary>The same check after the bulk import of a generated archive of thousands of events.</summary>
[Collection(ScaleArchives.Name)]
public sealed class ScaleArchiveListingTests(ScaleArchive archive)
{
    [Fact]
    public async Task AfterTheImportOfAGeneratedArchive_EveryListingIsWhatTheTablesGive() =>
        Assert.Empty(await EventListingTests.MismatchesAsync(archive.Factory));
}
