using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Timeline.Api.Infrastructure;

/// <summary>
/// OpenTelemetry traces and metrics of HTTP (ASP.NET Core, Kestrel, the rate limiter), EF Core and the output cache.
/// Exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the standard OTEL_* variables apply), and as a
/// Prometheus <c>/metrics</c> endpoint when <c>Telemetry:Prometheus</c> is true. With neither, nothing is collected.
/// </summary>
public static class Telemetry
{
    public const string Source = "Timeline.Api";
    public const string DefaultServiceName = "timeline-api";
    public const string MetricsPath = "/metrics";

    /// <summary>Spans and counters of the API's own code (the output cache lookups).</summary>
    public static readonly ActivitySource Activities = new(Source);
    public static readonly Meter Meter = new(Source);

    public static bool OtlpEnabled(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    public static bool PrometheusEnabled(IConfiguration configuration) => configuration.GetValue("Telemetry:Prometheus", defaultValue: false);

    public static IServiceCollection AddTimelineTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        InstrumentOutputCache(services);
        var otlp = OtlpEnabled(configuration);
        var prometheus = PrometheusEnabled(configuration);
        if (!otlp && !prometheus)
            return services;

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? DefaultServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddMeter(Source, "Microsoft.EntityFrameworkCore", "System.Runtime");
                if (prometheus)
                    metrics.AddPrometheusExporter();
            });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path))
                .AddEntityFrameworkCoreInstrumentation()
                .AddSource(Source));
            // Traces, metrics and logs, with the endpoint, protocol and headers of the OTEL_EXPORTER_OTLP_* settings.
            telemetry.UseOtlpExporter();
        }

        return services;
    }

    /// <summary>
    /// Builds the tracer and meter providers now rather than when the host starts, so that they listen before the
    /// database start-up (migrate, seed) runs its first EF Core command: subscribed later, EF Core's spans were
    /// missing from the export in about one start out of three (seen in TelemetryTests).
    /// </summary>
    public static void StartTelemetry(this IServiceProvider services)
    {
        _ = services.GetService<TracerProvider>();
        _ = services.GetService<MeterProvider>();
    }

    public static WebApplication MapTimelineMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (PrometheusEnabled(app.Configuration))
            app.MapPrometheusScrapingEndpoint(MetricsPath).DisableRateLimiting();
        return app;
    }

    /// <summary>Health probes and scrapes come every few seconds and say nothing about the API's use.</summary>
    private static bool IsProbe(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments(MetricsPath);

    /// <summary>Wraps whichever output cache store is registered (memory or Redis) in <see cref="InstrumentedOutputCacheStore"/>.</summary>
    private static void InstrumentOutputCache(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IOutputCacheStore));
        if (registered is null)
            return;
        services.Remove(registered);
        services.AddSingleton<IOutputCacheStore>(provider => InstrumentedOutputCacheStore.Wrap((IOutputCacheStore)(
            registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!))));
    }
}

/// <summary>
/// The output cache store with a span per operation and the counter <c>timeline.output_cache.lookups</c>
/// (<c>result</c> = hit or miss). Both cost nothing while no exporter listens. It offers the buffer interface
/// (<see cref="IOutputCacheBufferStore"/>) only where the store has it, as <see cref="Wrap"/> chooses: claimed over the
/// memory store, it made the middleware copy every cached answer into a second buffer before sending it.
/// </summary>
public class InstrumentedOutputCacheStore(IOutputCacheStore inner) : IOutputCacheStore
{
    private static readonly Counter<long> Lookups = Telemetry.Meter.CreateCounter<long>(
        "timeline.output_cache.lookups", unit: "{lookup}", description: "Output cache lookups, by result (hit or miss).");

    private static readonly KeyValuePair<string, object?> Hit = new("result", "hit");
    private static readonly KeyValuePair<string, object?> Miss = new("result", "miss");

    /// <summary>The store instrumented: the memory store as a plain store, Redis's as a buffer store.</summary>
    public static InstrumentedOutputCacheStore Wrap(IOutputCacheStore store) =>
        store is IOutputCacheBufferStore buffers ? new InstrumentedOutputCacheBufferStore(buffers) : new InstrumentedOutputCacheStore(store);

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.Activities.StartActivity("output cache get");
        var value = await inner.GetAsync(key, cancellationToken);
        Record(activity, value is not null);
        return value;
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.Activities.StartActivity("output cache set");
        await inner.SetAsync(key, value, tags, validFor, cancellationToken);
    }

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.Activities.StartActivity("output cache evict");
        activity?.SetTag("timeline.output_cache.tag", tag);
        await inner.EvictByTagAsync(tag, cancellationToken);
    }

    protected static void Record(Activity? activity, bool hit)
    {
        activity?.SetTag("timeline.output_cache.result", hit ? "hit" : "miss");
        Lookups.Add(1, hit ? Hit : Miss);
    }
}

/// <summary><see cref="InstrumentedOutputCacheStore"/> over a store that reads and writes buffers (Redis's).</summary>
public sealed class InstrumentedOutputCacheBufferStore(IOutputCacheBufferStore inner) : InstrumentedOutputCacheStore(inner), IOutputCacheBufferStore
{
    private readonly IOutputCacheBufferStore _buffers = inner;

    public async ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.Activities.StartActivity("output cache get");
        var found = await _buffers.TryGetAsync(key, destination, cancellationToken);
        Record(activity, found);
        return found;
    }

    public async ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.Activities.StartActivity("output cache set");
        await _buffers.SetAsync(key, value, tags, validFor, cancellationToken);
    }
}
