namespace Timeline.Api.Domain;

/// <summary>Whether a text in another language is the record's words as first written there, or a translation of its original.</summary>
public enum TextOrigin { Translation, Original }

/// <summary>One language's versions of a record's texts: who provided them, and whether they are a translation.</summary>
/// <param name="ProvidedBy">Who wrote or translated them (an editor, a newsroom, "Timeline editors").</param>
/// <param name="Origin">A translation of the record's original, or words first written in this language.</param>
/// <param name="Texts">Field name (as the API spells it: <c>title</c>, <c>summary</c>...) to text.</param>
public sealed record TextVersion(string ProvidedBy, TextOrigin Origin, IReadOnlyDictionary<string, string> Texts);

/// <summary>Texts in a language of their own (their original) and, perhaps, translated: a record, or a part of one (an assessment).</summary>
public interface ITranslatable
{
    /// <summary>The BCP 47 tag of the language its own texts are in.</summary>
    string Language { get; }

    TextTranslations? Translations { get; set; }
}

/// <summary>A record editors change whose texts are in a language of its own (its original) and, perhaps, translated.</summary>
public interface ITranslated : IEditable, ITranslatable;

/// <summary>
/// A record's texts in languages other than its own (<c>Language</c> on the record says which language its own columns
/// are in: its original). Kept with the record, one value per record: translations are read with the record they
/// belong to and never on their own, so a read costs no join, and an import or a write changes them as any other field.
/// </summary>
public sealed class TextTranslations : IEquatable<TextTranslations>
{
    public TextTranslations(IEnumerable<KeyValuePair<string, TextVersion>> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        Versions = new SortedDictionary<string, TextVersion>(versions.ToDictionary(v => v.Key, v => v.Value, StringComparer.OrdinalIgnoreCase), StringComparer.Ordinal);
    }

    /// <summary>By BCP 47 tag, in ordinal order (so that two equal sets serialize alike).</summary>
    public IReadOnlyDictionary<string, TextVersion> Versions { get; }

    /// <summary>The version in a tag: the same tag (case-insensitive), else one of its primary language (<c>be-BY</c> finds <c>be</c>).</summary>
    public (string Language, TextVersion Version)? Find(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        foreach (var (language, version) in Versions)
        {
            if (string.Equals(language, tag, StringComparison.OrdinalIgnoreCase))
                return (language, version);
        }

        var primary = tag.Split('-', 2)[0];
        foreach (var (language, version) in Versions)
        {
            if (string.Equals(language, primary, StringComparison.OrdinalIgnoreCase))
                return (language, version);
        }

        return null;
    }

    /// <summary>The version stored under exactly this tag (case-insensitive, no primary-language match): what a write replaces.</summary>
    public KeyValuePair<string, TextVersion>? Exactly(string tag) =>
        Versions.Where(v => string.Equals(v.Key, tag, StringComparison.OrdinalIgnoreCase)).Select(v => (KeyValuePair<string, TextVersion>?)v).FirstOrDefault();

    /// <summary>These versions with <paramref name="version"/> in <paramref name="tag"/> (replacing one stored under it), or without it when null; null when none is left.</summary>
    public static TextTranslations? With(TextTranslations? translations, string tag, TextVersion? version)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var kept = (translations?.Versions ?? new Dictionary<string, TextVersion>())
            .Where(v => !string.Equals(v.Key, tag, StringComparison.OrdinalIgnoreCase)).ToList();
        if (version is not null)
            kept.Add(KeyValuePair.Create(translations?.Exactly(tag)?.Key ?? tag, version));
        return kept.Count == 0 ? null : new TextTranslations(kept);
    }

    public bool Equals(TextTranslations? other) =>
        other is not null && Versions.Count == other.Versions.Count && Versions.All(v =>
            other.Versions.TryGetValue(v.Key, out var o) && o.ProvidedBy == v.Value.ProvidedBy && o.Origin == v.Value.Origin
            && o.Texts.Count == v.Value.Texts.Count && v.Value.Texts.All(t => o.Texts.TryGetValue(t.Key, out var text) && text == t.Value));

    public override bool Equals(object? obj) => Equals(obj as TextTranslations);

    public override int GetHashCode() => HashCode.Combine(Versions.Count, string.Join(',', Versions.Keys));
}

