using System.Text.RegularExpressions;
using Microsoft.Net.Http.Headers;

namespace Timeline.Api.Infrastructure;

/// <summary>
/// What a request asked for: the language it named (<c>?lang=</c>, else the best of <c>Accept-Language</c>) and the
/// interface language of ours that matches it, if any.
/// </summary>
/// <param name="Requested">The tag asked for (the query's, or the header's most preferred), or null when nothing was asked.</param>
/// <param name="Matched">The supported interface language that matches a tag asked for, or null: then the fallback chain decides.</param>
/// <param name="FromQuery">True when the language came from <c>?lang=</c>: an explicit choice that links and canonical URLs keep.</param>
public sealed record LanguageChoice(string? Requested, string? Matched, bool FromQuery)
{
    /// <summary>An explicit <c>?lang=</c> we have no interface for: the response falls back and says so.</summary>
    public bool Unavailable => FromQuery && Matched is null;
}

/// <summary>
/// Language negotiation, in one place, for everything that has interface text (the widget, the public pages, the status
/// picture, the feeds): <c>?lang=</c> beats <c>Accept-Language</c> (q-values honoured, read with ASP.NET Core's typed
/// headers), and when neither names a supported language the content's own language is used if we have it, else English.
/// </summary>
public static partial class InterfaceLanguages
{
    public const string QueryName = "lang";
    public const string Default = "en";

    /// <summary>Answered when an explicit <c>?lang=</c> is not available: the tag asked for; <c>Content-Language</c> says what was used.</summary>
    public const string FallbackHeader = "Timeline-Language-Fallback";

    /// <summary>The interface languages there are resources for (ReaderStrings.{lang}.resx), in the order alternates list them.</summary>
    public static IReadOnlyList<string> Supported { get; } = ["be", "ru", "en"];

    /// <summary>The longest tag accepted (the same bound as a timeline's language).</summary>
    public const int MaxTagLength = 35;

    /// <summary>
    /// A well-formed BCP 47 language tag (RFC 5646 §2.1 langtag or private use; the irregular grandfathered tags are not
    /// accepted). A tag that is well formed but not ours (<c>de</c>, <c>zh-Hant-TW</c>) is fine: it falls back.
    /// </summary>
    public static bool IsWellFormed(string? tag) => tag is { Length: > 0 and <= MaxTagLength } && LanguageTag().IsMatch(tag);

    [GeneratedRegex(
        @"^(?:(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|[0-9]{3}))?(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"
        + @"(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*(?:-x(?:-[a-z0-9]{1,8})+)?|x(?:-[a-z0-9]{1,8})+)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LanguageTag();

    /// <summary>The supported language a tag asks for: its primary subtag (<c>be-BY</c> is <c>be</c>), or null.</summary>
    public static string? Match(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var primary = tag.Split('-', 2)[0];
        return Supported.FirstOrDefault(l => string.Equals(l, primary, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>What the request asks for; read once per request. A malformed <c>?lang=</c> is the validators' 400, never here.</summary>
    public static LanguageChoice Negotiate(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.HttpContext.Items.TryGetValue(typeof(LanguageChoice), out var known) && known is LanguageChoice choice)
            return choice;
        choice = Read(request);
        request.HttpContext.Items[typeof(LanguageChoice)] = choice;
        return choice;
    }

    private static LanguageChoice Read(HttpRequest request)
    {
        // Repeated (lang=ru&lang=be) it reads "ru,be", as the validators see it: not a tag, a 400.
        var query = request.Query[QueryName].ToString();
        if (query.Length > 0)
            return new LanguageChoice(query, IsWellFormed(query) ? Match(query) : null, FromQuery: true);

        // Most preferred first; equal q-values keep the header's order (OrderByDescending is stable); q=0 means "not this".
        var preferences = request.GetTypedHeaders().AcceptLanguage
            .Where(v => v.Quality is not 0)
            .OrderByDescending(v => v.Quality ?? 1)
            .Select(v => v.Value.Value)
            .Where(v => !string.IsNullOrEmpty(v) && v != "*")
            .ToList();
        var matched = preferences.Select(p => Match(p!)).FirstOrDefault(m => m is not null);
        return new LanguageChoice(preferences.FirstOrDefault(), matched, FromQuery: false);
    }

    /// <summary>The fallback chain: the language asked for, else the content's own language if it is an interface language, else English.</summary>
    public static string Resolve(LanguageChoice choice, string? contentLanguage)
    {
        ArgumentNullException.ThrowIfNull(choice);
        return choice.Matched ?? (contentLanguage is null ? null : Match(contentLanguage)) ?? Default;
    }

    /// <summary>
    /// The output cache's key part for the language: the preferences asked for (the query is already part of the key).
    /// Two requests that could get different languages never share an entry; spellings that differ only in q-values or
    /// case do.
    /// </summary>
    public static string CacheKey(HttpRequest request)
    {
        // Stored content may be translated into any language (not only the interface's), so the key is the whole ordered
        // list of preferences: Accept-Language "de" and "fr" are different answers even though neither has an interface.
        var preferences = Preferences(request);
        return preferences.Count == 0 ? "-" : string.Join(',', preferences).ToLowerInvariant();
    }

    /// <summary>
    /// The languages the request asks for, most preferred first: the <c>?lang=</c> tag alone, else every tag of
    /// <c>Accept-Language</c> by q-value (equal ones in the header's order; q=0 and <c>*</c> left out, malformed tags
    /// ignored). Empty when it asks for none. Content (see <c>TextChooser</c>) tries each in turn.
    /// </summary>
    public static IReadOnlyList<string> Preferences(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.HttpContext.Items.TryGetValue(PreferencesKey, out var known) && known is IReadOnlyList<string> list)
            return list;
        var query = request.Query[QueryName].ToString();
        IReadOnlyList<string> preferences = query.Length > 0
            ? (IsWellFormed(query) ? [query] : [])
            : [.. request.GetTypedHeaders().AcceptLanguage
                .Where(v => v.Quality is not 0)
                .OrderByDescending(v => v.Quality ?? 1)
                .Select(v => v.Value.Value)
                .Where(v => v is not null && v != "*" && IsWellFormed(v))
                .Select(v => v!)
                .Distinct(StringComparer.OrdinalIgnoreCase)];
        request.HttpContext.Items[PreferencesKey] = preferences;
        return preferences;
    }

    private static readonly object PreferencesKey = new();

    /// <summary>
    /// Headers of a response whose words were chosen by negotiation: <c>Content-Language</c>, <c>Vary: Accept-Language</c>
    /// (shared caches must not serve one reader's language to another), and the fallback notice for an unavailable <c>?lang=</c>.
    /// </summary>
    public static void Announce(HttpResponse response, LanguageChoice choice, string language)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(choice);
        response.Headers.ContentLanguage = language;
        response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptLanguage);
        if (choice.Unavailable)
            response.Headers[FallbackHeader] = choice.Requested;
    }
}
