using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Timeline.Api.Tests.Infrastructure;

/// <summary>Traces and metrics of HTTP, EF Core and the output cache: over OTLP when configured, on /metrics when turned on.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Metrics_AreOffByDefault()
    {
        using var factory = new TimelineApiFactory();
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        await ErrorResponseTests.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Prometheus_TurnedOn_ServesHttpEfCoreAndOutputCacheMetrics()
    {
        using var factory = new TimelineApiFactory { Settings = new Dictionary<string, string> { ["Telemetry:Prometheus"] = "true" } };
        using var client = factory.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            // The second read comes from the output cache.
            using var read = await client.GetAsync(new Uri("/api/v1/timelines/union-state/events?limit=3", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        var text = "";
        for (var attempt = 0; attempt < 100 && !text.Contains("result=\"hit\"", StringComparison.Ordinal); attempt++)
        {
            // The exporter caches a scrape for a moment: ask again until the latest counts are in.
            using var scrape = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
            Assert.Equal("text/plain", scrape.Content.Headers.ContentType?.MediaType);
            text = await scrape.Content.ReadAsStringAsync();
            await Task.Delay(50);
        }

        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
        Assert.Contains("http_route=\"/api/v1/timelines/{slug}/events\"", text, StringComparison.Ordinal);
        Assert.Contains("timeline_output_cache_lookups_total", text, StringComparison.Ordinal);
        Assert.Contains("result=\"hit\"", text, StringComparison.Ordinal);
        Assert.Contains("microsoft_entityframeworkcore_", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Otlp_Configured_ExportsTracesOfHttpEfCoreAndTheOutputCache_AndMetrics()
    {
        await using var collector = await Collector.StartAsync();
        using var factory = new TimelineApiFactory
        {
            Settings = new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_SERVICE_NAME"] = "timeline-under-test",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
            },
        };
        using var client = factory.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            using var read = await client.GetAsync(new Uri("/api/v1/commitments/single-currency", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        // A few reads that miss the cache, so that EF Core's command spans are made after the app is warm too. (EF Core's
        // spans were missing in about one run of three until the tracer was built before the database start-up:
        // Telemetry.StartTelemetry.)
        for (var i = 0; i < 3; i++)
        {
            using var read = await client.GetAsync(new Uri($"/api/v1/events?limit=5&tag=integration&test-cache={i}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        // OTLP bodies are protobuf, in which names and string values appear as UTF-8.
        // EF Core's spans (db.system) may come in a later batch than the requests': wait for them too.
        var database = TestDatabase.IsPostgres ? "postgresql" : "sqlite";
        var traces = await collector.WaitForAsync("traces", "api/v1/commitments/{slug}", "output cache get", "timeline-under-test", database);
        Assert.Contains(database, traces, StringComparison.Ordinal);
        var metrics = await collector.WaitForAsync("metrics", "http.server.request.duration", "timeline.output_cache.lookups");
        Assert.Contains("timeline-under-test", metrics, StringComparison.Ordinal);
    }

    /// <summary>A stand-in OTLP/HTTP collector on a loopback port that keeps what it is sent, by signal.</summary>
    private sealed class Collector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentDictionary<string, ConcurrentQueue<byte[]>> _received = new(StringComparer.Ordinal);

        private Collector(WebApplication app) => _app = app;

        public string Url { get; private set; } = "";

        public static async Task<Collector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var collector = new Collector(app);
            app.MapPost("/v1/{signal}", async (string signal, HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                collector._received.GetOrAdd(signal, _ => new()).Enqueue(body.ToArray());
                return Results.Bytes([], "application/x-protobuf");
            });
            await app.StartAsync();
            collector.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return collector;
        }

        /// <summary>Everything received for the signal once it holds every expected text (the exporters send in batches).</summary>
        public async Task<string> WaitForAsync(string signal, params string[] expected)
        {
            var text = "";
            for (var attempt = 0; attempt < 300; attempt++)
            {
                text = string.Join('\n', (_received.TryGetValue(signal, out var bodies) ? bodies : []).Select(Encoding.UTF8.GetString));
                if (expected.All(e => text.Contains(e, StringComparison.Ordinal)))
                    return text;
                await Task.Delay(50);
            }

            Assert.Fail($"The collector's {signal} lack {string.Join(", ", expected.Where(e => !text.Contains(e, StringComparison.Ordinal)))}.");
            return text;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
