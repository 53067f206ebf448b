using FastEndpoints;
using Microsoft.Net.Http.Headers;
using Timeline.Api.Features.Reader;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Embed.GetEmbedAsset;

public sealed class GetEmbedAssetRequest
{
    public string Name { get; set; } = "";

    /// <summary>The asset's version, as the pages link it; a matching one may be cached for a year.</summary>
    [QueryParam]
    public string? V { get; set; }
}

/// <summary>The widget's and pages' stylesheet and scripts, read from the assembly.</summary>
public sealed class GetEmbedAssetEndpoint : Endpoint<GetEmbedAssetRequest>
{
    public override void Configure()
    {
        Get("/embed/assets/{name}");
        RoutePrefixOverride(string.Empty);
        AllowAnonymous();
        Description(d => d.ExcludeFromDescription());
    }

    public override async Task HandleAsync(GetEmbedAssetRequest req, CancellationToken ct)
    {
        if (!ReaderAssets.TryGet(req.Name, out var asset))
        {
            await Send.ResultAsync(Problems.NotFound("widget asset", req.Name));
            return;
        }

        EmbedSecurity.Apply(HttpContext.Response);
        if (req.V == asset.Version)
            HttpContext.Response.Headers[HeaderNames.CacheControl] = ReaderAssets.ImmutableCacheControl;
        await Send.BytesAsync(asset.Bytes, contentType: asset.ContentType, cancellation: ct);
    }
}
