using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Timeline.Api.Domain;
using Timeline.Api.Tests.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Tests.Features.Editing;

/// <summary>Create, change and delete for the resources besides events, each with its own rules.</summary>
public sealed class ResourceWriteTests(TimelineApiFactory factory) : IClassFixture<TimelineApiFactory>
{
    [Fact]
    public async Task Actor_CreatePatchDelete_AndSearchFindsTheNewAlias()
    {
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        var slug = WriteClient.NewSlug("raman-halouchanka");
        using var created = await client.SendAsync(HttpMethod.Post, "/api/v1/actors", new JsonObject
        {
            ["slug"] = slug, ["name"] = "Raman Halouchanka", ["kind"] = "person",
            ["aliases"] = new JsonArray("Roman Golovchenko", "Раман Галоўчанка"),
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var patched = await client.SendAsync(HttpMethod.Patch, $"/api/v1/actors/{slug}",
            new JsonObject { ["aliases"] = new JsonArray("Roman Golovchenko", "Роман Головченко") },
            created.Headers.ETag!.ToString(), "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var found = await factory.GetJsonAsync<JsonElement>($"/api/v1/actors?q={Uri.EscapeDataString("головченко")}");
        Assert.Contains(found.Items(), a => a.Str("slug") == slug);
        var searched = await factory.GetJsonAsync<JsonElement>($"/api/v1/search?kind=actor&q={Uri.EscapeDataString("Головченко")}");
        Assert.Contains(searched.Items(), a => a.Str("slug") == slug);

        using var deleted = await client.SendAsync(HttpMethod.Delete, $"/api/v1/actors/{slug}", ifMatch: patched.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var after = await factory.GetJsonAsync<JsonElement>("/api/v1/actors?q=golovchenko");
        Assert.DoesNotContain(after.Items(), a => a.Str("slug") == slug);
    }

    [Fact]
    public async Task Actor_StillInEvents_CannotBeDeleted()
    {
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        const string url = "/api/v1/actors/dmitry-medvedev";
        using var response = await client.SendAsync(HttpMethod.Delete, url, ifMatch: await client.ETagOfAsync(url));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task TimelineCommitmentAndQuote_CanBeWrittenTogether()
    {
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        var timeline = WriteClient.NewSlug("minsk-agreements");
        using var createdTimeline = await client.SendAsync(HttpMethod.Post, "/api/v1/timelines", new JsonObject
        {
            ["slug"] = timeline, ["title"] = "The Minsk agreements", ["language"] = "en",
        });
        Assert.Equal(HttpStatusCode.Created, createdTimeline.StatusCode);

        var commitment = WriteClient.NewSlug("ceasefire");
        using var createdCommitment = await client.SendAsync(HttpMethod.Post, "/api/v1/commitments", new JsonObject
        {
            ["slug"] = commitment, ["title"] = "Ceasefire", ["category"] = "defence",
            ["parties"] = new JsonArray("russia", "ukraine"), ["madeIn"] = "2019-12-09-normandy-summit-paris",
            ["due"] = "2019-12-31", ["timelines"] = new JsonArray(timeline),
        });
        Assert.Equal(HttpStatusCode.Created, createdCommitment.StatusCode);
        var body = await createdCommitment.JsonAsync();
        Assert.Equal(JsonValueKind.Null, body.GetProperty("status").ValueKind);
        Assert.Equal("2019-12-31", body.GetProperty("due").Str("edtf"));

        var quote = WriteClient.NewSlug("kokcharov-ceasefire");
        using var createdQuote = await client.SendAsync(HttpMethod.Post, "/api/v1/quotes", new JsonObject
        {
            ["slug"] = quote, ["text"] = "Moscow counts on making significant strides there.", ["speaker"] = "alex-kokcharov",
            ["date"] = "2019-12-05~", ["commitment"] = commitment, ["timelines"] = new JsonArray(timeline),
            ["source"] = new JsonObject { ["url"] = "https://example.org/news/normandy" },
        });
        Assert.Equal(HttpStatusCode.Created, createdQuote.StatusCode);
        Assert.Equal(commitment, (await createdQuote.JsonAsync()).GetProperty("commitment").Str("slug"));

        var scorecard = await factory.GetJsonAsync<JsonElement>($"/api/v1/timelines/{timeline}/scorecard");
        Assert.Equal(1, scorecard.GetProperty("total").GetInt32());
        Assert.Equal(1, scorecard.GetProperty("unassessed").GetInt32());

        // A timeline that still holds a commitment cannot go.
        using var deleteTimeline = await client.SendAsync(HttpMethod.Delete, $"/api/v1/timelines/{timeline}", ifMatch: await client.ETagOfAsync($"/api/v1/timelines/{timeline}"));
        Assert.Equal(HttpStatusCode.Conflict, deleteTimeline.StatusCode);

        var changes = await factory.GetJsonAsync<JsonElement>($"/api/v1/changes?timeline={timeline}");
        Assert.Equal(["quote", "commitment", "timeline"], changes.Items().Select(c => c.Str("resourceType")));
    }

    [Theory]
    [InlineData("/api/v1/commitments", "{\"slug\":\"x-commitment\",\"title\":\"X\",\"category\":\"space\",\"timelines\":[\"union-state\"]}", "category")]
    [InlineData("/api/v1/commitments", "{\"slug\":\"x-commitment\",\"title\":\"X\",\"category\":\"legal\",\"timelines\":[\"union-state\"],\"due\":\"soon\"}", "due")]
    [InlineData("/api/v1/commitments", "{\"slug\":\"x-commitment\",\"title\":\"X\",\"category\":\"legal\",\"timelines\":[\"union-state\"],\"parties\":[\"atlantis\"]}", "parties[0]")]
    [InlineData("/api/v1/commitments", "{\"slug\":\"x-commitment\",\"title\":\"X\",\"category\":\"legal\",\"timelines\":[\"union-state\"],\"madeIn\":\"no-such-event\"}", "madeIn")]
    [InlineData("/api/v1/commitments", "{\"slug\":\"x-commitment\",\"title\":\"X\",\"category\":\"legal\",\"timelines\":[\"union-state\"],\"status\":\"materialised\"}", "status")]
    [InlineData("/api/v1/actors", "{\"slug\":\"x-actor\",\"name\":\"X\",\"kind\":\"alien\"}", "kind")]
    [InlineData("/api/v1/actors", "{\"slug\":\"x-actor\",\"name\":\"\",\"kind\":\"person\"}", "name")]
    [InlineData("/api/v1/actors", "{\"slug\":\"x-actor\",\"name\":\"X\",\"kind\":\"person\",\"aliases\":[\"Y\",\"Y\"]}", "aliases")]
    [InlineData("/api/v1/timelines", "{\"slug\":\"x-timeline\",\"title\":\"X\",\"language\":\"English\"}", "language")]
    [InlineData("/api/v1/quotes", "{\"slug\":\"x-quote\",\"text\":\"X\",\"speaker\":\"nobody-at-all\",\"timelines\":[\"union-state\"],\"source\":{\"url\":\"https://example.org\"}}", "speaker")]
    [InlineData("/api/v1/quotes", "{\"slug\":\"x-quote\",\"text\":\"X\",\"speaker\":\"alex-kokcharov\",\"timelines\":[\"union-state\"],\"source\":{\"url\":\"javascript:alert(1)\"}}", "source.url")]
    [InlineData("/api/v1/sources", "{\"url\":\"not a url\"}", "url")]
    [InlineData("/api/v1/sources", "{\"url\":\"https://example.org/a\",\"published\":\"2019-02-29\"}", "published")]
    [InlineData("/api/v1/sources", "{\"url\":\"https://example.org/a\",\"id\":5}", "id")]
    public async Task Create_Invalid_Returns400NamingTheField(string url, string json, string errorName)
    {
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        var changes = await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Changes));
        using var response = await client.SendAsync(HttpMethod.Post, url, JsonNode.Parse(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((await response.JsonAsync()).FieldErrors(), e => string.Equals(e.Name, errorName, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(changes, await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Changes)));
    }

    [Fact]
    public async Task Source_CreateGetReplace_AndADuplicateUrlIsAConflict()
    {
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        var url = $"https://example.org/{Guid.NewGuid():N}";
        using var created = await client.SendAsync(HttpMethod.Post, "/api/v1/sources", new JsonObject { ["url"] = url, ["title"] = "First title" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!.ToString();
        Assert.Matches("^/api/v1/sources/[0-9]+$", location);

        using var replaced = await client.SendAsync(HttpMethod.Put, location, new JsonObject { ["url"] = url, ["title"] = "Better title", ["publisher"] = "Example" },
            created.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("Better title", (await factory.GetJsonAsync<JsonElement>(location)).Str("title"));

        using var duplicate = await client.SendAsync(HttpMethod.Post, "/api/v1/sources", new JsonObject { ["url"] = url });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        var changes = await factory.GetJsonAsync<JsonElement>($"{location}/changes");
        Assert.Equal(["update", "create"], changes.Items().Select(c => c.Str("operation")));
    }

    [Fact]
    public async Task Source_DeletedThenCitedAgain_ComesBack()
    {
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        var url = $"https://example.org/{Guid.NewGuid():N}";
        using var created = await client.SendAsync(HttpMethod.Post, "/api/v1/sources", new JsonObject { ["url"] = url, ["title"] = "Kept" });
        var location = created.Headers.Location!.ToString();
        using var deleted = await client.SendAsync(HttpMethod.Delete, location, ifMatch: created.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        var body = WriteClient.EventBody(WriteClient.NewSlug("2026-11-20-recited"));
        body["sources"] = new JsonArray(new JsonObject { ["url"] = url });
        using var cited = await client.SendAsync(HttpMethod.Post, "/api/v1/events", body);

        Assert.Equal(HttpStatusCode.Created, cited.StatusCode);
        Assert.Equal([url], (await cited.JsonAsync()).GetProperty("sources").EnumerateArray().Select(s => s.Str("url")));
        Assert.Equal("Kept", (await factory.GetJsonAsync<JsonElement>(location)).Str("title"));
    }

    [Fact]
    public async Task Actor_NewAlias_FindsTheirQuotesToo()
    {
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        var actor = WriteClient.NewSlug("speaker");
        using var created = await client.SendAsync(HttpMethod.Post, "/api/v1/actors", new JsonObject { ["slug"] = actor, ["name"] = "Quintus Speaker", ["kind"] = "person" });
        var quote = WriteClient.NewSlug("speaker-quote");
        using var said = await client.SendAsync(HttpMethod.Post, "/api/v1/quotes", new JsonObject
        {
            ["slug"] = quote, ["text"] = "Integration is a process.", ["speaker"] = actor, ["timelines"] = new JsonArray("union-state"),
            ["source"] = new JsonObject { ["url"] = "https://example.org/news/speaker" },
        });
        Assert.Equal(HttpStatusCode.Created, said.StatusCode);

        using var renamed = await client.SendAsync(HttpMethod.Patch, $"/api/v1/actors/{actor}", new JsonObject { ["aliases"] = new JsonArray("Kvintus Spikerov") },
            created.Headers.ETag!.ToString(), "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);

        var hits = await factory.GetJsonAsync<JsonElement>("/api/v1/search?kind=quote&q=spikerov");
        Assert.Contains(hits.Items(), h => h.Str("slug") == quote);
    }

    [Fact]
    public async Task Actor_Renamed_FindsTheirQuotesByTheNewNameOnly()
    {
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        var actor = WriteClient.NewSlug("renamed");
        using var created = await client.SendAsync(HttpMethod.Post, "/api/v1/actors", new JsonObject { ["slug"] = actor, ["name"] = "Tertius Vetustov", ["kind"] = "person" });
        var quote = WriteClient.NewSlug("renamed-quote");
        using var said = await client.SendAsync(HttpMethod.Post, "/api/v1/quotes", new JsonObject
        {
            ["slug"] = quote, ["text"] = "Everything goes according to plan.", ["speaker"] = actor, ["timelines"] = new JsonArray("union-state"),
            ["source"] = new JsonObject { ["url"] = "https://example.org/news/renamed" },
        });
        Assert.Equal(HttpStatusCode.Created, said.StatusCode);

        using var renamed = await client.SendAsync(HttpMethod.Patch, $"/api/v1/actors/{actor}", new JsonObject { ["name"] = "Tertius Novikovsky" },
            created.Headers.ETag!.ToString(), "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);

        var byNewName = await factory.GetJsonAsync<JsonElement>("/api/v1/search?kind=quote&q=novikovsky");
        Assert.Contains(byNewName.Items(), h => h.Str("slug") == quote);
        var byOldName = await factory.GetJsonAsync<JsonElement>("/api/v1/search?kind=quote&q=vetustov");
        Assert.DoesNotContain(byOldName.Items(), h => h.Str("slug") == quote);
    }
}
