using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Timeline.Api.Domain;

/// <summary>
/// The wire and storage spelling of the domain's enums: kebab-case (<c>partially-materialised</c>).
/// One place, so that JSON, query strings, data files and database columns agree.
/// </summary>
public static class Kebab
{
    public static string ToValue<TEnum>(TEnum value) where TEnum : struct, Enum => Names<TEnum>.ByValue[value];

    public static bool TryParse<TEnum>([NotNullWhen(true)] string? text, out TEnum value) where TEnum : struct, Enum
    {
        value = default;
        return text is not null && Names<TEnum>.ByName.TryGetValue(text, out value);
    }

    public static TEnum Parse<TEnum>(string text) where TEnum : struct, Enum =>
        TryParse<TEnum>(text, out var value)
            ? value
            : throw new FormatException($"'{text}' is not one of: {string.Join(", ", AllValues<TEnum>())}.");

    public static IReadOnlyList<string> AllValues<TEnum>() where TEnum : struct, Enum => Names<TEnum>.All;

    private static class Names<TEnum> where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> ByValue =
            Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()));

        public static readonly FrozenDictionary<string, TEnum> ByName =
            ByValue.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

        public static readonly IReadOnlyList<string> All = [.. ByValue.OrderBy(p => p.Key).Select(p => p.Value)];
    }
}
