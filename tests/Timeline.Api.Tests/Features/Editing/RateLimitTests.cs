using System.Net;
using System.Text.Json.Nodes;
using Timeline.Api.Domain;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Tests.Features.Editing;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Reads_OverTheLimit_Get429WithRetryAfter()
    {
        using var factory = new TimelineApiFactory { ReadsPerMinute = 3 };
        using var client = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            // A URL of its own each time: a repeated read is answered by the output cache, which is not counted.
            last = await client.GetAsync(new Uri($"/api/v1/timelines?limit={i + 1}", UriKind.Relative));
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
        last.Dispose();
    }

    [Fact]
    public async Task Reads_AnsweredFromTheOutputCache_AreNotCounted()
    {
        using var factory = new TimelineApiFactory { ReadsPerMinute = 3 };
        using var client = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var repeated = await client.GetAsync(new Uri("/api/v1/timelines", UriKind.Relative));
            statuses.Add(repeated.StatusCode);
        }

        // One read reached the endpoint, so two more may; the third is over the limit.
        var others = new List<HttpStatusCode>();
        foreach (var limit in new[] { 1, 2, 3 })
        {
            using var other = await client.GetAsync(new Uri($"/api/v1/timelines?limit={limit}", UriKind.Relative));
            others.Add(other.StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], others);
    }

    [Fact]
    public async Task Writes_AreLimitedPerKey()
    {
        using var factory = new TimelineApiFactory { WritesPerMinute = 2 };
        using var first = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        using var second = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await first.SendAsync(HttpMethod.Post, "/api/v1/timelines", new JsonObject());
            statuses.Add(response.StatusCode);
        }

        using var other = await second.SendAsync(HttpMethod.Post, "/api/v1/timelines", new JsonObject());

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
    }
}
