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
            last = await client.GetAsync(new Uri("/api/v1/timelines", UriKind.Relative));
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
        last.Dispose();
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
