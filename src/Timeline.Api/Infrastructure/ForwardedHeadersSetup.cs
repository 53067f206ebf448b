using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Timeline.Api.Infrastructure;

/// <summary>
/// The <c>ForwardedHeaders</c> section: the reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are
/// believed. Trusting a proxy makes its client's address the one rate limits, traces and logs see, and its scheme the
/// one absolute links (feeds, oEmbed) use.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c>.</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. <c>10.0.0.0/8</c>.</summary>
    public IList<string> KnownNetworks { get; } = [];
}

public static class ForwardedHeadersSetup
{
    /// <summary>
    /// Trust none unless told: with no proxy configured the headers are ignored, since any client can send them.
    /// (ASP.NET Core's middleware with empty lists would believe every sender, so it is not added at all then.)
    /// </summary>
    public static IServiceCollection AddTimelineForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = new ForwardedHeadersSettings();
        configuration.GetSection(ForwardedHeadersSettings.Section).Bind(settings);
        var proxies = settings.KnownProxies.Select(p => IPAddress.TryParse(p, out var address)
            ? address
            : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{p}' is not an IP address.")).ToList();
        var networks = settings.KnownNetworks.Select(n => System.Net.IPNetwork.TryParse(n, out var network)
            ? network
            : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{n}' is not a network in CIDR notation (e.g. 10.0.0.0/8).")).ToList();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // ASP.NET Core trusts loopback by default; here only what the operator lists is trusted.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
                options.KnownProxies.Add(proxy);
            foreach (var network in networks)
                options.KnownIPNetworks.Add(network);
            // Walk X-Forwarded-For from the right through every trusted hop (a CDN in front of a load balancer), and
            // stop at the first address that is not a trusted proxy: that is the client.
            options.ForwardLimit = null;
        });
        return services;
    }

    public static WebApplication UseTimelineForwardedHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ForwardedHeadersOptions>>().Value;
        if (options.KnownProxies.Count > 0 || options.KnownIPNetworks.Count > 0)
            app.UseForwardedHeaders();
        return app;
    }
}
