using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Timeline.Api.Infrastructure;

/// <summary>
/// The one way text from the database goes into HTML (the widget, oEmbed html, TimelineJS): every character
/// that could open markup or leave an attribute (&lt; &gt; &amp; " ' and more) is encoded; letters of any script stay readable.
/// </summary>
public static class HtmlText
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Encode(string? text) => text is null ? "" : Encoder.Encode(text);
}
