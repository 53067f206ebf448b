using System.Globalization;
using System.Resources;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Reader;

/// <summary>
/// The interface strings of everything a reader sees (the widget, the public pages, the scorecard picture), read from
/// <c>ReaderStrings.resx</c> in one culture, and dates and numbers formatted in that culture. Markup code never holds
/// a word of interface text: a language is a resource file beside the English one, and <see cref="For"/> chooses it.
/// </summary>
public sealed class ReaderText
{
    private static readonly ResourceManager Strings = new("Timeline.Api.Features.Reader.ReaderStrings", typeof(ReaderText).Assembly);

    /// <summary>The interface languages there are resources for; negotiation chooses among them.</summary>
    public static IReadOnlyList<string> Languages => InterfaceLanguages.Supported;

    /// <summary>One instance per language: the date words are read once.</summary>
    private static readonly Dictionary<string, ReaderText> ByLanguage =
        InterfaceLanguages.Supported.ToDictionary(l => l, l => new ReaderText(CultureInfo.GetCultureInfo(l)), StringComparer.Ordinal);

    public static ReaderText English => In(InterfaceLanguages.Default);

    /// <summary>The texts of a supported interface language (<see cref="Languages"/>).</summary>
    public static ReaderText In(string language) => ByLanguage[language];

    private ReaderText(CultureInfo culture)
    {
        Culture = culture;
        DateWords = new DateWords(
            culture, this["Date.Day"], this["Date.Month"], this["Date.Approximate"], this["Date.Uncertain"], this["Date.Until"],
            this["Date.From"], this["Date.Range"], this["Date.Decade"], this["Date.YearSpan"]);
    }

    public CultureInfo Culture { get; }

    /// <summary>The BCP 47 tag of the interface language, for <c>&lt;html lang&gt;</c>.</summary>
    public string Language => Culture.Name;

    public DateWords DateWords { get; }

    /// <summary>The interface's writing direction, for <c>&lt;html dir&gt;</c>: every interface language so far is <c>ltr</c>.</summary>
    public string Direction => Culture.TextInfo.IsRightToLeft ? "rtl" : "ltr";

    /// <summary>
    /// The interface language for a request: <c>?lang=</c>, else <c>Accept-Language</c>, else the content's own language
    /// (a timeline's <c>language</c>) when there is an interface in it, else English. See <see cref="InterfaceLanguages"/>.
    /// </summary>
    public static ReaderText For(HttpRequest request, string? contentLanguage = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        return In(InterfaceLanguages.Resolve(InterfaceLanguages.Negotiate(request), contentLanguage));
    }

    /// <summary>
    /// A string by name; a name missing from the neutral resources is a bug and fails loudly (one missing from a
    /// language's file would fall back to English, which a test forbids).
    /// </summary>
    public string this[string name] =>
        Strings.GetString(name, Culture) ?? throw new KeyNotFoundException($"ReaderStrings.resx has no string named '{name}'.");

    public string Format(string name, params object?[] values) => string.Format(Culture, this[name], values);

    public string Number(int value) => value.ToString("N0", Culture);

    public string Date(EdtfDate date) => HumanDate.Format(date, DateWords);

    public string Date(DateResponse date)
    {
        ArgumentNullException.ThrowIfNull(date);
        return Date(EdtfDate.Parse(date.Edtf));
    }

    public string Day(DateOnly day) => day.ToString(this["Date.Day"], Culture);

    public string Status(CommitmentStatus? status) => this[$"Status.{StatusKey(status)}"];

    /// <summary>The CSS and data-attribute name of a status: its API value, or <c>unassessed</c>.</summary>
    public static string StatusKey(CommitmentStatus? status) => status is { } s ? Kebab.ToValue(s) : "unassessed";

    public string Category(CommitmentCategory category) => this[$"Category.{Kebab.ToValue(category)}"];

    public string Kind(EventKind kind) => this[$"Kind.{Kebab.ToValue(kind)}"];

    public string Role(ActorRole role) => this[$"Role.{Kebab.ToValue(role)}"];

    public string Confidence(Confidence confidence) => this[$"Confidence.{Kebab.ToValue(confidence)}"];

    public string Relation(EventRelationKind relation, bool incoming) =>
        this[$"Relation.{Kebab.ToValue(relation)}.{(incoming ? "incoming" : "outgoing")}"];

    public string List(IEnumerable<string> items) => string.Join(this["List.Separator"], items);
}
