using Microsoft.Net.Http.Headers;
using Timeline.Api.Domain;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Common;

/// <summary>A text of a response that is not in the language asked for first: where it is, and the language it is in.</summary>
public sealed class TextFallbackResponse
{
    /// <summary>JSON Pointer (RFC 6901) to the text in this response, e.g. <c>/history/2/summary</c>.</summary>
    public required string Field { get; init; }

    /// <summary>The BCP 47 tag of the language the text is in: a later preference, the record's original, or English.</summary>
    public required string Language { get; init; }
}

/// <summary>
/// Picks each stored text of one response in the reader's language (see <see cref="Translatable.Choose"/>: the
/// languages asked for in order, then the record's original, then English) and keeps the account the response gives:
/// the language of its main text (<c>Content-Language</c>) and every text that is not in the language asked for first
/// (<c>fallbacks</c>). Made per response; without preferences every text is the original and nothing is reported.
/// </summary>
public sealed class TextChooser
{
    private readonly List<TextFallbackResponse> _fallbacks = [];

    public TextChooser(IReadOnlyList<string> preferences) => Preferences = preferences;

    /// <summary>Every text in its original language: what writes answer with, and reads that ask for no language.</summary>
    public static TextChooser Originals() => new([]);

    /// <summary>What the request asks for (<c>?lang=</c>, else <c>Accept-Language</c>).</summary>
    public static TextChooser For(HttpRequest request) => new(InterfaceLanguages.Preferences(request));

    public IReadOnlyList<string> Preferences { get; }

    /// <summary>The language of the first text chosen: the resource's main text (its title or name).</summary>
    public string? ContentLanguage { get; private set; }

    /// <summary>The texts not in the first language asked for; null when no language was asked for.</summary>
    public IReadOnlyList<TextFallbackResponse>? Fallbacks => Preferences.Count == 0 ? null : _fallbacks;

    /// <summary>One text for the response.</summary>
    /// <param name="at">Where the text goes in the response (JSON Pointer).</param>
    /// <param name="field">The record's field (<see cref="Translatable.Fields"/>).</param>
    /// <param name="original">The record's own text.</param>
    /// <param name="language">The record's own language.</param>
    /// <param name="translations">The record's translations.</param>
    public string? Text(string at, string field, string? original, string language, TextTranslations? translations)
    {
        if (Preferences.Count == 0)
        {
            ContentLanguage ??= language;
            return original;
        }

        var (text, used) = Translatable.Choose(Preferences, field, original, language, translations);
        ContentLanguage ??= used;
        if (text is not null && !Translatable.SameLanguage(Preferences[0], used))
            _fallbacks.Add(new TextFallbackResponse { Field = at, Language = used });
        return text;
    }

    /// <summary>For a response built without this chooser (no language asked for, so its originals): its main text's language.</summary>
    public void Originally(string language) => ContentLanguage ??= language;

    /// <summary>A required text (a title, a name): the original when nothing else is found.</summary>
    public string Required(string at, string field, string original, string language, TextTranslations? translations) =>
        Text(at, field, original, language, translations) ?? original;

    /// <summary>
    /// The response's language headers: <c>Content-Language</c> (the main text's), <c>Vary: Accept-Language</c> (shared
    /// caches must keep each language apart), and, when an explicit <c>?lang=</c> could not be met for the main text,
    /// <c>Timeline-Language-Fallback</c> naming it.
    /// </summary>
    public void Announce(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (ContentLanguage is not null)
            response.Headers.ContentLanguage = ContentLanguage;
        response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptLanguage);
        var explicitly = response.HttpContext.Request.Query[InterfaceLanguages.QueryName].ToString();
        if (explicitly.Length > 0 && ContentLanguage is not null && !Translatable.SameLanguage(explicitly, ContentLanguage))
            response.Headers[InterfaceLanguages.FallbackHeader] = explicitly;
    }

    /// <summary>
    /// A single record's answer to a read: its representation as loaded (the originals) when no language is asked for,
    /// else the one <paramref name="build"/> makes with the texts chosen; the language headers announced either way.
    /// </summary>
    public static Representation Represent<TRecord>(HttpContext http, Represented<TRecord> loaded, Func<TRecord, TextChooser, object> build)
        where TRecord : ITranslated
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(build);
        var texts = For(http.Request);
        var representation = texts.Preferences.Count == 0 ? loaded.Representation : Representation.Of(build(loaded.Entity, texts));
        texts.Originally(loaded.Entity.Language);
        texts.Announce(http.Response);
        return representation;
    }

    /// <summary>The <c>fallbacks</c> member every translated resource has (left out when no language was asked for).</summary>
    public const string FallbacksDescription =
        "Present when a language was asked for (`lang` or `Accept-Language`): each text of this response that is not in the first language asked for, "
        + "with the language it is in (a later preference, the record's original, or English).";
}
