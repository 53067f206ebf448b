using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data.Import;
using Timeline.Api.Domain;
using Timeline.Api.Tests.Cli;

namespace Timeline.Api.Tests.Data;

/// <summary>Translations in data files: the schema and the gate check them, <c>import</c> stores them, <c>export</c> gives them back.</summary>
[Collection(ConsoleVerbs.Name)]
public sealed class TranslationDataTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("timeline-translations-").FullName;
    private readonly TestDatabase _database;

    public TranslationDataTests() => _database = new TestDatabase(_folder, "translations.db");

    private string Data => Path.Combine(_folder, "data");

    private const string Timelines = """
        timelines:
          - slug: lang-test
            title: Union State
            description: A story of two states.
            language: en
            translations:
              be: { providedBy: Timeline editors, origin: translation, title: Саюзная дзяржава, description: Гісторыя дзвюх дзяржаў. }
        """;

    private const string Actors = """
        actors:
          - slug: lang-test-leader
            name: Alyaksandr Lukashenka
            kind: person
            description: President of Belarus.
            translations:
              be: { providedBy: Timeline editors, origin: translation, name: Аляксандр Лукашэнка, description: Прэзідэнт Беларусі. }
              ru: { providedBy: Timeline editors, origin: translation, name: Александр Лукашенко }
        """;

    private const string Events = """
        timeline: lang-test
        events:
          - slug: lang-test-signing
            date: "2019-12-08"
            title: Signing planned
            summary: The plan was to be signed.
            kind: signing
            status: cancelled
            place: Minsk
            sources:
              - url: https://example.org/lang-test/source
                title: A report
                translations:
                  ru: { providedBy: Timeline editors, origin: translation, title: Репортаж }
            translations:
              be: { providedBy: Timeline editors, origin: translation, title: Падпісанне планавалася, place: Мінск }
              ru: { providedBy: Belsat, origin: original, title: Подписание планировалось, summary: План собирались подписать., place: Минск }
        """;

    private const string Commitments = """
        timeline: lang-test
        commitments:
          - slug: lang-test-currency
            title: Single currency
            description: A common currency for the two states.
            category: monetary
            translations:
              be: { providedBy: Timeline editors, origin: translation, title: Адзіная валюта, description: Агульная валюта для дзвюх дзяржаў. }
            assessments:
              - date: "2019-12-08"
                status: stalled
                summary: No agreement on a currency.
                sources: [{ url: "https://example.org/lang-test/source" }]
                translations:
                  ru: { providedBy: Timeline editors, origin: translation, summary: Согласия о валюте нет. }
        """;

    private const string Quotes = """
        timeline: lang-test
        quotes:
          - slug: lang-test-quote
            text: We are not going to merge.
            speaker: lang-test-leader
            language: en
            source: { url: "https://example.org/lang-test/source" }
            translations:
              ru: { providedBy: Timeline editors, origin: translation, text: Мы не собираемся объединяться. }
        """;

    private void WriteData(string? commitments = null)
    {
        Directory.CreateDirectory(Path.Combine(Data, "lang-test"));
        File.WriteAllText(Path.Combine(Data, "timelines.yaml"), Timelines);
        File.WriteAllText(Path.Combine(Data, "actors.yaml"), Actors);
        File.WriteAllText(Path.Combine(Data, "lang-test", "events.yaml"), Events);
        File.WriteAllText(Path.Combine(Data, "lang-test", "commitments.yaml"), commitments ?? Commitments);
        File.WriteAllText(Path.Combine(Data, "lang-test", "quotes.yaml"), Quotes);
    }

    [Fact]
    public async Task Import_StoresEveryRecordsTranslations_AndExportGivesThemBackUnchanged()
    {
        WriteData();

        var (code, _, error) = await CommandLineTests.RunAsync(["import", Data, .. _database.Arguments]);

        Assert.True(code == 0, error);
        await using (var db = _database.CreateContext())
        {
            var commitment = await db.Commitments.Include(c => c.Assessments).SingleAsync(c => c.Slug == "lang-test-currency");
            Assert.Equal("en", commitment.Language);
            var be = commitment.Translations!.Versions["be"];
            Assert.Equal(("Timeline editors", TextOrigin.Translation), (be.ProvidedBy, be.Origin));
            Assert.Equal("Адзіная валюта", be.Texts["title"]);
            Assert.Equal("Согласия о валюте нет.", commitment.Assessments.Single().Translations!.Versions["ru"].Texts["summary"]);

            var signing = await db.Events.SingleAsync(e => e.Slug == "lang-test-signing");
            Assert.Equal(TextOrigin.Original, signing.Translations!.Versions["ru"].Origin);
            Assert.Equal(["place", "summary", "title"], signing.Translations.Versions["ru"].Texts.Keys.Order(StringComparer.Ordinal));
            Assert.Equal("Мінск", signing.Translations.Versions["be"].Texts["place"]);
            Assert.Equal("Репортаж", (await db.Sources.SingleAsync(s => s.Url == "https://example.org/lang-test/source")).Translations!.Versions["ru"].Texts["title"]);
            Assert.Equal("Аляксандр Лукашэнка", (await db.Actors.SingleAsync(a => a.Slug == "lang-test-leader")).Translations!.Versions["be"].Texts["name"]);
            Assert.Equal("Мы не собираемся объединяться.", (await db.Quotes.SingleAsync(q => q.Slug == "lang-test-quote")).Translations!.Versions["ru"].Texts["text"]);
            Assert.Equal("Саюзная дзяржава", (await db.Timelines.SingleAsync(t => t.Slug == "lang-test")).Translations!.Versions["be"].Texts["title"]);
        }

        // Importing the same files again changes nothing: equal translations are no change.
        var again = await CommandLineTests.RunAsync(["import", Data, .. _database.Arguments]);
        Assert.Equal(0, again.Code);
        Assert.Contains(": 0 row(s) changed", again.Output, StringComparison.Ordinal);

        var target = Path.Combine(_folder, "export");
        (code, _, error) = await CommandLineTests.RunAsync(["export", "lang-test", target, .. _database.Arguments]);
        Assert.True(code == 0, error);
        var exported = await File.ReadAllTextAsync(Path.Combine(target, "lang-test", "commitments.yaml"));
        Assert.Contains("providedBy: Timeline editors", exported, StringComparison.Ordinal);

        var original = DataSetReader.Read(Data, KnownSlugs.None);
        var back = DataSetReader.Read(target, KnownSlugs.None);
        var (expected, actual) = (TranslationsOf(original), TranslationsOf(back));
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, value) in expected)
            Assert.Equal($"{key}: {value}", $"{key}: {actual[key]}");
        Assert.Equal(7, TranslationsOf(back).Count);
    }

    [Theory]
    [InlineData("be: { providedBy: Timeline editors, origin: translation, title: Адзіная валюта, place: Мінск }", "/commitments/0/translations/be", "")]
    [InlineData("en: { providedBy: Timeline editors, origin: translation, title: Single currency }", "/commitments/0/translations/en", "own language")]
    [InlineData("be: { providedBy: Timeline editors, origin: guess, title: Адзіная валюта }", "/commitments/0/translations/be/origin", "")]
    [InlineData("be: { providedBy: Timeline editors, origin: translation }", "/commitments/0/translations/be", "")]
    public async Task Import_ABadTranslation_IsRejectedAtItsFieldAndChangesNothing(string translation, string field, string reason)
    {
        WriteData(Commitments.Replace(
            "be: { providedBy: Timeline editors, origin: translation, title: Адзіная валюта, description: Агульная валюта для дзвюх дзяржаў. }",
            translation, StringComparison.Ordinal));

        var (code, _, error) = await CommandLineTests.RunAsync(["import", Data, .. _database.Arguments]);

        Assert.Equal(1, code);
        Assert.Contains($"commitments.yaml:8: {field}", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        await using var db = _database.CreateContext();
        Assert.False(await db.Commitments.AnyAsync(c => c.Slug == "lang-test-currency"));
    }

    [Fact]
    public async Task Import_ATranslatedFieldTheOriginalLacks_IsRejected()
    {
        // The commitment has no description in English: a Belarusian one would add a text the original lacks.
        WriteData(Commitments.Replace("    description: A common currency for the two states.\n", "", StringComparison.Ordinal));

        var (code, _, error) = await CommandLineTests.RunAsync(["import", Data, .. _database.Arguments]);

        Assert.Equal(1, code);
        Assert.Contains("/commitments/0/translations/be/description", error, StringComparison.Ordinal);
        Assert.Contains("The original has no description", error, StringComparison.Ordinal);
    }

    /// <summary>Every record's language and translations, keyed by where they are, as canonical JSON.</summary>
    private static Dictionary<string, string> TranslationsOf(IReadOnlyList<DataFile> files)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string key, string? language, Dictionary<string, TranslationData>? translations)
        {
            if (translations is not null)
                found[key] = JsonSerializer.Serialize(new { language, translations = translations.OrderBy(t => t.Key, StringComparer.Ordinal) }, TimelineApiFactory.Json);
        }

        foreach (var content in files.Select(f => f.Content))
        {
            foreach (var t in content.Timelines ?? [])
                Add($"timeline {t.Slug}", t.Language, t.Translations);
            foreach (var a in content.Actors ?? [])
                Add($"actor {a.Slug}", a.Language, a.Translations);
            foreach (var e in content.Events ?? [])
            {
                Add($"event {e.Slug}", e.Language, e.Translations);
                foreach (var s in e.Sources)
                    Add($"source {s.Url}", s.Language, s.Translations);
            }

            foreach (var c in content.Commitments ?? [])
            {
                Add($"commitment {c.Slug}", c.Language, c.Translations);
                foreach (var (a, i) in c.Assessments.Select((a, i) => (a, i)))
                    Add($"assessment {c.Slug} {i}", a.Language, a.Translations);
            }

            foreach (var q in content.Quotes ?? [])
                Add($"quote {q.Slug}", q.Language is "en" ? null : q.Language, q.Translations);
        }

        return found;
    }

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
