using System.Data.Common;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Infrastructure.Auth;
using Timeline.Api.Tests.Features.Editing;

namespace Timeline.Api.Tests.Features.Events;

/// <summary>
/// An event's ETag is the validator of exactly what a client reads: it changes when the event changes and when a part
/// of another resource it shows changes (an actor's name), and stays put otherwise; and a write of an event costs a
/// fixed, small number of database round trips, counted by an EF interceptor.
/// </summary>
public sealed class EventETagAndCostTests : IClassFixture<EventETagAndCostTests.CountingFactory>
{
    private readonly CountingFactory _factory;

    public EventETagAndCostTests(CountingFactory factory) => _factory = factory;

    [Fact]
    public async Task ETag_ChangesWithTheEventAndWithTheNameOfAnActorItShows_AndOtherwiseStays()
    {
        using var client = _factory.CreateClient(await _factory.CreateKeyAsync(ApiKeyRole.Editor));
        var slug = WriteClient.NewSlug("2026-11-21-etag");
        using (var created = await client.SendAsync(HttpMethod.Post, "/api/v1/events", WriteClient.EventBody(slug)))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var url = $"/api/v1/events/{slug}";
        var first = await client.ETagOfAsync(url);

        // Unchanged: the same validator, and a conditional GET is a 304.
        Assert.Equal(first, await client.ETagOfAsync(url));
        Assert.Equal(HttpStatusCode.NotModified, await ConditionalGetAsync(client, url, first));

        // Another event changing (one this event does not show) changes nothing here.
        var other = WriteClient.EventBody(WriteClient.NewSlug("2026-11-22-other"));
        other["related"] = new JsonArray();
        using (var created = await client.SendAsync(HttpMethod.Post, "/api/v1/events", other))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(first, await client.ETagOfAsync(url));

        // The actor it shows is renamed: the event reads differently, so its ETag changes and the old one gives no 304.
        const string actor = "/api/v1/actors/dmitry-medvedev";
        using (var renamed = await client.SendAsync(HttpMethod.Patch, actor, new JsonObject { ["name"] = "Dmitry A. Medvedev" },
            await client.ETagOfAsync(actor), mediaType: "application/merge-patch+json"))
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var afterRename = await client.ETagOfAsync(url);
        Assert.NotEqual(first, afterRename);
        Assert.Equal(HttpStatusCode.OK, await ConditionalGetAsync(client, url, first));
        Assert.Contains("Dmitry A. Medvedev", await client.GetStringAsync(new Uri(url, UriKind.Relative)), StringComparison.Ordinal);

        // The event itself changes: a new ETag again, and the write's answer carries the one the next read gives.
        using var patched = await client.SendAsync(HttpMethod.Patch, url, new JsonObject { ["place"] = "Brest" }, afterRename, "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.NotEqual(afterRename, patched.Headers.ETag!.ToString());
        Assert.Equal(patched.Headers.ETag!.ToString(), await client.ETagOfAsync(url));
    }

    [Fact]
    public async Task PatchOfAnEvent_ReadsTheDatabaseAtMostFourTimes_AllBeforeItsFirstWrite()
    {
        using var client = _factory.CreateClient(await _factory.CreateKeyAsync(ApiKeyRole.Editor));
        var slug = WriteClient.NewSlug("2026-11-23-cost");
        using (var created = await client.SendAsync(HttpMethod.Post, "/api/v1/events", WriteClient.EventBody(slug)))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var url = $"/api/v1/events/{slug}";
        var etag = await client.ETagOfAsync(url);

        _factory.Counter.Start();
        using var patched = await client.SendAsync(HttpMethod.Patch, url,
            new JsonObject { ["title"] = "Prime ministers meet in Brest", ["tags"] = new JsonArray("integration", "border") }, etag, "application/merge-patch+json");
        var commands = _factory.Counter.Stop();

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var listed = string.Join("\n---\n", commands.Select(c => c.Length > 300 ? c[..150] + " ... " + c[^150..] : c));
        // Queries are the reads; the rest are the statements that store the change (one per changed row, the change log
        // entry and the search row: SQLite sends each on its own, PostgreSQL batches them).
        var reads = commands.Select((c, i) => (Text: c.TrimStart(), Index: i))
            .Where(c => c.Text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || c.Text.StartsWith("WITH", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(reads.Count <= 4, $"{reads.Count} queries:\n{listed}");
        // The answer is built from what was loaded and changed: nothing is read again once the write has begun.
        var firstWrite = commands.FindIndex(c => !reads.Any(r => r.Text == c.TrimStart()));
        Assert.True(firstWrite < 0 || reads.All(r => r.Index < firstWrite), $"a read after the first write:\n{listed}");
    }

    private static async Task<HttpStatusCode> ConditionalGetAsync(HttpClient client, string url, string etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>The app with an interceptor counting the database commands the write endpoint sends (not the API key's check).</summary>
    public sealed class CountingFactory : IDisposable
    {
        private readonly TimelineApiFactory _inner;

        public CountingFactory()
        {
            Counter = new CommandCounter();
            _inner = new TimelineApiFactory
            {
                TestServices = services => services.ConfigureDbContext<TimelineDbContext>(options => options.AddInterceptors(Counter)),
            };
        }

        public CommandCounter Counter { get; }

        public Task<string> CreateKeyAsync(ApiKeyRole role) => _inner.CreateKeyAsync(role);

        public HttpClient CreateClient(string key) => _inner.CreateClient(key);

        public void Dispose() => _inner.Dispose();
    }

    /// <summary>Counts the commands sent between Start and Stop, leaving out the API key lookup every request makes.</summary>
    public sealed class CommandCounter : DbCommandInterceptor
    {
        private readonly List<string> _commands = [];
        private volatile bool _counting;

        public void Start()
        {
            lock (_commands)
                _commands.Clear();
            _counting = true;
        }

        public List<string> Stop()
        {
            _counting = false;
            lock (_commands)
                return [.. _commands];
        }

        private void Count(DbCommand command)
        {
            if (!_counting || command.CommandText.Contains("\"ApiKeys\"", StringComparison.Ordinal))
                return;
            lock (_commands)
                _commands.Add(command.CommandText);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Count(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Count(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
