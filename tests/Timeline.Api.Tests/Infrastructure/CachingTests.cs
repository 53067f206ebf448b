using System.Net;
using System.Net.Http.Headers;

namespace Timeline.Api.Tests.Infrastructure;

[Collection(BundledData.Name)]
public sealed class CachingTests(TimelineApiFactory factory)
{
    [Theory]
    [InlineData("/api/v1/timelines")]
    [InlineData("/api/v1/timelines/union-state")]
    [InlineData("/api/v1/timelines/union-state/events?from=2019-12")]
    [InlineData("/api/v1/timelines/union-state/commitments")]
    [InlineData("/api/v1/timelines/union-state/scorecard?asOf=2019-12-08")]
    [InlineData("/api/v1/events/1999-12-08-union-state-treaty")]
    [InlineData("/api/v1/commitments/single-currency/history")]
    [InlineData("/api/v1/actors?q=medvedev")]
    [InlineData("/api/v1/search?q=sochi")]
    [InlineData("/api/v1/timelines/union-state/events.csv?from=2019-12")]
    [InlineData("/api/v1/timelines/union-state/commitments.csv")]
    [InlineData("/api/v1/timelines/union-state/calendar.ics")]
    [InlineData("/api/v1/timelines/union-state/feed.atom")]
    [InlineData("/api/v1/timelines/union-state/timelinejs")]
    [InlineData("/embed/union-state?theme=dark")]
    [InlineData("/oembed?url=http%3A%2F%2Flocalhost%2Fembed%2Funion-state")]
    public async Task Get_WithTheReturnedETag_Returns304(string url)
    {
        using var client = factory.CreateClient();
        using var first = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.Contains("max-age", first.Headers.CacheControl?.ToString(), StringComparison.Ordinal);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(etag);
        using var second = await client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(etag, second.Headers.ETag);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_WithAStaleETag_ReturnsTheBody()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/timelines/union-state");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"stale\""));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_Repeated_IsServedFromTheOutputCache()
    {
        using var client = factory.CreateClient();
        var url = new Uri("/api/v1/events?tag=treaty&limit=3", UriKind.Relative);
        using var first = await client.GetAsync(url);
        using var second = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        // The output cache answers repeats with an Age header and the stored ETag.
        Assert.NotNull(second.Headers.Age);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());

        using var other = await client.GetAsync(new Uri("/api/v1/events?tag=treaty&limit=4", UriKind.Relative));
        Assert.NotEqual(first.Headers.ETag, other.Headers.ETag);
    }

    [Fact]
    public async Task Get_Errors_AreNotCacheable()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/v1/events?limit=0", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Null(response.Headers.ETag);
    }

    [Fact]
    public async Task Get_FromAnotherOrigin_IsAllowedByCors()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/timelines");
        request.Headers.Add("Origin", "https://newsroom.example");
        using var response = await client.SendAsync(request);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }
}
