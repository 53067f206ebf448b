using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Timeline.Api.Features.Health.GetReadiness;

/// <summary><c>GET /health/ready</c>: the database answers, its migrations are applied, and Redis answers when configured.</summary>
public sealed class GetReadinessEndpoint(HealthCheckService health) : HealthEndpoint(health)
{
    public override void Configure() => ConfigureHealth("/health/ready", "getReadiness", "Readiness",
        "Whether this replica can serve: `database` reachable, `migrations` applied, and `redis` answering when ConnectionStrings:Redis is set "
        + "(for load balancers).");

    public override Task HandleAsync(CancellationToken ct) => SendReportAsync(check => check.Tags.Contains("ready"), ct);
}
