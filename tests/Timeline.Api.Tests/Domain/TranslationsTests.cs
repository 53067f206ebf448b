using Timeline.Api.Domain;

namespace Timeline.Api.Tests.Domain;

public sealed class TranslationsTests
{
    private static readonly TextTranslations BelarusianAndRussian = new(
    [
        KeyValuePair.Create("be", new TextVersion("Timeline editors", TextOrigin.Translation, new Dictionary<string, string> { ["title"] = "Адзіная валюта" })),
        KeyValuePair.Create("ru", new TextVersion("Timeline editors", TextOrigin.Translation, new Dictionary<string, string> { ["title"] = "Единая валюта", ["description"] = "Описание" })),
    ]);

    [Theory]
    [InlineData("be", "Адзіная валюта", "be")]
    [InlineData("be-BY", "Адзіная валюта", "be")]
    [InlineData("RU", "Единая валюта", "ru")]
    [InlineData("en", "Single currency", "en")]
    [InlineData("de", "Single currency", "en")]
    public void Choose_TitleInTheRequestedLanguage_ElseTheOriginal(string requested, string text, string language)
    {
        var chosen = Translatable.Choose([requested], "title", "Single currency", "en", BelarusianAndRussian);

        Assert.Equal((text, language), chosen);
    }

    [Fact]
    public void Choose_FollowsThePreferencesInOrder_ThenTheOriginal()
    {
        Assert.Equal(("Описание", "ru"), Translatable.Choose(["be", "ru"], "description", "Description", "en", BelarusianAndRussian));
        Assert.Equal(("Description", "en"), Translatable.Choose(["be", "de"], "description", "Description", "en", BelarusianAndRussian));
    }

    [Fact]
    public void Choose_WithoutAnOriginalText_FallsBackToEnglish()
    {
        var english = new TextTranslations([KeyValuePair.Create("en", new TextVersion("newsroom", TextOrigin.Translation, new Dictionary<string, string> { ["title"] = "Union State" }))]);

        Assert.Equal(("Союзное государство", "ru"), Translatable.Choose(["de"], "title", "Союзное государство", "ru", english));
        Assert.Equal(("Union State", "en"), Translatable.Choose(["de"], "note", null, "ru", new TextTranslations(
            [KeyValuePair.Create("en", new TextVersion("newsroom", TextOrigin.Translation, new Dictionary<string, string> { ["note"] = "Union State" }))])));
        Assert.Equal((null, "ru"), Translatable.Choose(["de"], "place", null, "ru", english));
    }

    [Fact]
    public void Problems_NameEveryBadTranslation()
    {
        var bad = new TextTranslations(
        [
            KeyValuePair.Create("en", new TextVersion("x", TextOrigin.Translation, new Dictionary<string, string> { ["title"] = "Same language" })),
            KeyValuePair.Create("be", new TextVersion(" ", TextOrigin.Translation, new Dictionary<string, string> { ["place"] = "Мінск", ["description"] = "Няма арыгінала", ["title"] = "" })),
            KeyValuePair.Create("not a tag", new TextVersion("x", TextOrigin.Original, new Dictionary<string, string> { ["title"] = "t" })),
        ]);
        var original = new Dictionary<string, string?> { ["title"] = "Single currency", ["description"] = null };

        var problems = Translatable.Problems("commitment", "en", original, bad, tag => !tag.Contains(' ', StringComparison.Ordinal)).ToList();

        Assert.Contains(problems, p => p.Language == "en" && p.Field is null && p.Message.Contains("own language", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Language == "be" && p.Field is null && p.Message.Contains("providedBy", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Language == "be" && p.Field == "place" && p.Message.Contains("no translatable text", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Language == "be" && p.Field == "description" && p.Message.Contains("original has no description", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Language == "be" && p.Field == "title" && p.Message.Contains("empty", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Language == "not a tag" && p.Message.Contains("BCP 47", StringComparison.Ordinal));
        Assert.Empty(Translatable.Problems("commitment", "en", original, BelarusianAndRussian.Versions["be"] is { } be
            ? new TextTranslations([KeyValuePair.Create("be", be)]) : null, _ => true));
    }
}
