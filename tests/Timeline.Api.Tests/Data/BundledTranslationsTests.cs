using System.Net;
using System.Text.Json;
using Timeline.Api.Data.Import;
using Timeline.Api.Tests.Infrastructure;

namespace Timeline.Api.Tests.Data;

/// <summary>
/// The bundled Belarusian and Russian texts: which records have them (what issue 13 asks for), that each is marked as a
/// translation of the English original by its provider, that none has a field the original lacks, and that the API and
/// search serve them.
/// </summary>
[Collection(BundledData.Name)]
public sealed class BundledTranslationsTests(TimelineApiFactory factory)
{
    private static readonly IReadOnlyList<DataFile> Files = DataSetReader.Read(TimelineApiFactory.DataFolder, KnownSlugs.None);

    private static readonly string[] Languages = ["be", "ru"];
    private static readonly string[] TitleAndDescription = ["title", "description"];
    private static readonly string[] Summary = ["summary"];
    private static readonly string[] Name = ["name"];

    /// <summary>Every translated record with its original's texts: (where, original language, original texts by field, translations).</summary>
    private static IEnumerable<(string Where, string? Language, Dictionary<string, string?> Original, Dictionary<string, TranslationData>? Translations)> Records()
    {
        foreach (var content in Files.Select(f => f.Content))
        {
            foreach (var t in content.Timelines ?? [])
                yield return ($"timeline {t.Slug}", t.Language, new() { ["title"] = t.Title, ["description"] = t.Description }, t.Translations);
            foreach (var a in content.Actors ?? [])
                yield return ($"actor {a.Slug}", a.Language, new() { ["name"] = a.Name, ["description"] = a.Description }, a.Translations);
            foreach (var e in content.Events ?? [])
                yield return ($"event {e.Slug}", e.Language, new() { ["title"] = e.Title, ["summary"] = e.Summary, ["place"] = e.Place, ["note"] = e.Note }, e.Translations);
            foreach (var c in content.Commitments ?? [])
            {
                yield return ($"commitment {c.Slug}", c.Language, new() { ["title"] = c.Title, ["description"] = c.Description }, c.Translations);
                foreach (var a in c.Assessments)
                    yield return ($"assessment {c.Slug} {a.Date}", a.Language, new() { ["summary"] = a.Summary }, a.Translations);
            }

            foreach (var q in content.Quotes ?? [])
                yield return ($"quote {q.Slug}", q.Language, new() { ["text"] = q.Text }, q.Translations);
        }
    }

    [Fact]
    public void EveryBundledTranslation_IsATranslationOfTheEnglishOriginal_WithNoFieldTheOriginalLacks()
    {
        var translated = Records().Where(r => r.Translations is not null).ToList();
        Assert.True(translated.Count > 80, $"{translated.Count} translated records");
        foreach (var (where, language, original, translations) in translated)
        {
            Assert.True(language is null or "en", where);
            Assert.Equal(Languages, translations!.Keys.Order(StringComparer.Ordinal));
            foreach (var (tag, version) in translations)
            {
                Assert.Equal("translation", version.Origin);
                Assert.Equal("Timeline editors", version.ProvidedBy);
                foreach (var (field, text) in version.Texts())
                {
                    Assert.True(original.TryGetValue(field, out var source) && !string.IsNullOrEmpty(source), $"{where}: {tag} {field} has no original");
                    // Written in Cyrillic, but for the two names both languages write in Latin letters.
                    if (text is not ("IHS Markit" or "The Washington Post"))
                        Assert.Matches("[А-яЁёІіЎў]", text);
                }
            }
        }
    }

