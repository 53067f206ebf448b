using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Timeline.Api.Tests.Infrastructure;

/// <summary>HEAD wherever GET is, nosniff on everything, no Server header, Brotli and gzip, Swagger UI in Production.</summary>
public sealed class HttpHygieneTests(HttpHygieneTests.Server fixture) : IClassFixture<HttpHygieneTests.Server>
{
    /// <summary>A GET of every kind the API serves: JSON lists and items, exports, the widget, oEmbed, health, OpenAPI, Swagger UI.</summary>
    public static TheoryData<string> Gets =>
    [
        "/api/v1/timelines", "/api/v1/timelines/union-state", "/api/v1/timelines/union-state/events?limit=5",
        "/api/v1/timelines/union-state/scorecard?asOf=2019-12-08", "/api/v1/events/1999-12-08-union-state-treaty",
        "/api/v1/commitments/single-currency/history", "/api/v1/actors?q=Lukashenko", "/api/v1/search?q=currency", "/api/v1/changes",
        "/api/v1/timelines/union-state/events.csv", "/api/v1/timelines/union-state/calendar.ics", "/api/v1/timelines/union-state/feed.atom",
        "/api/v1/timelines/union-state/timelinejs", "/embed/union-state", "/embed/assets/widget.js", "/health/ready", "/openapi/v1.json",
        "/swagger/index.html", "/api/v1/events/no-such-event", "/api/v1/events?from=2019-13-01",
    ];

    [Theory]
    [MemberData(nameof(Gets))]
    public async Task Head_AnswersLikeGetWithoutTheBody(string url)
    {
        using var client = fixture.Kestrel.CreateClient();
        using var get = await client.GetAsync(new Uri(url, UriKind.Relative));
        var getBody = await get.Content.ReadAsByteArrayAsync();
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        var headBody = await head.Content.ReadAsByteArrayAsync();

        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Empty(headBody);
        Assert.Equal(get.Content.Headers.ContentType?.ToString(), head.Content.Headers.ContentType?.ToString());
        Assert.Equal(get.Headers.CacheControl, head.Headers.CacheControl);
        // A health report is new each time (its timings); every other body, so its tag and length, is the same for both.
        if (url.StartsWith("/health", StringComparison.Ordinal))
            return;
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        if (get.Content.Headers.ContentLength is { } length)
        {
            Assert.Equal(getBody.Length, length);
            Assert.Equal(length, head.Content.Headers.ContentLength);
        }
    }

    [Theory]
    [MemberData(nameof(Gets))]
    public async Task EveryResponse_IsNosniffAndNamesNoServer(string url)
    {
        using var client = fixture.Kestrel.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.False(response.Headers.Contains("Server"), $"Server: {string.Join(",", response.Headers.Server)}");
    }

    [Theory]
    [InlineData("/swagger/no-such-page")]
    [InlineData("/api/v1/no-such-list")]
    [InlineData("/no-such-page")]
    public async Task UnknownPaths_OnKestrel_AreProblemJson(string url)
    {
        using var client = fixture.Kestrel.CreateClient();
        using var get = await client.GetAsync(new Uri(url, UriKind.Relative));
        await ErrorResponseTests.AssertProblemAsync(get, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ErrorsNotModifiedAndRefusals_AreNosniffToo()
    {
        using var client = fixture.Kestrel.CreateClient();
        using var first = await client.GetAsync(new Uri("/api/v1/timelines/union-state", UriKind.Relative));
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/api/v1/timelines/union-state");
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var notModified = await client.SendAsync(conditional);
        using var unauthorized = await client.DeleteAsync(new Uri("/api/v1/events/x", UriKind.Relative));
        using var notAllowed = await client.PutAsync(new Uri("/api/v1/timelines", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, notAllowed.StatusCode);
        foreach (var response in new[] { notModified, unauthorized, notAllowed })
        {
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.False(response.Headers.Contains("Server"));
        }
    }

    [Theory]
    [InlineData("/api/v1/timelines/union-state/events?limit=50", "br", "application/json")]
    [InlineData("/api/v1/timelines/union-state/events?limit=50", "gzip", "application/json")]
    [InlineData("/api/v1/timelines/union-state/events.csv", "br", "text/csv")]
    [InlineData("/api/v1/timelines/union-state/commitments.csv", "gzip", "text/csv")]
    [InlineData("/api/v1/timelines/union-state/calendar.ics", "br", "text/calendar")]
    [InlineData("/api/v1/timelines/union-state/feed.atom", "gzip", "application/atom+xml")]
    [InlineData("/embed/union-state", "br", "text/html")]
    [InlineData("/api/v1/events/no-such-event", "gzip", "application/problem+json")]
    public async Task TextResponses_AreCompressedWithWhatTheClientAccepts(string url, string encoding, string mediaType)
    {
        using var client = fixture.Kestrel.CreateClient();
        using var plain = await client.GetAsync(new Uri(url, UriKind.Relative));
        var plainBody = await plain.Content.ReadAsByteArrayAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        using var compressed = await client.SendAsync(request);
        var compressedBody = await compressed.Content.ReadAsByteArrayAsync();

        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(mediaType, compressed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(encoding, Assert.Single(compressed.Content.Headers.ContentEncoding));
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        if (plainBody.Length > 1024)
            Assert.True(compressedBody.Length < plainBody.Length, $"{compressedBody.Length} compressed bytes, {plainBody.Length} plain");
        // The same bytes, but for a problem's traceId, which is each request's own.
        Assert.Equal(WithoutTraceId(plainBody), WithoutTraceId(Decompress(compressedBody, encoding)));
    }

    private static string WithoutTraceId(byte[] body) =>
        System.Text.RegularExpressions.Regex.Replace(System.Text.Encoding.UTF8.GetString(body), "\"traceId\":\"[^\"]*\"", "");

    [Fact]
    public async Task SwaggerUi_IsOnInProduction()
    {
        using var factory = fixture.InProcess.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        using var client = factory.CreateClient();
        using var page = await client.GetAsync(new Uri("/swagger/index.html", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("swagger-ui", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SwaggerUi_TurnedOff_Is404WhileTheDocumentIsStillServed()
    {
        using var factory = fixture.InProcess.WithWebHostBuilder(b => b.UseEnvironment("Production").UseSetting("SwaggerUi:Enabled", "false"));
        using var client = factory.CreateClient();
        using var page = await client.GetAsync(new Uri("/swagger/index.html", UriKind.Relative));
        using var document = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        await ErrorResponseTests.AssertProblemAsync(page, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
    }

    private static byte[] Decompress(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>One server on Kestrel (what a client sees on the wire) and one in-process app for environment variants.</summary>
    public sealed class Server : IAsyncLifetime
    {
        public KestrelServer Kestrel { get; private set; } = null!;

        public TimelineApiFactory InProcess { get; } = new();

        public async Task InitializeAsync() => Kestrel = await KestrelServer.StartAsync();

        public async Task DisposeAsync()
        {
            await Kestrel.DisposeAsync();
            InProcess.Dispose();
        }
    }
}
