using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Timeline.Api.Infrastructure;

/// <summary>
/// What every response gets, whatever answered it: HEAD wherever GET is, <c>X-Content-Type-Options: nosniff</c>, no
/// <c>Server</c> header, and Brotli or gzip for the text types the API serves.
/// </summary>
public static class HttpHygiene
{
    /// <summary>The media types worth compressing: JSON, problem+json, HTML, CSV, iCalendar, Atom, the widget's CSS and JS.</summary>
    public static readonly string[] CompressedTypes =
    [
        "application/json", "application/problem+json", "text/html", "text/csv", "text/calendar", "application/atom+xml",
        "text/css", "text/javascript", "application/javascript", "text/plain", "application/yaml",
    ];

    public static IServiceCollection AddTimelineHttpHygiene(this IServiceCollection services)
    {
        // "Server: Kestrel" tells an attacker what to try and a client nothing.
        services.Configure<KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);
        services.AddResponseCompression(options =>
        {
            // Compression over TLS is safe here: no response carries a secret (API keys are shown once, by the CLI),
            // so a BREACH-style attack has nothing to recover.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = CompressedTypes;
        });
        // Fastest: on JSON the ratio is close to the best levels' for a fraction of the CPU.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    /// <summary>The outermost middleware: headers every response carries, then compression.</summary>
    public static WebApplication UseTimelineHttpHygiene(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((context, next) =>
        {
            // Set as the response starts, so that answers written by any middleware (errors included) carry it.
            context.Response.OnStarting(static state =>
            {
                ((HttpResponse)state).Headers.XContentTypeOptions = "nosniff";
                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });
        app.UseResponseCompression();
        return app;
    }

    /// <summary>
    /// HEAD is GET without the body (RFC 9110, 9.3.2): routed as GET, so every GET answers it with the same status and
    /// headers (ETag, Cache-Control, Content-Type, Content-Length), and the body is dropped. Must run before routing.
    /// </summary>
    public static WebApplication UseHeadAsGet(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((context, next) =>
        {
            if (HttpMethods.IsHead(context.Request.Method))
            {
                context.Request.Method = HttpMethods.Get;
                context.Response.Body = Stream.Null;
            }

            return next(context);
        });
        return app;
    }
}
