using System.Globalization;
using Timeline.Api.Features.Reader;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Embed;

/// <summary>
/// The embed code a journalist pastes (the timeline page shows it, oEmbed returns it): an iframe of the widget, and
/// the optional script that lets the iframe take the height the widget reports.
/// </summary>
public static class EmbedSnippet
{
    public const int DefaultWidth = 640;
    public const int DefaultHeight = 720;

    public static string Iframe(string src, string title, int width, int height) =>
        $"<iframe src=\"{HtmlText.Encode(src)}\" width=\"{width.ToString(CultureInfo.InvariantCulture)}\" height=\"{height.ToString(CultureInfo.InvariantCulture)}\" "
        + $"title=\"{HtmlText.Encode(title)}\" style=\"border:0;max-width:100%\" loading=\"lazy\"></iframe>";

    /// <summary>Unversioned on purpose: a page pasted years ago keeps getting the current resizer.</summary>
    public static string ResizeScript(string baseUrl) => $"<script src=\"{HtmlText.Encode(baseUrl)}/embed/assets/{ReaderAssets.ResizeScript}\" async></script>";

    public static string For(ReaderContext context, string slug, string title)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Iframe(context.WithLanguage(context.Absolute(ReaderPaths.Embed(slug))), title, DefaultWidth, DefaultHeight) + "\n" + ResizeScript(context.BaseUrl);
    }
}
