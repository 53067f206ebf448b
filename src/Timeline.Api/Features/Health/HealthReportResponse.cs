using FastEndpoints;
using FastEndpoints.Swagger;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Timeline.Api.Features.Health;

/// <summary>The state of the server and of each check; <c>status</c> is <c>Healthy</c>, <c>Degraded</c> or <c>Unhealthy</c>.</summary>
public sealed class HealthReportResponse
{
    public required string Status { get; init; }
    public required double DurationMs { get; init; }
    public required IReadOnlyList<HealthCheckResponse> Checks { get; init; }
}

/// <summary>One check: its name (<c>database</c>, <c>migrations</c>, <c>redis</c>), state and what it found (never an exception).</summary>
public sealed class HealthCheckResponse
{
    public required string Name { get; init; }
    public required string Status { get; init; }
    public string? Description { get; init; }
    public required double DurationMs { get; init; }
}

/// <summary>What both health endpoints share: the checks run, the JSON sent, 200 when healthy and 503 when not.</summary>
public abstract class HealthEndpoint(HealthCheckService health) : EndpointWithoutRequest<HealthReportResponse>
{
    protected void ConfigureHealth(string route, string operationId, string summary, string description)
    {
        Get(route);
        RoutePrefixOverride(string.Empty);
        AllowAnonymous();
        // Probes are not clients: a load balancer asking every few seconds must never be rate limited out of the pool.
        Options(o => o.DisableRateLimiting());
        Description(d => d.WithName(operationId)
            .Produces<HealthReportResponse>(StatusCodes.Status503ServiceUnavailable, "application/json")
            .AutoTagOverride("health"));
        Summary(s =>
        {
            s.Summary = summary;
            s.Description = description + " 200 when healthy, 503 when not; never cached, never rate limited.";
        });
    }

    protected async Task SendReportAsync(Func<HealthCheckRegistration, bool> predicate, CancellationToken ct)
    {
        var report = await health.CheckHealthAsync(predicate, ct);
        HttpContext.Response.Headers.CacheControl = "no-store";
        var body = new HealthReportResponse
        {
            Status = report.Status.ToString(),
            DurationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            Checks = [.. report.Entries.Select(e => new HealthCheckResponse
            {
                Name = e.Key,
                Status = e.Value.Status.ToString(),
                Description = e.Value.Description,
                DurationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            })],
        };
        await Send.ResponseAsync(body, report.Status == HealthStatus.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, ct);
    }
}
