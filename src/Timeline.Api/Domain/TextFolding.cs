using System.Globalization;
using System.Text;

namespace Timeline.Api.Domain;

/// <summary>
/// Folds names for accent- and case-insensitive matching: "Lukašenka" and "lukasenka" fold alike.
/// Scripts are kept (Cyrillic stays Cyrillic); aliases carry the transliterations.
/// </summary>
public static class TextFolding
{
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                builder.Append(char.ToLowerInvariant(c));
        }

        // ё/й decompose to е/и plus a combining mark, which is what readers type anyway.
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
