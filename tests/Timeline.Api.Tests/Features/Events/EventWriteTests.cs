using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Domain;
using Timeline.Api.Tests.Features.Editing;
using Timeline.Api.Tests.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Tests.Features.Events;

public sealed class EventWriteTests(TimelineApiFactory factory) : IClassFixture<TimelineApiFactory>
{
    [Fact]
    public async Task CreateEvent_ThenItIsInTheEventTheTimelineSearchAndTheChangeLog()
    {
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor, $"newsdesk-{Guid.NewGuid():N}"));
        var slug = WriteClient.NewSlug("2026-11-20-minsk");
        // Warm the cache of the timeline's events, which the write must evict.
        using var before = await client.GetAsync(new Uri("/api/v1/timelines/union-state/events?from=2026-11", UriKind.Relative));

        using var created = await client.SendAsync(HttpMethod.Post, "/api/v1/events", WriteClient.EventBody(slug));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/events/{slug}", created.Headers.Location?.ToString());
        var body = await created.JsonAsync();
        Assert.Equal("Prime ministers meet in Minsk", body.Str("title"));
        Assert.Equal("2026-11-20", body.GetProperty("date").Str("edtf"));
        Assert.Contains(body.GetProperty("actors").EnumerateArray(), a => a.Str("slug") == "dmitry-medvedev" && a.Str("role") == "participant");
        Assert.Contains(body.GetProperty("related").EnumerateArray(), r => r.GetProperty("event").Str("slug") == "1999-12-08-union-state-treaty");

        using var read = await client.GetAsync(created.Headers.Location);
        Assert.Equal(await created.Content.ReadAsStringAsync(), await read.Content.ReadAsStringAsync());
        Assert.Equal(created.Headers.ETag, read.Headers.ETag);

        var timeline = await factory.GetJsonAsync<JsonElement>("/api/v1/timelines/union-state/events?from=2026-11");
        Assert.Contains(timeline.Items(), e => e.Str("slug") == slug);

        var search = await factory.GetJsonAsync<JsonElement>($"/api/v1/search?q=zephyrine&kind=event&limit=200");
        Assert.Contains(search.Items(), h => h.Str("slug") == slug);

        var changes = await factory.GetJsonAsync<JsonElement>($"/api/v1/events/{slug}/changes");
        var change = Assert.Single(changes.Items());
        Assert.Equal("create", change.Str("operation"));
        Assert.StartsWith("newsdesk-", change.Str("by"), StringComparison.Ordinal);
        Assert.Contains(change.GetProperty("changes").EnumerateArray(), c => c.Str("field") == "title" && c.GetProperty("after").GetString() == "Prime ministers meet in Minsk");
        var log = await factory.GetJsonAsync<JsonElement>("/api/v1/changes?timeline=union-state&resource=event&limit=200");
        Assert.Contains(log.Items(), c => c.Str("resourceKey") == slug);
    }

    [Fact]
    public async Task PatchEvent_TwoEditorsWithTheSameIfMatch_OneWinsTheOtherGets412()
    {
        var slug = await CreateAsync();
        using var alice = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        using var bob = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        var etag = await alice.ETagOfAsync($"/api/v1/events/{slug}");

        var responses = await Task.WhenAll(
            alice.SendAsync(HttpMethod.Patch, $"/api/v1/events/{slug}", new JsonObject { ["title"] = "Alice's title" }, etag, "application/merge-patch+json"),
            bob.SendAsync(HttpMethod.Patch, $"/api/v1/events/{slug}", new JsonObject { ["title"] = "Bob's title" }, etag, "application/merge-patch+json"));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], responses.Select(r => r.StatusCode).Order());
        var winner = responses.Single(r => r.StatusCode == HttpStatusCode.OK);
        var winnersTitle = (await winner.JsonAsync()).Str("title");
        var stored = await factory.WithDbAsync(db => db.Events.Where(e => e.Slug == slug).Select(e => e.Title).SingleAsync());
        Assert.Equal(winnersTitle, stored);
        var loser = responses.Single(r => r.StatusCode == HttpStatusCode.PreconditionFailed);
        Assert.Equal("application/problem+json", loser.Content.Headers.ContentType?.MediaType);
        foreach (var response in responses)
            response.Dispose();
    }

    [Fact]
    public async Task PatchEvent_ChangesOnlyTheGivenFieldsAndNullRemoves()
    {
        var slug = await CreateAsync();
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        var etag = await client.ETagOfAsync($"/api/v1/events/{slug}");

        using var response = await client.SendAsync(HttpMethod.Patch, $"/api/v1/events/{slug}",
            new JsonObject { ["status"] = "postponed", ["place"] = null }, etag, "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("postponed", body.Str("status"));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("place").ValueKind);
        Assert.Equal("Prime ministers meet in Minsk", body.Str("title"));
        Assert.NotEqual(etag, response.Headers.ETag?.ToString());
        var change = (await factory.GetJsonAsync<JsonElement>($"/api/v1/events/{slug}/changes")).Items().First();
        Assert.Equal("update", change.Str("operation"));
        Assert.Equal(["place", "status"], change.GetProperty("changes").EnumerateArray().Select(c => c.Str("field")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PatchEvent_RemovingAMemberTheEventDoesNotHave_Is400NamingIt_AndChangesNothing()
    {
        var slug = await CreateAsync();
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        var etag = await client.ETagOfAsync($"/api/v1/events/{slug}");
        var before = await CountsAsync();

        // A misspelt member set to null would remove nothing: it must not pass for a change.
        using var response = await client.SendAsync(HttpMethod.Patch, $"/api/v1/events/{slug}",
            new JsonObject { ["sumary"] = null }, etag, "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains((await response.JsonAsync()).FieldErrors(), e => e.Name == "sumary");
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(etag, await client.ETagOfAsync($"/api/v1/events/{slug}"));
    }

    [Fact]
    public async Task ReplaceEvent_WithoutIfMatch_Is428_AndWithAStaleOne_Is412_AndNothingChanges()
    {
        var slug = await CreateAsync();
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        var replacement = WriteClient.EventBody(slug);
        replacement["title"] = "Replaced";

        using var missing = await client.SendAsync(HttpMethod.Put, $"/api/v1/events/{slug}", replacement);
        using var stale = await client.SendAsync(HttpMethod.Put, $"/api/v1/events/{slug}", replacement, "\"not-the-current-etag\"");
        using var deleteWithout = await client.SendAsync(HttpMethod.Delete, $"/api/v1/events/{slug}");
        using var anyVersion = await client.SendAsync(HttpMethod.Put, $"/api/v1/events/{slug}", replacement, "*");

        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionRequired, deleteWithout.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionRequired, anyVersion.StatusCode);
        Assert.Equal("Prime ministers meet in Minsk", await factory.WithDbAsync(db => db.Events.Where(e => e.Slug == slug).Select(e => e.Title).SingleAsync()));

        using var replaced = await client.SendAsync(HttpMethod.Put, $"/api/v1/events/{slug}", replacement, await client.ETagOfAsync($"/api/v1/events/{slug}"));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("Replaced", (await replaced.JsonAsync()).Str("title"));
    }

    [Fact]
    public async Task DeleteEvent_IsSoft_GoneFromReadsKeptInTheChangeLog_AndItsSlugStaysTaken()
    {
        var slug = await CreateAsync();
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));

        using var deleted = await client.SendAsync(HttpMethod.Delete, $"/api/v1/events/{slug}", ifMatch: await client.ETagOfAsync($"/api/v1/events/{slug}"));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var read = await client.GetAsync(new Uri($"/api/v1/events/{slug}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        var list = await factory.GetJsonAsync<JsonElement>("/api/v1/events?from=2026-11&limit=200");
        Assert.DoesNotContain(list.Items(), e => e.Str("slug") == slug);
        Assert.True(await factory.WithDbAsync(db => db.Events.IgnoreQueryFilters().AnyAsync(e => e.Slug == slug && e.DeletedAt != null)));
        var changes = await factory.GetJsonAsync<JsonElement>($"/api/v1/events/{slug}/changes");
        Assert.Equal(["delete", "create"], changes.Items().Select(c => c.Str("operation")));

        using var again = await client.SendAsync(HttpMethod.Post, "/api/v1/events", WriteClient.EventBody(slug));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        // Subscribers learn of the correction: the feed carries the deletion as an entry of its own.
        await using var atom = await client.GetStreamAsync(new Uri("/api/v1/timelines/union-state/feed.atom", UriKind.Relative));
        using var reader = System.Xml.XmlReader.Create(atom, new System.Xml.XmlReaderSettings { Async = true });
        var feed = System.ServiceModel.Syndication.SyndicationFeed.Load(reader);
        var correction = Assert.Single(feed.Items, i => i.Title.Text == $"Correction: event '{slug}' deleted");
        Assert.StartsWith("urn:timeline:change:", correction.Id, StringComparison.Ordinal);
        Assert.Contains(correction.Categories, c => c.Name == "correction");
    }

    [Fact]
    public async Task DeleteEvent_StillReferredTo_Is409()
    {
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        const string url = "/api/v1/events/1999-12-08-union-state-treaty";
        using var response = await client.SendAsync(HttpMethod.Delete, url, ifMatch: await client.ETagOfAsync(url));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("commitment", (await response.JsonAsync()).Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateEvent_RetriedWithTheSameIdempotencyKey_CreatesOneEvent()
    {
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        var slug = WriteClient.NewSlug("2026-11-20-retry");
        var key = Guid.NewGuid().ToString();

        using var first = await client.SendAsync(HttpMethod.Post, "/api/v1/events", WriteClient.EventBody(slug), idempotencyKey: key);
        using var retry = await client.SendAsync(HttpMethod.Post, "/api/v1/events", WriteClient.EventBody(slug), idempotencyKey: key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Events.CountAsync(e => e.Slug == slug)));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Changes.CountAsync(c => c.ResourceKey == slug)));

        var other = WriteClient.EventBody(WriteClient.NewSlug("2026-11-20-other"));
        using var reused = await client.SendAsync(HttpMethod.Post, "/api/v1/events", other, idempotencyKey: key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Contains(key, (await reused.JsonAsync()).Str("detail"), StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.Events.AnyAsync(e => e.Slug == other["slug"]!.GetValue<string>())));
    }

    public static TheoryData<string, string?, string> InvalidEvents => new()
    {
        { "slug", "\"Not A Slug\"", "slug" },
        { "slug", "\"\"", "slug" },
        { "title", "\"\"", "title" },
        { "title", $"\"{new string('x', 301)}\"", "title" },
        { "date", "\"2019-02-30\"", "date" },
        { "date", "\"2019-13\"", "date" },
        { "date", "\"2020-01-01/2019-01-01\"", "date" },
        { "kind", "\"party\"", "kind" },
        { "status", "\"happened\"", "status" },
        { "confidence", "\"certain\"", "confidence" },
        { "timelines", "[]", "timelines" },
        { "timelines", "[\"no-such-timeline\"]", "timelines[0]" },
        { "actors", "[{\"actor\":\"nobody-at-all\",\"role\":\"participant\"}]", "actors[0].actor" },
        { "actors", "[{\"actor\":\"dmitry-medvedev\",\"role\":\"king\"}]", "actors[0].role" },
        { "related", "[{\"event\":\"no-such-event\",\"relation\":\"follow-up-to\"}]", "related[0].event" },
        { "related", "[{\"event\":\"1999-12-08-union-state-treaty\",\"relation\":\"cousin-of\"}]", "related[0].relation" },
        { "sources", "[]", "sources" },
        { "sources", "[{\"url\":\"ftp://example.org/file\"}]", "sources[0].url" },
        { "sources", "[{\"url\":\"/relative/path\"}]", "sources[0].url" },
        { "sources", "[{\"url\":\"https://example.org\",\"published\":\"yesterday\"}]", "sources[0].published" },
        { "id", "42", "id" },
        { "updatedAt", "\"2026-01-01T00:00:00Z\"", "updatedAt" },
    };

    [Theory]
    [MemberData(nameof(InvalidEvents))]
    public async Task CreateEvent_Invalid_Returns400NamingTheFieldAndChangesNothing(string field, string? json, string errorName)
    {
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        var slug = WriteClient.NewSlug("2026-11-20-invalid");
        var body = WriteClient.EventBody(slug);
        body[field] = json is null ? null : JsonNode.Parse(json);
        var (events, changes) = await CountsAsync();

        using var response = await client.SendAsync(HttpMethod.Post, "/api/v1/events", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.JsonAsync()).FieldErrors();
        Assert.Contains(errors, e => string.Equals(e.Name, errorName, StringComparison.OrdinalIgnoreCase));
        Assert.Equal((events, changes), await CountsAsync());
    }

    [Theory]
    [InlineData("{\"slug\": ", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("[1, 2, 3]", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("slug=x&title=y", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("<event/>", "application/xml", HttpStatusCode.UnsupportedMediaType)]
    public async Task CreateEvent_BodyThatIsNotAJsonObject_IsRefused(string body, string mediaType, HttpStatusCode expected)
    {
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        var (events, changes) = await CountsAsync();
        using var content = new StringContent(body, Encoding.UTF8, mediaType);
        using var response = await client.PostAsync(new Uri("/api/v1/events", UriKind.Relative), content);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal((events, changes), await CountsAsync());
    }

    [Fact]
    public async Task PatchEvent_WithPlainTextOrBadJson_IsRefused()
    {
        var slug = await CreateAsync();
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        var etag = await client.ETagOfAsync($"/api/v1/events/{slug}");
        using var text = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/events/{slug}") { Content = new StringContent("title=x", Encoding.UTF8, "text/plain") };
        text.Headers.TryAddWithoutValidation("If-Match", etag);
        using var textResponse = await client.SendAsync(text);
        using var badJson = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/events/{slug}") { Content = new StringContent("{\"title\":", Encoding.UTF8, "application/merge-patch+json") };
        badJson.Headers.TryAddWithoutValidation("If-Match", etag);
        using var badJsonResponse = await client.SendAsync(badJson);
        using var badDate = await client.SendAsync(HttpMethod.Patch, $"/api/v1/events/{slug}", new JsonObject { ["date"] = "2019-02-30" }, etag, "application/merge-patch+json");
        using var unknown = await client.SendAsync(HttpMethod.Patch, $"/api/v1/events/{slug}", new JsonObject { ["version"] = 7 }, etag, "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, textResponse.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badJsonResponse.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Contains((await badDate.JsonAsync()).FieldErrors(), e => e.Name == "date");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(etag, await client.ETagOfAsync($"/api/v1/events/{slug}"));
    }

    [Fact]
    public async Task CreateEvent_BodyOverOneMebibyte_Is413()
    {
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        var body = WriteClient.EventBody(WriteClient.NewSlug("2026-11-20-huge"));
        body["summary"] = new string('x', 1024 * 1024 + 10);
        using var response = await client.SendAsync(HttpMethod.Post, "/api/v1/events", body);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Feed_WithAControlCharacterInAnEvent_StillServesValidXml()
    {
        var slug = await CreateAsync();
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        using var patched = await client.SendAsync(HttpMethod.Patch, $"/api/v1/events/{slug}",
            new JsonObject { ["summary"] = "Bell\u0007 and nul\u0000 and a lone \ud800 surrogate." },
            await client.ETagOfAsync($"/api/v1/events/{slug}"), "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);

        using var response = await client.GetAsync(new Uri("/api/v1/timelines/union-state/feed.atom", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = System.Xml.XmlReader.Create(await response.Content.ReadAsStreamAsync());
        var feed = System.ServiceModel.Syndication.SyndicationFeed.Load(reader);
        var entry = Assert.Single(feed.Items, i => i.Id == $"urn:timeline:event:{slug}");
        // The lone surrogate became U+FFFD on its way in as UTF-8; the control characters are dropped on the way out.
        Assert.StartsWith("Bell and nul and a lone ", ((System.ServiceModel.Syndication.TextSyndicationContent)entry.Summary).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListChanges_Since_ComparesInstantsWhateverTheOffset()
    {
        var slug = await CreateAsync();
        var change = (await factory.GetJsonAsync<JsonElement>($"/api/v1/events/{slug}/changes")).Items().Single();
        var at = change.GetProperty("at").GetDateTimeOffset();

        foreach (var offset in new[] { TimeSpan.Zero, TimeSpan.FromHours(5), TimeSpan.FromHours(-5) })
        {
            var since = Uri.EscapeDataString(at.ToOffset(offset).ToString("yyyy-MM-ddTHH:mm:ss.fffffffzzz", System.Globalization.CultureInfo.InvariantCulture));
            var after = Uri.EscapeDataString(at.AddSeconds(1).ToOffset(offset).ToString("yyyy-MM-ddTHH:mm:ss.fffffffzzz", System.Globalization.CultureInfo.InvariantCulture));
            Assert.Contains((await factory.GetJsonAsync<JsonElement>($"/api/v1/changes?resource=event&since={since}&limit=200")).Items(), c => c.Str("resourceKey") == slug);
            Assert.DoesNotContain((await factory.GetJsonAsync<JsonElement>($"/api/v1/changes?resource=event&since={after}&limit=200")).Items(), c => c.Str("resourceKey") == slug);
        }
    }

    [Fact]
    public async Task CreateAssessment_ConcurrentRetriesWithOneIdempotencyKey_AppendOnce()
    {
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        var key = Guid.NewGuid().ToString();
        var body = new JsonObject
        {
            ["status"] = "stalled", ["date"] = "2026-11-24", ["summary"] = "Retried under a flaky connection.",
            ["sources"] = new JsonArray(new JsonObject { ["url"] = "https://example.org/news/retry" }),
        };
        var before = await factory.WithDbAsync(db => db.Assessments.CountAsync());

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            client.SendAsync(HttpMethod.Post, "/api/v1/commitments/union-parliament/assessments", body, idempotencyKey: key)));

        Assert.Equal(before + 1, await factory.WithDbAsync(db => db.Assessments.CountAsync()));
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"answered {(int)r.StatusCode}"));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Created);
        using var retry = await client.SendAsync(HttpMethod.Post, "/api/v1/commitments/union-parliament/assessments", body, idempotencyKey: key);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(before + 1, await factory.WithDbAsync(db => db.Assessments.CountAsync()));
        foreach (var response in responses)
            response.Dispose();
    }

    private async Task<string> CreateAsync()
    {
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        var slug = WriteClient.NewSlug("2026-11-20-event");
        using var response = await client.SendAsync(HttpMethod.Post, "/api/v1/events", WriteClient.EventBody(slug));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return slug;
    }

    private Task<(int Events, int Changes)> CountsAsync() =>
        factory.WithDbAsync(async db => (await db.Events.IgnoreQueryFilters().CountAsync(), await db.Changes.CountAsync()));
}
