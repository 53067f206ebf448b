using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Timeline.Api.Features.Health.GetLiveness;

/// <summary><c>GET /health/live</c>: the process answers (restart it when it does not).</summary>
public sealed class GetLivenessEndpoint(HealthCheckService health) : HealthEndpoint(health)
{
    public override void Configure() => ConfigureHealth("/health/live", "getLiveness", "Liveness",
        "The process answers; no check runs (for restarts).");

    public override Task HandleAsync(CancellationToken ct) => SendReportAsync(_ => false, ct);
}
