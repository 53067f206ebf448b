using System.Text.Json;
using System.Text.Json.Serialization;
using FastEndpoints;
using FastEndpoints.Swagger;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Timeline.Api.Infrastructure.Auth;
using Timeline.Api.Features.Editing;
using Timeline.Api.Data;
using Timeline.Api.Infrastructure.Idempotency;

namespace Timeline.Api.Infrastructure;

/// <summary>Composition of the web host: services, then the middleware pipeline.</summary>
public static partial class TimelineApp
{
    public const string ApiCacheTag = "api";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ContentRoot() });
        if (!HasAddressSetting(builder.Configuration))
            builder.WebHost.UseUrls(DefaultUrl);
        ConfigureServices(builder.Services, builder.Configuration);
        var app = builder.Build();
        ConfigurePipeline(app);
        return app;
    }

    /// <summary>Where the API listens when the operator says nothing.</summary>
    public const string DefaultUrl = "http://localhost:5185";

    /// <summary>
    /// True when the operator chose the addresses the ASP.NET Core way: <c>ASPNETCORE_URLS</c>, <c>--urls</c> or <c>Urls</c>
    /// (all the <c>urls</c> key), <c>ASPNETCORE_HTTP_PORTS</c>/<c>HTTPS_PORTS</c>, or Kestrel endpoints. The default is
    /// applied in code rather than in appsettings.json, where it would win over the environment variables.
    /// </summary>
    public static bool HasAddressSetting(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey])
            || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpPortsKey])
            || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpsPortsKey])
            || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
    }

    /// <summary>
    /// <c>dotnet run</c> keeps the caller's folder as the working directory (so <c>import data/...</c> and
    /// the SQLite file are where the caller is); settings then come from the build output.
    /// </summary>
    private static string? ContentRoot() =>
        File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json")) ? null : AppContext.BaseDirectory;

    public static void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddTimelineDatabase(configuration);
        services.AddTimelineErrorHandling();
        services.AddTimelineHttpHygiene();
        services.AddHttpContextAccessor();
        services.AddScoped<ApiKeyService>();
        services.AddScoped<EditSession>();
        services.Configure<Idempotency.IdempotencyOptions>(configuration.GetSection(Idempotency.IdempotencyOptions.Section));
        services.AddHostedService<IdempotencyPurge>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        var redis = services.AddTimelineRedis(configuration);
        services.AddTimelineForwardedHeaders(configuration);
        services.AddTimelineRateLimits(configuration, redis);
        services.AddWholeDocumentGate(configuration);
        var limits = configuration.GetSection(LimitsOptions.Section).Get<LimitsOptions>() ?? new LimitsOptions();
        services.Configure<LimitsOptions>(configuration.GetSection(LimitsOptions.Section));
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes);
        services.AddFastEndpoints(o => o.IncludeAbstractValidators = true);
        services.AddTimelineOpenApi();
        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy.AllowAnyOrigin().WithMethods("GET", "HEAD").AllowAnyHeader()
            .WithExposedHeaders("ETag", "Link", InterfaceLanguages.FallbackHeader)));
        services.AddTimelineOutputCache(configuration, redis);
        services.AddTimelineTelemetry(configuration);
        services.AddHealthChecks()
            .AddDbContextCheck<TimelineDbContext>("database", tags: ["ready"])
            .AddCheck<MigrationsHealthCheck>("migrations", tags: ["ready"]);
        services.Configure<JsonOptions>(o => ConfigureJson(o.SerializerOptions));
    }

    /// <summary>The API's JSON settings, for code that serializes outside a request (ETags, the change log).</summary>
    public static JsonSerializerOptions Json { get; } = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ConfigureJson(options);
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static void ConfigureJson(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        // Names are matched as written (camelCase), and each once: "Slug" is not "slug" (see StrictJsonMiddleware).
        options.PropertyNameCaseInsensitive = false;
        options.AllowDuplicateProperties = false;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
    }

    public static void ConfigurePipeline(WebApplication app)
    {
        app.UseTimelineForwardedHeaders();
        app.UseTimelineHttpHygiene();
        app.UseTimelineErrorHandling();
        app.UseHeadAsGet();
        app.UseRouting();
        app.UseMiddleware<RequestBodyMiddleware>();
        app.UseCors();
        // A repeated read is answered from the output cache before authentication and the rate limiter: it carries no
        // key (the cache neither serves nor stores a request with an Authorization header) and costs the server next to
        // nothing, so it is not counted against the client's reads; the two cost a cached read about a sixth of its
        // throughput. Whatever reaches the endpoints is authenticated and counted as before.
        app.UseOutputCache();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseMiddleware<WholeDocumentGate>();
        app.UseMiddleware<ConditionalGetMiddleware>();
        app.UseAuthorization();
        app.UseMiddleware<StrictJsonMiddleware>();
        app.UseMiddleware<MissingContentTypeMiddleware>();
        app.UseMiddleware<IdempotencyMiddleware>();
        app.UseFastEndpoints(c =>
        {
            c.Endpoints.RoutePrefix = "api/v1";
            c.Errors.UseProblemDetails(p => p.IndicateErrorCode = false);
            c.Binding.FailureMessage = BindingMessages.ForValue;
            QueryValues.Register(c.Binding);
            c.Binding.JsonExceptionTransformer = BindingMessages.ForJson;
            c.Serializer.Options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            ConfigureJson(c.Serializer.Options);
            // A property the API does not know is a mistake worth a 400, not something to drop silently.
            c.Serializer.Options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        app.UseTimelineOpenApi();
        app.MapTimelineMetrics();
    }

    public static void LogSwaggerUrl(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Timeline");
        var swaggerUi = OpenApi.SwaggerUiEnabled(app.Configuration);
        foreach (var address in addresses.Select(BrowsableAddress))
        {
            if (swaggerUi)
                LogSwagger(logger, address);
            else
                LogOpenApi(logger, address);
        }
    }

    /// <summary>A listening address as a browser can open it: <c>http://[::]:8080</c> (every interface) is <c>http://localhost:8080/</c>.</summary>
    public static string BrowsableAddress(string address)
    {
        var binding = BindingAddress.Parse(address);
        var host = binding.Host is "+" or "*" or "[::]" or "0.0.0.0" ? "localhost" : binding.Host;
        return $"{binding.Scheme}://{host}:{binding.Port}{binding.PathBase}/";
    }

    /// <summary>
    /// On SIGTERM (or Ctrl+C) Kestrel stops accepting connections and lets the requests in flight finish, for at most
    /// the host's shutdown timeout (<c>ShutdownTimeoutSeconds</c>, 30 s by default); then the process exits 0.
    /// </summary>
    public static void LogDraining(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var seconds = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HostOptions>>().Value.ShutdownTimeout.TotalSeconds;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Timeline");
        LogStopping(logger, seconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: no new connections; requests in flight have up to {Seconds} s to finish (ShutdownTimeoutSeconds)")]
    private static partial void LogStopping(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Swagger UI: {Address}swagger")]
    private static partial void LogSwagger(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Swagger UI is off (SwaggerUi:Enabled=false); the OpenAPI document: {Address}openapi/v1.json")]
    private static partial void LogOpenApi(ILogger logger, string address);
}
