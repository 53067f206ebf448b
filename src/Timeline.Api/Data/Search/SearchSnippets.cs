using System.Text;
using Timeline.Api.Domain;

namespace Timeline.Api.Data.Search;

/// <summary>
/// The excerpt shown with a search result: up to <see cref="Words"/> words of the title or the body around the
/// words searched for (accent- and case-insensitive prefixes, as the match itself), "…" where it is cut. Made here
/// rather than by the database: FTS5's snippet() and ts_headline() re-run the match for every row they cut, which
/// cost ten times the search itself, and both providers now cut alike.
/// </summary>
public static class SearchSnippets
{
    public const int Words = 16;

    public static string Make(string title, string body, IReadOnlyList<string> searched)
    {
        ArgumentNullException.ThrowIfNull(searched);
        var folded = searched.Select(TextFolding.Fold).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var inBody = Best(body ?? "", folded);
        var inTitle = Best(title ?? "", folded);
        // The title is shown beside the snippet anyway: the body wins unless the title matches more of the words.
        var best = inTitle.Matched > inBody.Matched || (inBody.Matched == 0 && (body ?? "").Length == 0) ? inTitle : inBody;
        return best.Text;
    }

    /// <summary>The window of <see cref="Words"/> tokens that holds the most distinct searched words.</summary>
    private static (int Matched, string Text) Best(string text, List<string> searched)
    {
        var tokens = Tokens(text);
        if (tokens.Count == 0)
            return (0, "");
        var matches = tokens.Select(t =>
        {
            var token = TextFolding.Fold(text.Substring(t.Start, t.Length));
            return searched.FindIndex(w => token.StartsWith(w, StringComparison.Ordinal));
        }).ToList();
        // Windows start two words before a match (a reader wants the words that lead to it); the one holding the
        // most distinct searched words wins, the earliest of equals.
        var (first, bestMatched) = (0, 0);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (matches[i] < 0)
                continue;
            var start = Math.Max(0, Math.Min(i - 2, tokens.Count - Words));
            var matched = matches.Skip(start).Take(Words).Where(m => m >= 0).Distinct().Count();
            if (matched > bestMatched)
                (first, bestMatched) = (start, matched);
        }

        var last = Math.Min(tokens.Count, first + Words) - 1;
        var excerpt = new StringBuilder();
        if (first > 0)
            excerpt.Append('…');
        var end = last == tokens.Count - 1 ? text.Length : tokens[last].Start + tokens[last].Length;
        excerpt.Append(text, tokens[first].Start, end - tokens[first].Start);
        if (last < tokens.Count - 1)
            excerpt.Append('…');
        return (bestMatched, excerpt.ToString().Trim());
    }

    /// <summary>Runs of letters and digits, as the index reads words.</summary>
    private static List<(int Start, int Length)> Tokens(string text)
    {
        var tokens = new List<(int, int)>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (char.IsLetterOrDigit(text[i]) || char.IsSurrogate(text[i]) || char.GetUnicodeCategory(text[i]) is System.Globalization.UnicodeCategory.NonSpacingMark);
            if (inWord && start < 0)
                start = i;
            else if (!inWord && start >= 0)
            {
                tokens.Add((start, i - start));
                start = -1;
            }
        }

        return tokens;
    }
}
