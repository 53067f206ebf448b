using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Domain;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Tests.Features.Editing;

/// <summary>Every property of every write body replaced by values of the wrong shape: never a 500, never a change.</summary>
public sealed class HostileWriteTests(TimelineApiFactory factory) : IClassFixture<TimelineApiFactory>
{
    private static readonly JsonNode?[] Hostile =
    [
        null, 0, -1, 1e300, true, "", "x", "<script>alert(1)</script>", "' OR 1=1 --", "\u0000", new string('a', 5000),
        new JsonArray(), new JsonArray((JsonNode?)null), new JsonArray(1, 2), new JsonObject(), new JsonObject { ["url"] = null },
    ];

    public static TheoryData<string, string> Bodies => new()
    {
        { "/api/v1/events", WriteClient.EventBody("2026-11-20-hostile").ToJsonString() },
        { "/api/v1/commitments", """{"slug":"hostile-commitment","title":"X","category":"legal","parties":["russia"],"madeIn":"1999-12-08-union-state-treaty","due":"2030","timelines":["union-state"]}""" },
        { "/api/v1/actors", """{"slug":"hostile-actor","name":"X","kind":"person","description":"d","aliases":["Y"]}""" },
        { "/api/v1/timelines", """{"slug":"hostile-timeline","title":"X","description":"d","language":"en"}""" },
        { "/api/v1/quotes", """{"slug":"hostile-quote","text":"X","speaker":"alex-kokcharov","date":"2019","event":"2019-12-09-normandy-summit-paris","commitment":"single-currency","source":{"url":"https://example.org/q"},"timelines":["union-state"]}""" },
        { "/api/v1/sources", """{"url":"https://example.org/hostile","title":"t","publisher":"p","published":"2019","archivedUrl":"https://example.org/a"}""" },
        { "/api/v1/commitments/single-currency/assessments", """{"status":"stalled","date":"2026-11-01","summary":"s","event":"1999-12-08-union-state-treaty","confidence":"low","note":"n","sources":[{"url":"https://example.org/s"}]}""" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Post_WithAnyPropertyOfTheWrongShape_NeverFailsWith500AndWritesNothing(string url, string valid)
    {
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Admin));
        var changes = await factory.WithDbAsync(db => db.Changes.CountAsync());
        var template = JsonNode.Parse(valid)!.AsObject();

        foreach (var property in template.Select(p => p.Key).ToList())
        {
            foreach (var value in Hostile)
            {
                var body = template.DeepClone().AsObject();
                body[property] = value?.DeepClone();
                using var response = await client.SendAsync(HttpMethod.Post, url, body);
                Assert.True((int)response.StatusCode is >= 400 and < 500 || response.StatusCode == HttpStatusCode.Created,
                    $"POST {url} with {property} = {value?.ToJsonString() ?? "null"} answered {(int)response.StatusCode}");
                if (response.StatusCode == HttpStatusCode.Created)
                    return; // a value that happens to be valid: the rest of the sweep would only hit 409s
            }
        }

        Assert.Equal(changes, await factory.WithDbAsync(db => db.Changes.CountAsync()));
    }

    [Theory]
    [InlineData("/api/v1/events/2019-12-06-prime-ministers-sochi")]
    [InlineData("/api/v1/commitments/single-currency")]
    [InlineData("/api/v1/actors/dmitry-medvedev")]
    [InlineData("/api/v1/timelines/union-state")]
    [InlineData("/api/v1/quotes/shmatsina-declarative-document")]
    public async Task PatchAndPut_WithWrongShapes_NeverFailWith500AndChangeNothing(string url)
    {
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        var etag = await client.ETagOfAsync(url);
        var changes = await factory.WithDbAsync(db => db.Changes.CountAsync());
        string[] properties = ["slug", "title", "date", "kind", "status", "timelines", "actors", "tags", "related", "sources", "parties",
            "madeIn", "due", "category", "name", "aliases", "text", "speaker", "source", "language", "event", "commitment"];

        foreach (var property in properties)
        {
            foreach (var value in Hostile.Where(v => v is not JsonValue s || s.ToJsonString() is not "\"x\""))
            {
                using var patch = await client.SendAsync(HttpMethod.Patch, url, new JsonObject { [property] = value?.DeepClone() }, etag, "application/merge-patch+json");
                Assert.True((int)patch.StatusCode is >= 400 and < 500 || patch.StatusCode == HttpStatusCode.OK,
                    $"PATCH {url} with {property} = {value?.ToJsonString() ?? "null"} answered {(int)patch.StatusCode}");
                if (patch.StatusCode == HttpStatusCode.OK)
                    etag = patch.Headers.ETag!.ToString();

                using var put = await client.SendAsync(HttpMethod.Put, url, new JsonObject { [property] = value?.DeepClone() }, etag);
                // A body with one property is rarely a whole resource, but it can be (a timeline needs only a title).
                Assert.True((int)put.StatusCode is >= 400 and < 500 || put.StatusCode == HttpStatusCode.OK,
                    $"PUT {url} with only {property} = {value?.ToJsonString() ?? "null"} answered {(int)put.StatusCode}");
                if (put.StatusCode == HttpStatusCode.OK)
                    etag = put.Headers.ETag!.ToString();
            }
        }

        // Some patches were valid (a title of "" is not, a description of "x" is): only they may have been logged.
        Assert.True(await factory.WithDbAsync(db => db.Changes.CountAsync()) >= changes);
    }
}
