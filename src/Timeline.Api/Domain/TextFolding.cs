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

    /// <summary>
    /// Folds a word as SQLite's FTS5 tokenizer (<c>unicode61 remove_diacritics 2</c>) folds the text it indexes: lower
    /// case, and marks removed from Latin letters only. FTS5 keeps Cyrillic й, ё, ў and ї as letters of their own, so a
    /// query folded further ("сергеи" for "Сергей") would find nothing.
    /// </summary>
    public static string FoldAsIndexed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var latinBase = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                if (!latinBase)
                    builder.Append(c);
                continue;
            }

            latinBase = c < '\u0250' || c is >= '\u1E00' and < '\u1F00';
            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
