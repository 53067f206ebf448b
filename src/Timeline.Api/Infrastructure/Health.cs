using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Timeline.Api.Infrastructure;

/// <summary>
/// <c>/health/live</c> (the process answers) and <c>/health/ready</c> (database reachable, migrations applied, Redis
/// answering when configured): 200 when healthy, 503 when not, with a JSON body naming each check and its state.
/// </summary>
public static class Health
{
    public static WebApplication MapTimelineHealthChecks(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Probes are not clients: a load balancer asking every few seconds must never be rate limited out of the pool.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = WriteAsync })
            .DisableRateLimiting();
        return app;
    }

    /// <summary>
    /// <c>{"status":"Unhealthy","checks":[{"name":"redis","status":"Unhealthy","description":"Redis does not answer.","durationMs":2}]}</c>;
    /// a check's exception is never shown, only its description.
    /// </summary>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, TimelineApp.Json), context.RequestAborted);
    }
}
