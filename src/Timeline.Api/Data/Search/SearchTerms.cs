using System.Text;

namespace Timeline.Api.Data.Search;

/// <summary>How both providers read a user's search text: runs of letters and digits, at most 16 of them.</summary>
public static class SearchTerms
{
    public const int MaxWords = 16;

    public static IReadOnlyList<string> Words(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return [];

        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
                continue;
            }

            Flush();
        }

        Flush();
        return words.Take(MaxWords).ToList();

        void Flush()
        {
            if (word.Length == 0)
                return;
            words.Add(word.ToString());
            word.Clear();
        }
    }
}
