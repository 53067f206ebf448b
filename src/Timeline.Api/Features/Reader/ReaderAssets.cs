using System.Collections.Frozen;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Reader;

/// <summary>
/// The stylesheet and scripts of the widget and the pages, read once from the assembly. Links carry a version (a hash
/// of the file) so that browsers may keep a file for a year and still get a new one the moment it changes.
/// </summary>
public static class ReaderAssets
{
    public const string Stylesheet = "widget.css";
    public const string Script = "widget.js";

    /// <summary>The optional script a newsroom's page loads to let the widget's iframe grow to fit (see the README).</summary>
    public const string ResizeScript = "resize.js";

    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    private static readonly FrozenDictionary<string, Asset> All = new Dictionary<string, Asset>(StringComparer.Ordinal)
    {
        [Stylesheet] = Read(Stylesheet, "text/css; charset=utf-8"),
        [Script] = Read(Script, "text/javascript; charset=utf-8"),
        [ResizeScript] = Read(ResizeScript, "text/javascript; charset=utf-8"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool TryGet(string name, out Asset asset) => All.TryGetValue(name, out asset!);

    /// <summary>The versioned path of an asset, e.g. <c>/embed/assets/widget.css?v=1a2b3c4d</c>.</summary>
    public static string PathOf(string name) => $"/embed/assets/{name}?v={All[name].Version}";

    private static Asset Read(string name, string contentType)
    {
        using var stream = typeof(ReaderAssets).Assembly.GetManifestResourceStream($"embed/{name}")
            ?? throw new InvalidOperationException($"The embedded reader asset '{name}' is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        return new Asset(contentType, bytes, ETags.FromBytes(bytes).Trim('"')[..12]);
    }
}

/// <summary>One asset file: its media type, bytes and version.</summary>
public sealed record Asset(string ContentType, byte[] Bytes, string Version);
