namespace Timeline.Api.Features.Common;

/// <summary>The media types of the journalist outputs (exports, widget, pages), as sent and as documented in OpenAPI.</summary>
public static class OutputMediaTypes
{
    public const string Csv = "text/csv";
    public const string Calendar = "text/calendar";
    public const string Atom = "application/atom+xml";
    public const string Html = "text/html";
    public const string Json = "application/json";

    /// <summary>What the API's JSON responses carry, also when a list writes its stored JSON itself.</summary>
    public const string JsonUtf8 = "application/json; charset=utf-8";

    /// <summary>The type an oEmbed discovery link carries; the response itself is <c>application/json</c> (oEmbed 1.0, 2.3.4).</summary>
    public const string OEmbedJson = "application/json+oembed";
}
