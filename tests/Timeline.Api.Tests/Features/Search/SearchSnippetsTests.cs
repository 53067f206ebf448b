using Timeline.Api.Data.Search;

namespace Timeline.Api.Tests.Features.Search;

public sealed class SearchSnippetsTests
{
    private const string Body =
        "The two governments met in Minsk on Monday. After long talks the prime ministers agreed a common tariff on gas, "
        + "and Lukašenka said the single currency would wait for another year of negotiations and audits.";

    [Fact]
    public void Snippet_IsTheWindowAroundTheWordsSought_CutWithEllipses()
    {
        var snippet = SearchSnippets.Make("Talks in Minsk", Body, ["currency"]);

        Assert.Contains("single currency", snippet, StringComparison.Ordinal);
        Assert.StartsWith("…", snippet, StringComparison.Ordinal);
        Assert.True(snippet.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= SearchSnippets.Words + 1, snippet);
    }

    [Fact]
    public void Snippet_MatchesPrefixesWithoutAccentsOrCase_AndPrefersTheWindowWithMoreOfTheWords()
    {
        var snippet = SearchSnippets.Make("Talks in Minsk", Body, ["LUKASENKA", "negot"]);

        Assert.Contains("Lukašenka", snippet, StringComparison.Ordinal);
        Assert.Contains("negotiations", snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void Snippet_OfATextWithoutTheWords_IsItsBeginning_AndAShortTextIsWhole()
    {
        Assert.StartsWith("The two governments met", SearchSnippets.Make("Title", Body, ["zzz"]), StringComparison.Ordinal);
        Assert.Equal("Belarus and Russia", SearchSnippets.Make("Title", "Belarus and Russia", ["russia"]));
        Assert.Equal("Talks in Minsk", SearchSnippets.Make("Talks in Minsk", "", ["minsk"]));
    }
}
