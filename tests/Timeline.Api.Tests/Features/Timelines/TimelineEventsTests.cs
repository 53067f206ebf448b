using System.Net;
using System.Text.Json;
using Timeline.Api.Tests.Infrastructure;

namespace Timeline.Api.Tests.Features.Timelines;

[Collection(BundledData.Name)]
public sealed class TimelineEventsTests(TimelineApiFactory factory)
{
    [Fact]
    public async Task ListTimelineEvents_December2019_ComeInDateOrderWithTheArticlesEvents()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/v1/timelines/union-state/events?from=2019-12-01&to=2019-12-31", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = (await response.JsonAsync()).Items().ToList();
        var starts = events.Select(e => e.GetProperty("date").Str("start")).ToList();
        Assert.Equal(starts.Order(StringComparer.Ordinal), starts);
        Assert.All(starts, s => Assert.StartsWith("2019-12-", s, StringComparison.Ordinal));

        var sochi = Single(events, "2019-12-06-prime-ministers-sochi");
        Assert.Equal("Sochi", sochi.Str("place"));
        Assert.Equal("occurred", sochi.Str("status"));
        Assert.Contains(sochi.GetProperty("actors").EnumerateArray(), a => a.Str("slug") == "syarhei-rumas");
        Assert.Contains(sochi.GetProperty("actors").EnumerateArray(), a => a.Str("slug") == "dmitry-medvedev");

        // The 8 December signing was announced and never took place: its status says so, not "occurred".
        var signing = Single(events, "2019-12-08-integration-plan-signing");
        Assert.Equal("planned", signing.Str("status"));
        Assert.Contains("did not take place", signing.Str("note"), StringComparison.OrdinalIgnoreCase);

        var normandy = Single(events, "2019-12-09-normandy-summit-paris");
        Assert.Equal("Paris", normandy.Str("place"));
        Assert.Equal("2019-12-09", normandy.GetProperty("date").Str("edtf"));
    }

    [Fact]
    public async Task ListTimelineEvents_FollowingLinkNext_VisitsEveryEventOnceInOrder()
    {
        using var client = factory.CreateClient();
        var all = (await (await client.GetAsync(new Uri("/api/v1/timelines/union-state/events?limit=200", UriKind.Relative))).JsonAsync())
            .Items().Select(e => e.Str("slug")).ToList();

        var seen = new List<string>();
        var url = "/api/v1/timelines/union-state/events?limit=7";
        while (url is not null)
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.JsonAsync();
            seen.AddRange(page.Items().Select(e => e.Str("slug")));
            url = response.Headers.TryGetValues("Link", out var links) ? ParseNext(links.Single()) : null;
            Assert.Equal(url is null, page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null);
        }

        Assert.True(all.Count > 40, $"expected the whole bundled story, got {all.Count} events");
        Assert.Equal(all, seen);
    }

    [Fact]
    public async Task ListTimelineEvents_NewestFirst_ReversesTheOrder()
    {
        var oldest = await factory.GetJsonAsync<JsonElement>("/api/v1/timelines/union-state/events?limit=200");
        var newest = await factory.GetJsonAsync<JsonElement>("/api/v1/timelines/union-state/events?limit=200&sort=-date");
        Assert.Equal(oldest.Items().Select(e => e.Str("slug")).Reverse(), newest.Items().Select(e => e.Str("slug")));
    }

    [Fact]
    public async Task ListTimelineEvents_UnknownTimeline_Returns404Problem()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/v1/timelines/no-such-story/events", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-such-story", (await response.JsonAsync()).Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListTimelines_IncludesUnionStateWithCounts()
    {
        var page = await factory.GetJsonAsync<JsonElement>("/api/v1/timelines");
        var unionState = page.Items().Single(t => t.Str("slug") == "union-state");
        Assert.True(unionState.GetProperty("eventCount").GetInt32() > 40);
        Assert.Equal(15, unionState.GetProperty("commitmentCount").GetInt32());
    }

    private static JsonElement Single(List<JsonElement> events, string slug) => Assert.Single(events, e => e.Str("slug") == slug);

    private static string ParseNext(string link)
    {
        Assert.EndsWith("rel=\"next\"", link, StringComparison.Ordinal);
        return link[(link.IndexOf('<', StringComparison.Ordinal) + 1)..link.IndexOf('>', StringComparison.Ordinal)];
    }
}
