using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Reader;

/// <summary>What every piece of reader markup needs: its words, today's date and where links point.</summary>
public sealed class ReaderContext
{
    /// <param name="request">The request: its <c>lang</c> and <c>Accept-Language</c> choose the words.</param>
    /// <param name="clock">Today's date.</param>
    /// <param name="contentLanguage">The language the content is written in (the timeline's), the fallback before English.</param>
    public ReaderContext(HttpRequest request, TimeProvider clock, string? contentLanguage)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(clock);
        Request = request;
        ContentLanguage = contentLanguage;
        Language = InterfaceLanguages.Negotiate(request);
        Text = ReaderText.For(request, contentLanguage);
        ContentLang = LangFor(contentLanguage);
        Texts = ContentTexts.Originals(contentLanguage);
        Today = clock.Today();
        PathBase = request.PathBase.Value ?? "";
        BaseUrl = PublicUrls.BaseOf(request);
    }

    public HttpRequest Request { get; }

    public ReaderText Text { get; }

    /// <summary>The language the stored texts are written in (the timeline's), when known: JSON-LD's <c>inLanguage</c>.</summary>
    public string? ContentLanguage { get; }

    /// <summary>
    /// <c> lang="en"</c> for an element holding stored text when that text's language is not the interface's, else nothing:
    /// the document's <c>lang</c> is the interface language, and screen readers switch voice only where the content differs.
    /// </summary>
    public Markup ContentLang { get; }

    /// <summary>
    /// The stored texts in the language asked for (see <see cref="ContentTexts"/>): every original until the page's reads
    /// have loaded the translations of what it shows.
    /// </summary>
    public ContentTexts Texts { get; set; }

    /// <summary>A stored text of a record the page shows, in the language asked for.</summary>
    public ChosenText Stored(string kind, string key, string field, string? original) => Texts.Choose(kind, key, field, original);

    /// <summary>
    /// <c> lang="en"</c> (and <c>dir</c> when the direction differs) for an element holding text in <paramref name="language"/>
    /// when that is not the interface's language, else nothing.
    /// </summary>
    public Markup LangFor(string? language) =>
        language is not null && !string.Equals(language, Text.Language, StringComparison.OrdinalIgnoreCase)
            ? new Markup($" lang=\"{HtmlText.Encode(language)}\"" + (Direction(language) == Text.Direction ? "" : $" dir=\"{Direction(language)}\""))
            : Markup.Empty;

    /// <summary>The <c>lang</c> of an element holding a chosen text.</summary>
    public Markup LangOf(ChosenText text) => LangFor(text.Language);

    /// <summary><c>rtl</c> for a language written right to left (Arabic, Hebrew, Persian...), as ICU knows it; else <c>ltr</c>.</summary>
    public static string Direction(string language)
    {
        try
        {
            return System.Globalization.CultureInfo.GetCultureInfo(language).TextInfo.IsRightToLeft ? "rtl" : "ltr";
        }
        catch (System.Globalization.CultureNotFoundException)
        {
            return "ltr";
        }
    }

    /// <summary>What the request asked for; <see cref="Text"/> is the outcome of the fallback chain.</summary>
    public LanguageChoice Language { get; }

    /// <summary>
    /// <c>lang=be</c> when the reader chose the language in the URL, else nothing: links between our pages and the
    /// as-of form keep an explicit choice, while a choice made by <c>Accept-Language</c> needs no help.
    /// </summary>
    public string? ExplicitLanguage => Language.FromQuery && Language.Matched is { } chosen ? chosen : null;

    /// <summary><c>Content-Language</c>, <c>Vary</c> and the fallback notice for this response.</summary>
    public void Announce(HttpResponse response) => InterfaceLanguages.Announce(response, Language, Text.Language);

    /// <summary>Today by the injected clock (see <see cref="EventOutcomes"/> for what it decides).</summary>
    public DateOnly Today { get; }

    public string PathBase { get; }

    /// <summary>Scheme, host and path base, for the links that must be absolute (canonical, Open Graph, JSON-LD).</summary>
    public string BaseUrl { get; }

    /// <summary>A path of ours as a link inside a page: relative to the host, so it works behind any proxy.</summary>
    public string Link(string path) => PathBase + path;

    public string Absolute(string path) => BaseUrl + path;

    public string TimelinePage(string slug) => WithLanguage(Link(ReaderPaths.Timeline(slug)));

    public string EventPage(string slug) => WithLanguage(Link(ReaderPaths.Event(slug)));

    public string CommitmentPage(string slug) => WithLanguage(Link(ReaderPaths.Commitment(slug)));

    /// <summary>A link to one of our pages, keeping an explicit <c>lang</c>.</summary>
    public string WithLanguage(string url) => ExplicitLanguage is { } lang ? InLanguage(url, lang) : url;

    /// <summary>A URL of ours with <c>lang</c> set (the <c>hreflang</c> alternates and language links).</summary>
    public static string InLanguage(string url, string language)
    {
        ArgumentNullException.ThrowIfNull(url);
        return $"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{InterfaceLanguages.QueryName}={Uri.EscapeDataString(language)}";
    }

    public string Asset(string name) => Link(ReaderAssets.PathOf(name));
}
