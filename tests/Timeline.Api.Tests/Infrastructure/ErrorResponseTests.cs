using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Timeline.Api.Domain;
using Timeline.Api.Tests.Features.Editing;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Tests.Infrastructure;

/// <summary>Every error is problem+json whatever the client accepts, names no .NET type, and expected ones log no stack trace.</summary>
public sealed class ErrorResponseTests(ErrorResponseTests.App app) : IClassFixture<ErrorResponseTests.App>
{
    public static TheoryData<string?> AcceptValues => [null, "application/xml", "text/html", "text/plain", "image/png", "*/*", "application/json"];

    [Theory]
    [MemberData(nameof(AcceptValues))]
    public async Task Unauthorized_IsProblemJson_WhateverTheClientAccepts(string? accept)
    {
        using var client = app.Factory.CreateClient();
        using var request = Request(HttpMethod.Delete, "/api/v1/events/1999-12-08-union-state-treaty", accept);
        using var response = await client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AcceptValues))]
    public async Task Forbidden_IsProblemJson_WhateverTheClientAccepts(string? accept)
    {
        using var client = app.CreateClient(await app.CreateKeyAsync(ApiKeyRole.Editor));
        using var request = Request(HttpMethod.Post, "/api/v1/commitments/single-currency/assessments/1/retraction", accept);
        request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(AcceptValues))]
    public async Task NotFoundAndMethodNotAllowed_AreProblemJson_WhateverTheClientAccepts(string? accept)
    {
        using var client = app.Factory.CreateClient();
        using var missing = await client.SendAsync(Request(HttpMethod.Get, "/api/v1/no-such-thing", accept));
        await AssertProblemAsync(missing, HttpStatusCode.NotFound);

        using var asset = await client.SendAsync(Request(HttpMethod.Get, "/embed/assets/no-such.js", accept));
        await AssertProblemAsync(asset, HttpStatusCode.NotFound);

        using var wrongMethod = await client.SendAsync(Request(HttpMethod.Put, "/api/v1/timelines", accept));
        await AssertProblemAsync(wrongMethod, HttpStatusCode.MethodNotAllowed);
        Assert.Contains("GET", wrongMethod.Content.Headers.Allow);
    }

    [Theory]
    [MemberData(nameof(AcceptValues))]
    public async Task UnsupportedMediaType_IsProblemJsonThatSaysWhatToSend(string? accept)
    {
        using var client = app.CreateClient(await app.CreateKeyAsync(ApiKeyRole.Editor));
        using var noContentType = Request(HttpMethod.Post, "/api/v1/actors", accept);
        noContentType.Content = new ByteArrayContent("""{"slug":"x"}"""u8.ToArray());
        using var none = await client.SendAsync(noContentType);
        var problem = await AssertProblemAsync(none, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var textPlain = Request(HttpMethod.Post, "/api/v1/actors", accept);
        textPlain.Content = new StringContent("""{"slug":"x"}""", Encoding.UTF8, "text/plain");
        using var wrong = await client.SendAsync(textPlain);
        await AssertProblemAsync(wrong, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task TooManyRequests_IsProblemJson_WhenTheClientAcceptsXml()
    {
        using var limited = new TimelineApiFactory { ReadsPerMinute = 1 };
        using var client = limited.CreateClient();
        // Two different URLs: a repeated read is answered by the output cache, which is not counted.
        using var first = await client.SendAsync(Request(HttpMethod.Get, "/api/v1/timelines", "application/xml"));
        using var second = await client.SendAsync(Request(HttpMethod.Get, "/api/v1/timelines?limit=1", "application/xml"));

        await AssertProblemAsync(second, HttpStatusCode.TooManyRequests);
        Assert.NotNull(second.Headers.RetryAfter);
    }

    [Theory]
    [InlineData("/api/v1/events?limit=abc", "limit", "'abc' is not a whole number.")]
    [InlineData("/api/v1/events?limit=99999999999", "limit", "'99999999999' is not a whole number.")]
    [InlineData("/api/v1/commitments?limit=1.5", "limit", "'1.5' is not a whole number.")]
    public async Task BadQueryValues_AreExplainedWithoutDotNetTypeNames(string url, string field, string reason)
    {
        using var client = app.Factory.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains((field, reason), problem.FieldErrors());
    }

    [Theory]
    [InlineData("""{"slug":1,"name":"X","kind":"person"}""", "slug")]
    [InlineData("""{"slug":"a","name":"X","kind":"person","aliases":"not a list"}""", "aliases")]
    [InlineData("""{"slug":"a","name":{"x":1},"kind":"person"}""", "name")]
    [InlineData("""{"slug":"a","name":"X","kind":"person","aliases":[1]}""", "aliases[0]")]
    public async Task WrongJsonTypes_AreExplainedWithoutDotNetTypeNames(string body, string field)
    {
        using var client = app.CreateClient(await app.CreateKeyAsync(ApiKeyRole.Editor));
        using var response = await client.PostAsync(new Uri("/api/v1/actors", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(problem.FieldErrors(), e => e.Name == field);
    }

    [Fact]
    public async Task ExpectedConditions_AreLoggedWithoutStackTraces()
    {
        using var client = app.CreateClient(await app.CreateKeyAsync(ApiKeyRole.Editor));
        app.Logs.Clear();

        // An idempotent retry, answered from the stored response.
        var body = WriteClient.EventBody(WriteClient.NewSlug("2026-11-20-logged"));
        using var created = await client.SendAsync(HttpMethod.Post, "/api/v1/events", body, idempotencyKey: "log-test");
        using var replayed = await client.SendAsync(HttpMethod.Post, "/api/v1/events", body, idempotencyKey: "log-test");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("true", replayed.Headers.GetValues("Idempotent-Replayed").Single());

        // A duplicate slug (409) and a stale If-Match (412) come from failed saves the code expects.
        using var duplicate = await client.SendAsync(HttpMethod.Post, "/api/v1/events", body);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);

        // A chunked body that outgrows the limit while streaming: 413.
        using var chunked = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events")
        {
            Content = new StreamContent(new MemoryStream(new byte[2 * 1024 * 1024])),
        };
        chunked.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        chunked.Headers.TransferEncodingChunked = true;
        using var tooLarge = await client.SendAsync(chunked);
        await AssertProblemAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge);

        var noisy = app.Logs.Where(l => l.Level >= LogLevel.Warning || l.Exception is not null).ToList();
        Assert.True(noisy.Count == 0, "Expected conditions were logged as warnings or errors, or with exceptions:\n"
            + string.Join('\n', noisy.Select(l => $"{l.Level} {l.Category}: {l.Message} {l.Exception?.GetType().Name}")));
        Assert.Contains(app.Logs, l => l.Level == LogLevel.Information && l.Message.Contains("413", StringComparison.Ordinal));
    }

    private static HttpRequestMessage Request(HttpMethod method, string url, string? accept)
    {
        var request = new HttpRequestMessage(method, url);
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        return request;
    }

    /// <summary>The status, problem+json with status and title, and no .NET type or stack in the text.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotMatch(HostileRequests.DotNetTypeNames, text);
        using var json = JsonDocument.Parse(text);
        Assert.Equal((int)status, json.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("title").GetString()));
        return json.RootElement.Clone();
    }

    /// <summary>One app whose log entries (Information and above) are kept for the log test.</summary>
    public sealed class App : IDisposable
    {
        public App() => Factory = new TimelineApiFactory
        {
            Settings = new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Information" },
            TestServices = services => services.AddLogging(logging => logging.AddProvider(new Capture(Logs))),
        };

        public TimelineApiFactory Factory { get; }

        public ConcurrentQueue<LogEntry> Logs { get; } = new();

        public Task<string> CreateKeyAsync(ApiKeyRole role) => Factory.CreateKeyAsync(role);

        public HttpClient CreateClient(string key) => Factory.CreateClient(key);

        public void Dispose() => Factory.Dispose();
    }

    public sealed record LogEntry(LogLevel Level, string Category, string Message, Exception? Exception);

    /// <summary>Keeps every log entry of an app, for tests that check what was (not) logged.</summary>
    internal sealed class Capture(ConcurrentQueue<LogEntry> entries) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(entries, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<LogEntry> entries, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue(new LogEntry(logLevel, category, formatter(state, exception), exception));
        }
    }
}
