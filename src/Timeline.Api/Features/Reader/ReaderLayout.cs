using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text.Unicode;
using Timeline.Api.Features.Common;

namespace Timeline.Api.Features.Reader;

/// <summary>A link in the head to the same thing in another format (JSON, Atom, iCalendar, CSV, oEmbed).</summary>
public sealed record AlternateLink(string MediaType, string Href, string Title);

/// <summary>What a page's head says about it: for browsers, search engines, social cards and feed readers.</summary>
public sealed record PageHead(
    string Title,
    string? Description,
    string CanonicalUrl,
    string OpenGraphType,
    JsonObject JsonLd,
    IReadOnlyList<AlternateLink> Alternates);

/// <summary>
/// The document around every reader page and the widget: one stylesheet and one deferred script of ours, no inline
/// script or style (the CSP forbids both), JSON-LD written by System.Text.Json (which escapes &lt; &gt; &amp; so that
/// no stored text can close its block), and an <c>&lt;html lang&gt;</c> that names the interface language (stored texts
/// in another language carry their own, <see cref="ReaderContext.ContentLang"/>).
/// </summary>
public static class ReaderLayout
{
    /// <summary>Escapes what HTML cares about and nothing a script of any language needs.</summary>
    private static readonly JsonSerializerOptions JsonLdOptions = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = false,
    };

    public const string Light = "light";
    public const string Dark = "dark";

    /// <summary>Follows the reader's system setting (<c>prefers-color-scheme</c>).</summary>
    public const string Auto = "auto";

    public static IReadOnlyList<string> Themes { get; } = [Light, Dark, Auto];

    /// <summary>Opens the document and its body; the caller writes the body's content and then calls <see cref="End"/>.</summary>
    public static void Begin(HtmlWriter html, ReaderContext context, PageHead head, string theme, string bodyClass)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(head);
        var t = context.Text;
        html.Append($"""
            <!doctype html>
            <html lang="{t.Language}" dir="{t.Direction}" data-theme="{theme}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="strict-origin-when-cross-origin">
            <meta name="color-scheme" content="{(theme == Auto ? "light dark" : theme)}">
            <title>{head.Title}</title>

            """);
        if (head.Description is not null)
            html.Append($"<meta name=\"description\" content=\"{head.Description}\">\n");
        // Each language version is its own canonical URL (an explicit ?lang= is kept), and names the others with hreflang;
        // the URL without lang is the negotiated one (x-default).
        var canonical = context.WithLanguage(head.CanonicalUrl);
        html.Append($"""
            <link rel="canonical" href="{canonical}">
            <meta property="og:type" content="{head.OpenGraphType}">
            <meta property="og:site_name" content="{t["Site.Name"]}">
            <meta property="og:title" content="{head.Title}">
            <meta property="og:url" content="{canonical}">
            <meta property="og:locale" content="{t.Culture.Name.Replace('-', '_')}">
            <meta name="twitter:card" content="summary">
            <meta name="twitter:title" content="{head.Title}">

            """);
        if (head.Description is not null)
            html.Append($"<meta property=\"og:description\" content=\"{head.Description}\">\n<meta name=\"twitter:description\" content=\"{head.Description}\">\n");
        foreach (var language in ReaderText.Languages)
            html.Append($"<link rel=\"alternate\" hreflang=\"{language}\" href=\"{ReaderContext.InLanguage(head.CanonicalUrl, language)}\">\n");
        html.Append($"<link rel=\"alternate\" hreflang=\"x-default\" href=\"{head.CanonicalUrl}\">\n");
        foreach (var link in head.Alternates)
            html.Append($"<link rel=\"alternate\" type=\"{MediaType(link.MediaType)}\" href=\"{link.Href}\" title=\"{link.Title}\">\n");
        html.Append($"""
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="{context.Asset(ReaderAssets.Stylesheet)}">
            <script type="application/ld+json">{new Markup(head.JsonLd.ToJsonString(JsonLdOptions))}</script>
            <script src="{context.Asset(ReaderAssets.Script)}" defer></script>
            </head>
            <body class="{bodyClass}">

            """);
        if (context.Language.Unavailable)
        {
            // An explicit ?lang= we have no interface for: say so where the reader looks, in the language used.
            html.Append($"<p class=\"tl-notice\" role=\"note\">{t.Format("Language.Unavailable", context.Language.Requested)}</p>\n");
        }
    }

    public static void End(HtmlWriter html)
    {
        ArgumentNullException.ThrowIfNull(html);
        html.Append($"</body>\n</html>\n");
    }

    /// <summary>
    /// A media type as written (<c>application/json+oembed</c>, not <c>&amp;#x2B;</c>): oEmbed discovery is often done by
    /// pattern rather than by an HTML parser. Anything but token characters is still encoded.
    /// </summary>
    public static Markup MediaType(string mediaType)
    {
        ArgumentNullException.ThrowIfNull(mediaType);
        return mediaType.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '+' or '.' or '-')
            ? new Markup(mediaType)
            : new Markup(Infrastructure.HtmlText.Encode(mediaType));
    }

    /// <summary>The oEmbed discovery link of a page that can be embedded.</summary>
    public static AlternateLink OEmbed(string oembedUrl, string title) => new(OutputMediaTypes.OEmbedJson, oembedUrl, title);
}
