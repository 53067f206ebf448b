using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Timeline.Api.Domain;

namespace Timeline.Api.Data.Configurations;

/// <summary>
/// The columns of a translatable record: <c>Language</c>, its own texts' language (existing rows are English), and
/// <c>Translations</c>, its texts in other languages as one JSON text in the data files' shape
/// (<c>{"be": {"providedBy": "...", "origin": "translation", "title": "..."}}</c>), NULL when there are none. Plain
/// text on both providers: it is only ever read with its row and parsed here, never queried into by SQL except by the
/// search index, which reads every text in it.
/// </summary>
public static class TranslationColumns
{
    public const string ProvidedBy = "providedBy";
    public const string Origin = "origin";

    public static void ConfigureTranslations<T>(this EntityTypeBuilder<T> builder, bool withLanguage = true) where T : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (withLanguage)
            builder.Property<string>("Language").HasMaxLength(35).HasDefaultValue(Translatable.English);
        builder.Property<TextTranslations?>("Translations").HasConversion(Converter, Comparer);
    }

    private static readonly ValueConverter<TextTranslations?, string?> Converter = new(
        t => ToJson(t),
        json => Parse(json));

    private static readonly ValueComparer<TextTranslations?> Comparer = new(
        (a, b) => a == null ? b == null : a.Equals(b),
        t => t == null ? 0 : t.GetHashCode(),
        t => t);

    public static string? ToJson(TextTranslations? translations)
    {
        if (translations is null || translations.Versions.Count == 0)
            return null;
        var root = new JsonObject();
        foreach (var (language, version) in translations.Versions)
        {
            var entry = new JsonObject
            {
                [ProvidedBy] = version.ProvidedBy,
                [Origin] = Kebab.ToValue(version.Origin),
            };
            foreach (var (field, text) in version.Texts.OrderBy(t => t.Key, StringComparer.Ordinal))
                entry[field] = text;
            root[language] = entry;
        }

        return root.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public static TextTranslations? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
            return null;
        var root = JsonNode.Parse(json)!.AsObject();
        return new TextTranslations(root.Select(language =>
        {
            var entry = language.Value!.AsObject();
            var texts = entry.Where(p => p.Key is not ProvidedBy and not Origin)
                .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
            return KeyValuePair.Create(language.Key, new TextVersion(
                entry[ProvidedBy]!.GetValue<string>(), Kebab.Parse<TextOrigin>(entry[Origin]!.GetValue<string>()), texts));
        }));
    }
}
