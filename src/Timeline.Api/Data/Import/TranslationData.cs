using Timeline.Api.Domain;

namespace Timeline.Api.Data.Import;

/// <summary>
/// One language's texts of a record in a data file (<c>translations: {be: {providedBy, origin, title, ...}}</c>). The
/// schema allows each kind of record only its own translatable fields (see <see cref="Translatable.Fields"/>).
/// </summary>
public sealed class TranslationData
{
    public required string ProvidedBy { get; init; }

    /// <summary><c>translation</c> (of the record's original) or <c>original</c> (first written in this language).</summary>
    public required string Origin { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? Summary { get; init; }
    public string? Place { get; init; }
    public string? Note { get; init; }
    public string? Name { get; init; }
    public string? Text { get; init; }

    /// <summary>The domain's value for a record's <c>translations</c>; null when the file gives none.</summary>
    public static TextTranslations? ToDomain(IReadOnlyDictionary<string, TranslationData>? translations) =>
        translations is not { Count: > 0 } ? null : new TextTranslations(translations.Select(t => KeyValuePair.Create(t.Key, new TextVersion(
            t.Value.ProvidedBy,
            Kebab.Parse<TextOrigin>(t.Value.Origin),
            t.Value.Texts().ToDictionary(p => p.Field, p => p.Text, StringComparer.Ordinal)))));

    /// <summary>A record's translations as a data file writes them; null when it has none.</summary>
    public static Dictionary<string, TranslationData>? FromDomain(TextTranslations? translations)
    {
        if (translations is not { Versions.Count: > 0 })
            return null;
        return translations.Versions.ToDictionary(v => v.Key, v =>
        {
            string? Of(string field) => v.Value.Texts.TryGetValue(field, out var text) ? text : null;
            return new TranslationData
            {
                ProvidedBy = v.Value.ProvidedBy,
                Origin = Kebab.ToValue(v.Value.Origin),
                Title = Of("title"),
                Description = Of("description"),
                Summary = Of("summary"),
                Place = Of("place"),
                Note = Of("note"),
                Name = Of("name"),
                Text = Of("text"),
            };
        }, StringComparer.Ordinal);
    }

    /// <summary>The texts it gives, by field name.</summary>
    public IEnumerable<(string Field, string Text)> Texts()
    {
        (string, string?)[] all = [("title", Title), ("description", Description), ("summary", Summary), ("place", Place), ("note", Note), ("name", Name), ("text", Text)];
        return all.Where(f => f.Item2 is not null).Select(f => (f.Item1, f.Item2!));
    }
}