    [Fact]
    public void TheRecordsIssue13Names_HaveBelarusianAndRussianVersionsOfEveryText()
    {
        var records = Records().ToDictionary(r => r.Where, StringComparer.Ordinal);
        var wanted = new List<(string Where, string[] Fields)> { ("timeline union-state", TitleAndDescription) };
        wanted.AddRange(records.Keys.Where(k => k.StartsWith("commitment ", StringComparison.Ordinal)).Select(k => (k, TitleAndDescription)));
        wanted.AddRange(records.Keys.Where(k => k.StartsWith("assessment single-currency ", StringComparison.Ordinal) || k.StartsWith("assessment single-constitution ", StringComparison.Ordinal))
            .Select(k => (k, Summary)));
        wanted.AddRange(records.Keys.Where(k => k.StartsWith("actor ", StringComparison.Ordinal)).Select(k => (k, Name)));
        // Every event of December 2019, with each text it has.
        wanted.AddRange(Files.SelectMany(f => f.Content.Events ?? []).Where(e => e.Date.StartsWith("2019-12", StringComparison.Ordinal))
            .Select(e => ($"event {e.Slug}", records[$"event {e.Slug}"].Original.Where(o => o.Value is not null).Select(o => o.Key).ToArray())));

        Assert.Equal(15, wanted.Count(w => w.Where.StartsWith("commitment ", StringComparison.Ordinal)));
        Assert.Equal(12, wanted.Count(w => w.Where.StartsWith("assessment ", StringComparison.Ordinal)));
        Assert.Equal(8, wanted.Count(w => w.Where.StartsWith("event ", StringComparison.Ordinal)));
        foreach (var (where, fields) in wanted)
        {
            var translations = records[where].Translations;
            Assert.True(translations is not null, $"{where} has no translations");
            foreach (var language in Languages)
            {
                Assert.True(translations.ContainsKey(language), $"{where} has no {language}");
                Assert.Equal(fields.Order(StringComparer.Ordinal), translations[language].Texts().Select(t => t.Field).Order(StringComparer.Ordinal));
            }
        }
    }

    [Theory]
    [InlineData("be", "Адзіная валюта", "Агульная валюта Саюзнай дзяржавы")]
    [InlineData("ru", "Единая валюта", "Общая валюта Союзного государства")]
    public async Task GetSingleCurrency_InBelarusianOrRussian_ServesTheBundledTranslation(string lang, string title, string description)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri($"/api/v1/commitments/single-currency?lang={lang}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(lang, Assert.Single(response.Content.Headers.ContentLanguage));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(title, body.Str("title"));
        Assert.StartsWith(description, body.Str("description"), StringComparison.Ordinal);
        // Its whole history is translated, and so are its parties' names; only sources' titles and events of other
        // years are still in English, and the response names each of them.
        var fallbacks = body.GetProperty("fallbacks").EnumerateArray().Select(f => f.Str("field")).ToList();
        Assert.DoesNotContain(fallbacks, f => f.EndsWith("/summary", StringComparison.Ordinal) || f.StartsWith("/parties/", StringComparison.Ordinal) || f is "/title" or "/description");
        Assert.Contains(fallbacks, f => f.Contains("/sources/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Лукашэнка")]
    [InlineData("Лукашенко")]
    public async Task Search_InEitherCyrillicSpelling_FindsLukashenkaAndHisQuotes(string q)
    {
        var page = await factory.GetJsonAsync<JsonElement>($"/api/v1/search?q={Uri.EscapeDataString(q)}&limit=200");

        Assert.Contains(page.Items(), h => h.Str("kind") == "actor" && h.Str("slug") == "alyaksandr-lukashenka");
        Assert.Contains(page.Items(), h => h.Str("kind") == "quote" && h.Str("slug") == "lukashenka-no-integration-without-compensation");
    }

    [Theory]
    [InlineData("Адзіная валюта", "commitment", "single-currency")]
    [InlineData("Единая валюта", "commitment", "single-currency")]
    [InlineData("Парыжы", "event", "2019-12-09-normandy-summit-paris")]
    [InlineData("обмениваются пленными", "event", "2019-12-29-prisoner-swap")]
    [InlineData("Палішчук", "actor", "alexey-polishchuk")]
    // Letters with marks that are letters of their own in Cyrillic (й, ў): SQLite's tokenizer keeps them, and so must the query.
    [InlineData("Дмитрий", "actor", "dmitry-medvedev")]
    [InlineData("Мядзведзеў", "actor", "dmitry-medvedev")]
    [InlineData("Сергей Румас", "actor", "syarhei-rumas")]
    public async Task Search_ATranslatedText_FindsItsRecord(string q, string kind, string slug)
    {
        var page = await factory.GetJsonAsync<JsonElement>($"/api/v1/search?q={Uri.EscapeDataString(q)}&kind={kind}");

        Assert.Contains(page.Items(), h => h.Str("slug") == slug);
    }
}
