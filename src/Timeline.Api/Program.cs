using Timeline.Api.Cli;
using Timeline.Api.Infrastructure;

// Command-line verbs (import, openapi) share the web host's configuration and services.
if (CommandLine.IsVerb(args))
    return await CommandLine.RunAsync(args);

var app = TimelineApp.Build(args);
app.Services.StartTelemetry();
await app.Services.InitialiseDatabaseAsync();
app.Lifetime.ApplicationStarted.Register(() => TimelineApp.LogSwaggerUrl(app));
app.Lifetime.ApplicationStopping.Register(() => TimelineApp.LogDraining(app));
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
