using FastEndpoints;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Embed.GetEmbedAsset;

public sealed class GetEmbedAssetRequest
{
    public string Name { get; set; } = "";
}

/// <summary>The widget's stylesheet and script, read from the assembly.</summary>
public sealed class GetEmbedAssetEndpoint : Endpoint<GetEmbedAssetRequest>
{
    private static readonly Dictionary<string, (string ContentType, byte[] Bytes)> Assets = new(StringComparer.Ordinal)
    {
        ["widget.css"] = ("text/css; charset=utf-8", Read("widget.css")),
        ["widget.js"] = ("text/javascript; charset=utf-8", Read("widget.js")),
    };

    public override void Configure()
    {
        Get("/embed/assets/{name}");
        RoutePrefixOverride(string.Empty);
        AllowAnonymous();
        Description(d => d.ExcludeFromDescription());
    }

    public override async Task HandleAsync(GetEmbedAssetRequest req, CancellationToken ct)
    {
        if (!Assets.TryGetValue(req.Name, out var asset))
        {
            await Send.ResultAsync(Problems.NotFound("widget asset", req.Name));
            return;
        }

        EmbedSecurity.Apply(HttpContext.Response);
        await Send.BytesAsync(asset.Bytes, contentType: asset.ContentType, cancellation: ct);
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(GetEmbedAssetEndpoint).Assembly.GetManifestResourceStream($"embed/{name}")
            ?? throw new InvalidOperationException($"The embedded widget asset '{name}' is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