/// <summary>
/// The rules of translated texts, in one place: which fields of which record can be translated, what a valid
/// translation is, and the fallback chain that picks one text per field for a reader.
/// </summary>
public static class Translatable
{
    public const string English = "en";

    /// <summary>The translatable fields of each kind of record, as the API and the data files name them.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Fields { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["timeline"] = ["title", "description"],
        ["event"] = ["title", "summary", "place", "note"],
        ["commitment"] = ["title", "description"],
        ["assessment"] = ["summary"],
        ["actor"] = ["name", "description"],
        ["quote"] = ["text"],
        ["source"] = ["title"],
    };

    /// <summary>
    /// What is wrong with a record's translations, as (language, field, message): a translation in the record's own
    /// language (its columns are that), a field the kind has no such text for, an empty text, no one named as its
    /// provider, or a text for a field the original leaves empty (a translation adds no text the original lacks).
    /// </summary>
    /// <param name="kind">A key of <see cref="Fields"/>.</param>
    /// <param name="language">The record's own language.</param>
    /// <param name="original">The record's texts by field (null where it has none).</param>
    /// <param name="translations">Its translations.</param>
    /// <param name="isLanguageTag">Whether a tag is well-formed BCP 47.</param>
    public static IEnumerable<(string? Language, string? Field, string Message)> Problems(
        string kind, string language, IReadOnlyDictionary<string, string?> original, TextTranslations? translations, Func<string, bool> isLanguageTag)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(isLanguageTag);
        if (translations is null)
            yield break;
        var fields = Fields[kind];
        foreach (var (tag, version) in translations.Versions)
        {
            if (!isLanguageTag(tag))
                yield return (tag, null, $"'{tag}' is not a BCP 47 language tag (e.g. be, ru, en).");
            else if (string.Equals(tag, language, StringComparison.OrdinalIgnoreCase))
                yield return (tag, null, $"'{tag}' is the record's own language: its texts in {tag} are the record's fields, not a translation.");
            if (string.IsNullOrWhiteSpace(version.ProvidedBy))
                yield return (tag, null, "providedBy must name who provided the texts.");
            if (version.Texts.Count == 0)
                yield return (tag, null, "A translation needs at least one text.");
            foreach (var (field, text) in version.Texts)
            {
                if (!fields.Contains(field))
                    yield return (tag, field, $"A {kind} has no translatable text '{field}' (it has {string.Join(", ", fields)}).");
                else if (string.IsNullOrWhiteSpace(text))
                    yield return (tag, field, "A translated text cannot be empty.");
                else if (!original.TryGetValue(field, out var source) || string.IsNullOrEmpty(source))
                    yield return (tag, field, $"The original has no {field}: a translation cannot add a text the original lacks.");
            }
        }
    }

    /// <summary>
    /// One field's text for a reader: the first language of <paramref name="preferences"/> that has it, else the
    /// record's original, else English; with the language it is in. Null text when there is none in any.
    /// </summary>
    public static (string? Text, string Language) Choose(
        IReadOnlyList<string> preferences, string field, string? original, string language, TextTranslations? translations)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        foreach (var tag in preferences)
        {
            if (original is not null && SameLanguage(tag, language))
                return (original, language);
            if (translations?.Find(tag) is { } found && found.Version.Texts.TryGetValue(field, out var text))
                return (text, found.Language);
        }

        if (original is not null)
            return (original, language);
        if (translations?.Find(English) is { } english && english.Version.Texts.TryGetValue(field, out var fallback))
            return (fallback, english.Language);
        return (null, language);
    }

    /// <summary>Whether a requested tag asks for a record's language: the same tag, or the record's is its primary language.</summary>
    public static bool SameLanguage(string requested, string language)
    {
        ArgumentNullException.ThrowIfNull(requested);
        ArgumentNullException.ThrowIfNull(language);
        return string.Equals(requested, language, StringComparison.OrdinalIgnoreCase)
            || string.Equals(requested.Split('-', 2)[0], language, StringComparison.OrdinalIgnoreCase);
    }
}
