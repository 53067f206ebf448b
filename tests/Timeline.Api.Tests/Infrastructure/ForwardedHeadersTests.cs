using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Timeline.Api.Tests.Infrastructure;

/// <summary>
/// X-Forwarded-For and X-Forwarded-Proto are believed only from the proxies the operator lists. The in-memory test
/// server has no peer address, so a startup filter gives each request the peer a test names in <c>X-Test-Peer</c>.
/// </summary>
public sealed class ForwardedHeadersTests
{
    [Fact]
    public async Task NoProxyConfigured_ForwardedHeadersAreIgnored_ClientsBehindOnePeerShareItsLimit()
    {
        using var factory = App(readsPerMinute: 2);
        using var client = factory.CreateClient();

        var statuses = new[]
        {
            await ReadAsync(client, peer: "10.0.0.5", forwardedFor: "203.0.113.1"),
            await ReadAsync(client, peer: "10.0.0.5", forwardedFor: "203.0.113.2"),
            await ReadAsync(client, peer: "10.0.0.5", forwardedFor: "203.0.113.3"),
        };

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.StartsWith("http://", await OEmbedUrlAsync(client, peer: "10.0.0.77", proto: "https"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KnownProxy_ItsClientsAreLimitedEachOnTheirOwn_AndItsSchemeIsUsedForLinks()
    {
        using var factory = App(readsPerMinute: 2, ("ForwardedHeaders:KnownProxies:0", "10.0.0.5"));
        using var client = factory.CreateClient();

        var first = new[]
        {
            await ReadAsync(client, peer: "10.0.0.5", forwardedFor: "203.0.113.1"),
            await ReadAsync(client, peer: "10.0.0.5", forwardedFor: "203.0.113.1"),
            await ReadAsync(client, peer: "10.0.0.5", forwardedFor: "203.0.113.1"),
        };
        var second = await ReadAsync(client, peer: "10.0.0.5", forwardedFor: "203.0.113.2");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], first);
        Assert.Equal(HttpStatusCode.OK, second);
        Assert.StartsWith("https://", await OEmbedUrlAsync(client, peer: "10.0.0.5", proto: "https"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UntrustedPeer_CannotChooseItsAddress()
    {
        using var factory = App(readsPerMinute: 2, ("ForwardedHeaders:KnownProxies:0", "10.0.0.5"));
        using var client = factory.CreateClient();

        var statuses = new[]
        {
            await ReadAsync(client, peer: "198.51.100.9", forwardedFor: "203.0.113.1"),
            await ReadAsync(client, peer: "198.51.100.9", forwardedFor: "203.0.113.2"),
            await ReadAsync(client, peer: "198.51.100.9", forwardedFor: "203.0.113.3"),
        };

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.StartsWith("http://", await OEmbedUrlAsync(client, peer: "198.51.100.10", proto: "https"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KnownNetwork_AChainOfTrustedHopsEndsAtTheClient()
    {
        using var factory = App(readsPerMinute: 1, ("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/8"));
        using var client = factory.CreateClient();

        // A CDN (10.9.9.9) in front of the load balancer (10.0.0.5): the client is the first untrusted address from the right.
        var first = await ReadAsync(client, peer: "10.0.0.5", forwardedFor: "198.51.100.7, 10.9.9.9");
        var again = await ReadAsync(client, peer: "10.0.0.5", forwardedFor: "203.0.113.50, 198.51.100.7, 10.9.9.9");
        var other = await ReadAsync(client, peer: "10.0.0.5", forwardedFor: "198.51.100.8, 10.9.9.9");

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.TooManyRequests, again);
        Assert.Equal(HttpStatusCode.OK, other);
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "not-an-address", "KnownProxies")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/99", "KnownNetworks")]
    public void InvalidProxySetting_StopsTheStartWithAClearMessage(string key, string value, string named)
    {
        using var factory = App(readsPerMinute: 10, (key, value));
        var exception = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains(named, (exception.InnerException ?? exception).Message, StringComparison.Ordinal);
    }

    private static TimelineApiFactory App(int readsPerMinute, params (string Key, string Value)[] settings) => new()
    {
        ReadsPerMinute = readsPerMinute,
        Settings = settings.ToDictionary(s => s.Key, s => s.Value),
        TestServices = services => services.AddSingleton<IStartupFilter, PeerFromHeader>(),
    };

    /// <summary>Each read is of a URL not read before (limit 1, 2, ...): a repeated one is answered by the output cache, which is not counted.</summary>
    private static int _reads;

    private static async Task<HttpStatusCode> ReadAsync(HttpClient client, string peer, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/timelines?limit={Interlocked.Increment(ref _reads) % 200 + 1}");
        request.Headers.Add("X-Test-Peer", peer);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>The iframe URL oEmbed builds from the request's own scheme and host.</summary>
    private static async Task<string> OEmbedUrlAsync(HttpClient client, string peer, string proto)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/timelines/union-state");
        request.Headers.Add("X-Test-Peer", peer);
        request.Headers.Add("X-Forwarded-For", "203.0.113.99");
        request.Headers.Add("X-Forwarded-Proto", proto);
        using var response = await client.SendAsync(request);
        var link = response.Headers.GetValues("Link").Single(l => l.Contains("oembed", StringComparison.Ordinal));
        return link[(link.IndexOf('<', StringComparison.Ordinal) + 1)..];
    }

    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate following) =>
            {
                if (IPAddress.TryParse(context.Request.Headers["X-Test-Peer"], out var peer))
                    context.Connection.RemoteIpAddress = peer;
                return following(context);
            });
            next(app);
        };
    }
}
