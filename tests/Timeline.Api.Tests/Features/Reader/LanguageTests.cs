using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Resources;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Features.Reader;
using Timeline.Api.Infrastructure;
using Timeline.Api.Tests.Infrastructure;

namespace Timeline.Api.Tests.Features.Reader;

/// <summary>
/// The interface in Belarusian, Russian and English: negotiation (<c>?lang=</c> beats <c>Accept-Language</c>, q-values,
/// the fallback chain), the headers caches rely on, and the widget, pages, picture and feeds in each language.
/// </summary>
[Collection(BundledData.Name)]
public sealed partial class LanguageTests(TimelineApiFactory factory)
{
    private const string Widget = "/embed/union-state";

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string? acceptLanguage = null, EntityTagHeaderValue? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptLanguage is not null)
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        if (ifNoneMatch is not null)
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        return client.SendAsync(request);
    }

    private static string ContentLanguage(HttpResponseMessage response) => string.Join(",", response.Content.Headers.ContentLanguage);

    [Theory]
    [InlineData(null, null, "en")]
    [InlineData("?lang=be", null, "be")]
    [InlineData("?lang=ru", null, "ru")]
    [InlineData("?lang=be-BY", null, "be")]
    [InlineData(null, "ru, en;q=0.5", "ru")]
    [InlineData(null, "be-BY,be;q=0.9,en;q=0.5", "be")]
    // q-values, not the order of the header, decide; equal ones keep the header's order; q=0 means "not this one".
    [InlineData(null, "de;q=1, en;q=0.3, be;q=0.8, ru;q=0.9", "ru")]
    [InlineData(null, "en;q=0.2, be", "be")]
    [InlineData(null, "ru;q=0.5, be;q=0.5", "ru")]
    [InlineData(null, "be;q=0, ru;q=0.1", "ru")]
    [InlineData(null, "de, fr;q=0.8", "en")]
    [InlineData(null, "*", "en")]
    [InlineData(null, "не мова;;;", "en")]
    // The query beats the header.
    [InlineData("?lang=en", "be", "en")]
    [InlineData("?lang=be", "ru, en;q=0.5", "be")]
    [InlineData("?lang=BE", null, "be")]
    public async Task Widget_NegotiatesTheInterfaceLanguage(string? query, string? acceptLanguage, string expected)
    {
        using var client = factory.CreateClient();
        using var response = await GetAsync(client, Widget + query, acceptLanguage);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, ContentLanguage(response));
        Assert.Contains("Accept-Language", response.Headers.Vary);
        Assert.False(response.Headers.Contains(InterfaceLanguages.FallbackHeader));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<html lang=\"{expected}\"", html, StringComparison.Ordinal);
        Assert.Contains($">{ReaderText.In(expected)["Events.Heading"]}</h2>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Widget_InBelarusian_HasBelarusianStatusNamesMonthNamesAndNoEnglishInterfaceWords()
    {
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync(new Uri(Widget + "?lang=be", UriKind.Relative));

        Assert.Contains("<html lang=\"be\"", html, StringComparison.Ordinal);
        // Stored texts translated into Belarusian are in it, in the document's language; one that is not keeps its English,
        // marked as such: each stored text carries its language, the document the interface's.
        Assert.Contains("<main class=\"tl tl-widget\" aria-labelledby=\"tl-title\" data-timeline=\"union-state\">", html, StringComparison.Ordinal);
        Assert.Contains("<h1 id=\"tl-title\">Саюзная дзяржава Беларусі і Расіі</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<h3><a href=\"/events/2019-12-08-integration-plan-signing?lang=be\" target=\"_blank\" rel=\"noopener\">Запланаванае падпісанне новага плана інтэграцыі (не адбылося)</a></h3>", html, StringComparison.Ordinal);
        Assert.Contains("<h3 lang=\"en\"><a href=\"/events/2019-11-19-gorki-prime-ministers-talks?lang=be\" target=\"_blank\" rel=\"noopener\">Prime ministers", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"tl-events-title\">Падзеі</h2>", html, StringComparison.Ordinal);
        Assert.Matches("<ul class=\"tl-sources\" aria-label=\"Крыніцы\">\\s*<li>(<span class=\"tl-publisher\">[^<]*</span> )?<a href=\"[^\"]+\" target=\"_blank\" rel=\"noopener\" lang=\"en\">", html);
        Assert.Contains("<time datetime=\"2019-12-08\">8 снежня 2019</time>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tl-badge tl-badge-never-held\">Абвешчана, але не адбылося</span>", html, StringComparison.Ordinal);
        Assert.Matches(
            @"data-slug=""single-constitution"">\s*<h3><a [^>]+>Адзіная канстытуцыя \(Канстытуцыйны акт Саюзнай дзяржавы\)</a></h3>\s*<p><span class=""tl-status tl-current tl-status-stalled"" data-status=""stalled"">Прыпынена</span> "
            + @"<span class=""tl-since""[^>]*>з 21 кастрычніка 2005</span>", html);
        Assert.Contains(">Рэалізавана<", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"tl-scorecard-title\">Абавязацельствы</h2>", html, StringComparison.Ordinal);
        Assert.Contains(">Статус на дату</label>", html, StringComparison.Ordinal);
        AssertNoEnglishInterfaceText(html, "be");
    }

    [Fact]
    public async Task Widget_InRussian_HasRussianHeadingsStatusesAndDates()
    {
        using var client = factory.CreateClient();
        using var response = await GetAsync(client, Widget, "ru, en;q=0.5");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("ru", ContentLanguage(response));
        Assert.Contains("<html lang=\"ru\"", html, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2019-12-08\">8 декабря 2019</time>", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"tl-events-title\">События</h2>", html, StringComparison.Ordinal);
        Assert.Contains(">Приостановлено</span> <span class=\"tl-since\"", html, StringComparison.Ordinal);
        Assert.Contains(">Объявлено, но не состоялось</span>", html, StringComparison.Ordinal);
        AssertNoEnglishInterfaceText(html, "ru");
    }

    /// <summary>No English interface string stands as a whole text or attribute value where the other language has its own.</summary>
    private static void AssertNoEnglishInterfaceText(string html, string language)
    {
        var english = ReaderText.English;
        var other = ReaderText.In(language);
        foreach (var name in StringNames(CultureInfo.InvariantCulture))
        {
            var word = english[name];
            if (word == other[name] || word.Contains('{', StringComparison.Ordinal) || name.StartsWith("Date.", StringComparison.Ordinal))
                continue;
            var encoded = HtmlText.Encode(word);
            Assert.DoesNotContain($">{encoded}<", html, StringComparison.Ordinal);
            Assert.DoesNotContain($"=\"{encoded}\"", html, StringComparison.Ordinal);
        }

        Assert.DoesNotMatch(@">\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}<", html);
    }

    [Fact]
    public async Task AValidTagWeHaveNoInterfaceFor_FallsBackToEnglish_AndSaysSo()
    {
        using var client = factory.CreateClient();
        using var response = await GetAsync(client, Widget + "?lang=de-AT", "ru");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("en", ContentLanguage(response));
        Assert.Equal("de-AT", response.Headers.GetValues(InterfaceLanguages.FallbackHeader).Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\"", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"tl-notice\" role=\"note\">The interface is not available in “de-AT”.</p>", html, StringComparison.Ordinal);
        // The as-of form keeps what was asked for, so the reader's choice survives a reload.
        Assert.Contains("<input type=\"hidden\" name=\"lang\" value=\"de-AT\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFeedsFallback_IsReadableByScriptsOnOtherSites()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/timelines/union-state/timelinejs?lang=uk");
        request.Headers.Add("Origin", "https://newsroom.example");
        using var response = await client.SendAsync(request);
        Assert.Equal("en", ContentLanguage(response));
        Assert.Equal("en", (await response.JsonAsync()).Str("language"));
        Assert.Equal("uk", response.Headers.GetValues(InterfaceLanguages.FallbackHeader).Single());
        Assert.Contains(InterfaceLanguages.FallbackHeader, response.Headers.GetValues("Access-Control-Expose-Headers").SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries)));
    }

    [Theory]
    [InlineData("/embed/union-state?lang=not_a_tag")]
    [InlineData("/embed/union-state?lang=b")]
    [InlineData("/embed/union-state?lang=be--BY")]
    [InlineData("/embed/union-state?lang=ru&lang=be")]
    [InlineData("/timelines/union-state?lang=%3Cscript%3E")]
    [InlineData("/events/2019-12-08-integration-plan-signing?lang=1234")]
    [InlineData("/commitments/single-currency?lang=en_GB")]
    [InlineData("/timelines/union-state/scorecard.svg?lang=ru-")]
    [InlineData("/oembed?url=http%3A%2F%2Flocalhost%2Fembed%2Funion-state&lang=xx%20yy")]
    [InlineData("/api/v1/timelines/union-state/feed.atom?lang=-ru")]
    [InlineData("/api/v1/timelines/union-state/calendar.ics?lang=abcdefghi")]
    [InlineData("/api/v1/timelines/union-state/timelinejs?lang=be.BY")]
    public async Task AMalformedLang_Is400ProblemNamingIt(string url)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var problem = await ErrorResponseTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var error = Assert.Single(problem.FieldErrors());
        Assert.Equal("lang", error.Name);
        Assert.Contains("BCP 47", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("be")]
    [InlineData("ru")]
    [InlineData("en-GB")]
    [InlineData("zh-Hant-TW")]
    [InlineData("sr-Latn-RS")]
    [InlineData("de-CH-1996")]
    [InlineData("es-419")]
    [InlineData("en-US-x-twain")]
    [InlineData("x-klingon")]
    public void WellFormedTags_AreAccepted(string tag) => Assert.True(InterfaceLanguages.IsWellFormed(tag));

    [Fact]
    public async Task TheCache_IsKeyedByLanguage_SameUrlTwoLanguagesTwoETags()
    {
        using var client = factory.CreateClient();
        // A URL no other test reads, so that the first request below is the one that fills the cache.
        var url = $"/api/v1/timelines/union-state/feed.atom?test-cache={Guid.NewGuid():N}";
        using var english = await GetAsync(client, url, "en");
        using var russian = await GetAsync(client, url, "ru, en;q=0.5");
        // Stored texts may be translated into any language, so the key is the list of preferences (any q-values, any case):
        // "ru" alone, or "en-GB", could be answered differently, and get entries of their own.
        using var russianAgain = await GetAsync(client, url, "RU, en;q=0.4");
        using var englishAgain = await GetAsync(client, url, "EN");

        Assert.Equal("en", ContentLanguage(english));
        Assert.Equal("ru", ContentLanguage(russian));
        Assert.NotEqual(english.Headers.ETag, russian.Headers.ETag);
        Assert.Contains("Статус", await russian.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("Статус", await english.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Repeats are served from the output cache (an Age header), each in its own language.
        Assert.NotNull(russianAgain.Headers.Age);
        Assert.Equal("ru", ContentLanguage(russianAgain));
        Assert.Equal(russian.Headers.ETag, russianAgain.Headers.ETag);
        Assert.NotNull(englishAgain.Headers.Age);
        Assert.Equal("en", ContentLanguage(englishAgain));
        Assert.Equal(english.Headers.ETag, englishAgain.Headers.ETag);
        Assert.Contains("Accept-Language", russianAgain.Headers.Vary);
    }

    [Theory]
    [InlineData(Widget)]
    [InlineData("/timelines/union-state")]
    [InlineData("/events/2019-12-08-integration-plan-signing")]
    [InlineData("/commitments/single-currency")]
    [InlineData("/timelines/union-state/scorecard.svg")]
    [InlineData("/api/v1/timelines/union-state/feed.atom")]
    [InlineData("/api/v1/timelines/union-state/calendar.ics")]
    [InlineData("/api/v1/timelines/union-state/timelinejs")]
    public async Task EveryReaderOutput_HasOneETagPerLanguage_AndAnOtherLanguagesETagDoesNotMatch(string url)
    {
        using var client = factory.CreateClient();
        var etags = new Dictionary<string, EntityTagHeaderValue>();
        foreach (var language in ReaderText.Languages)
        {
            using var response = await GetAsync(client, url, language);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(language, ContentLanguage(response));
            Assert.Contains("Accept-Language", response.Headers.Vary);
            etags[language] = response.Headers.ETag!;
        }

        Assert.Equal(ReaderText.Languages.Count, etags.Values.Select(e => e.Tag).Distinct().Count());
        using var stale = await GetAsync(client, url, "be", ifNoneMatch: etags["en"]);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal("be", ContentLanguage(stale));
        using var fresh = await GetAsync(client, url, "be", ifNoneMatch: etags["be"]);
        Assert.Equal(HttpStatusCode.NotModified, fresh.StatusCode);
    }

    [Fact]
    public async Task Pages_NameTheirLanguageVersions_AndAnExplicitChoiceIsKeptInLinks()
    {
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync(new Uri("/timelines/union-state?lang=ru", UriKind.Relative));
        Assert.Contains("<html lang=\"ru\"", html, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"canonical\" href=\"http://localhost/timelines/union-state?lang=ru\">", html, StringComparison.Ordinal);
        foreach (var language in ReaderText.Languages)
            Assert.Contains($"<link rel=\"alternate\" hreflang=\"{language}\" href=\"http://localhost/timelines/union-state?lang={language}\">", html, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"http://localhost/timelines/union-state\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta property=\"og:locale\" content=\"ru\">", html, StringComparison.Ordinal);
        Assert.Contains("<main id=\"main\" class=\"tl\">", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Союзное государство Беларуси и России</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<li><span aria-current=\"page\">Союзное государство Беларуси и России</span></li>", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"tl-commitments-title\">Обязательства</h2>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/events/2019-12-08-integration-plan-signing?lang=ru\"", html, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"lang\" value=\"ru\">", html, StringComparison.Ordinal);
        Assert.Contains("http://localhost/embed/union-state?lang=ru", html, StringComparison.Ordinal);
        Assert.Equal("ru", JsonLd(html).GetProperty("inLanguage").GetString());
        Assert.Equal("Союзное государство Беларуси и России", JsonLd(html).GetProperty("name").GetString());

        // Chosen by the header instead: one URL for every language, so nothing to keep in links.
        using var negotiated = await GetAsync(client, "/timelines/union-state", "ru");
        var plain = await negotiated.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"ru\"", plain, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"canonical\" href=\"http://localhost/timelines/union-state\">", plain, StringComparison.Ordinal);
        Assert.Contains("href=\"/events/2019-12-08-integration-plan-signing\"", plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/events/2019-12-08-integration-plan-signing?lang=be", "Падзея", "Крыніцы")]
    [InlineData("/commitments/single-currency?lang=be", "Абавязацельства", "Гісторыя статусу")]
    [InlineData("/events/2019-12-08-integration-plan-signing?lang=ru", "Событие", "Источники")]
    [InlineData("/commitments/single-currency?lang=ru", "Обязательство", "История статуса")]
    public async Task EventAndCommitmentPages_SpeakTheChosenLanguage_AndJsonLdTheContents(string url, string crumb, string heading)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var language = url[^2..];
        Assert.Equal(language, ContentLanguage(response));
        Assert.Contains($"<html lang=\"{language}\"", html, StringComparison.Ordinal);
        Assert.Contains($"<li><span aria-current=\"page\">{crumb}</span></li>", html, StringComparison.Ordinal);
        Assert.Contains($">{heading}</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<main id=\"main\" class=\"tl\">", html, StringComparison.Ordinal);
        // The event and the commitment are translated: their titles are in the page's language, and so is the JSON-LD.
        Assert.Matches("<h1>[А-Яа-яЁёІіЎў(]", html);
        Assert.Equal(language, JsonLd(html).GetProperty("inLanguage").GetString());
        AssertNoEnglishInterfaceText(html, language);
    }

    private static JsonElement JsonLd(string html)
    {
        var json = Regex.Match(html, "<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    [Fact]
    public async Task ScorecardSvg_InBelarusian_HasTheTimelinesBelarusianTitle()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/timelines/union-state/scorecard.svg?lang=be&asOf=2019-12-08", UriKind.Relative));
        Assert.Equal("be", ContentLanguage(response));
        var svg = new XmlDocument();
        svg.LoadXml(await response.Content.ReadAsStringAsync());
        var ns = new XmlNamespaceManager(svg.NameTable);
        ns.AddNamespace("s", "http://www.w3.org/2000/svg");
        Assert.Equal("be", svg.DocumentElement!.GetAttribute("lang"));
        // The title is translated, so it is in the picture's language and needs no lang of its own.
        Assert.Null(svg.SelectSingleNode("//s:g[@lang]", ns));
        var words = string.Join("\n", svg.SelectNodes("//s:text", ns)!.Cast<XmlNode>().Select(n => n.InnerText));
        Assert.Contains("Саюзная дзяржава", words, StringComparison.Ordinal);
        Assert.Contains("Статус паводле звестак на 8 снежня 2019", words, StringComparison.Ordinal);
        Assert.Matches(@"Рэалізавана \d+ з \d+ абавязацельстваў", words);
        Assert.Contains("Прыпынена: ", words, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("url=http%3A%2F%2Flocalhost%2Fembed%2Funion-state%3Flang%3Dbe", "lang=be")]
    [InlineData("url=http%3A%2F%2Flocalhost%2Ftimelines%2Funion-state%3Flang%3Dru%26theme%3Ddark", "theme=dark&amp;lang=ru")]
    [InlineData("url=http%3A%2F%2Flocalhost%2Fembed%2Funion-state&lang=ru", "?lang=ru")]
    [InlineData("url=http%3A%2F%2Flocalhost%2Fembed%2Funion-state%3Flang%3Dbe&lang=ru", "?lang=be")]
    public async Task OEmbed_PassesTheLanguageThroughToTheIframe(string query, string expected)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri($"/oembed?{query}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var src = Regex.Match((await response.JsonAsync()).Str("html"), "<iframe src=\"([^\"]+)\"").Groups[1].Value;
        Assert.EndsWith(expected, src, StringComparison.Ordinal);
        Assert.Equal(1, Regex.Count(src, "lang="));
    }

    [Fact]
    public async Task Atom_InBelarusian_ParsesWithSyndication_AndMarksOurWords()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/v1/timelines/union-state/feed.atom?lang=be", UriKind.Relative));
        Assert.Equal("be", ContentLanguage(response));
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync());
        var feed = SyndicationFeed.Load(reader);
        // The feed's own language is its stored texts' (the timeline's); entries framed by our words say theirs.
        Assert.Equal("en", feed.Language);
        var assessment = feed.Items.First(i => i.Id.Contains("assessment", StringComparison.Ordinal));
        var summary = (TextSyndicationContent)assessment.Summary;
        Assert.StartsWith("Статус «", summary.Text, StringComparison.Ordinal);
        Assert.Equal("be", summary.AttributeExtensions[new XmlQualifiedName("lang", "http://www.w3.org/XML/1998/namespace")]);
        Assert.Contains(" (на ", assessment.Title.Text, StringComparison.Ordinal);
        Assert.Equal("Віджэт храналогіі", assessment.Links.Single(l => l.RelationshipType == "related").Title);
    }

    [Fact]
    public async Task Calendar_InBelarusian_ParsesWithIcalNet_WithLanguageParameters()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/v1/timelines/union-state/calendar.ics?lang=be", UriKind.Relative));
        Assert.Equal("be", ContentLanguage(response));
        var calendar = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!;

        var signing = calendar.Events.Single(e => e.Uid == "event-2019-12-08-integration-plan-signing@timeline");
        Assert.Contains("Абвешчана, але не адбылося.", signing.Description, StringComparison.Ordinal);
        Assert.Contains("Дата (EDTF): 2019-12-08", signing.Description, StringComparison.Ordinal);
        // A December 2019 event is translated: its texts are Belarusian, and say so.
        Assert.Equal("Запланаванае падпісанне новага плана інтэграцыі (не адбылося)", signing.Summary);
        Assert.Equal("be", signing.Properties["SUMMARY"]!.Parameters.Get("LANGUAGE"));
        Assert.Equal("be", signing.Properties["DESCRIPTION"]!.Parameters.Get("LANGUAGE"));

        var rouble = calendar.Events.Single(e => e.Uid == "event-2003-04-rouble-common-currency@timeline");
        Assert.Contains("дата вядомая толькі з дакладнасцю да месяца", rouble.Summary, StringComparison.Ordinal);

        // A text made only of our words is the interface's.
        var due = calendar.Events.First(e => e.Uid!.StartsWith("commitment-due-", StringComparison.Ordinal));
        Assert.StartsWith("Тэрмін: ", due.Summary, StringComparison.Ordinal);
        Assert.StartsWith("Дата, да якой павінна было быць выканана абавязацельства «", due.Description, StringComparison.Ordinal);
        Assert.Equal("be", due.Properties["DESCRIPTION"]!.Parameters.Get("LANGUAGE"));
    }

    [Fact]
    public async Task TimelineJs_InRussian_NamesItsLanguageForTheOption()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/v1/timelines/union-state/timelinejs?lang=ru", UriKind.Relative));
        Assert.Equal("ru", ContentLanguage(response));
        var document = await response.JsonAsync();
        Assert.Equal("ru", document.Str("language"));
        var signing = document.GetProperty("events").EnumerateArray().Single(e => e.Str("unique_id") == "2019-12-08-integration-plan-signing");
        Assert.Equal("Подписание", signing.Str("group"));
        var text = signing.GetProperty("text").Str("text");
        Assert.Contains("<strong>Объявлено, но не состоялось</strong>", text, StringComparison.Ordinal);
        Assert.Contains(">Источники и подробности</a>", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAChoice_TheTimelinesOwnLanguageIsUsed_BeforeEnglish()
    {
        using var own = new TimelineApiFactory();
        await own.WithDbAsync(async db =>
        {
            var timeline = await db.Timelines.SingleAsync(t => t.Slug == "union-state");
            timeline.Language = "ru";
            return await db.SaveChangesAsync();
        });
        using var client = own.CreateClient();

        using var nothingAsked = await client.GetAsync(new Uri(Widget, UriKind.Relative));
        Assert.Equal("ru", ContentLanguage(nothingAsked));
        var html = await nothingAsked.Content.ReadAsStringAsync();
        // Interface and content now agree: no lang of its own on the content.
        Assert.Contains("<h1 id=\"tl-title\">", html, StringComparison.Ordinal);

        using var unavailable = await GetAsync(client, Widget, "de, fr;q=0.5");
        Assert.Equal("ru", ContentLanguage(unavailable));
        using var asked = await GetAsync(client, Widget, "be");
        Assert.Equal("be", ContentLanguage(asked));
        // Asked for Belarusian, each stored text says its own language: the translated title none, an untranslated
        // event's title the event's (English), not the timeline's.
        var inBelarusian = await asked.Content.ReadAsStringAsync();
        Assert.Contains("<h1 id=\"tl-title\">Саюзная дзяржава Беларусі і Расіі</h1>", inBelarusian, StringComparison.Ordinal);
        Assert.Contains("<h3 lang=\"en\"><a href=\"/events/2019-11-19-gorki-prime-ministers-talks\"", inBelarusian, StringComparison.Ordinal);
        using var explicitlyUnavailable = await client.GetAsync(new Uri(Widget + "?lang=de", UriKind.Relative));
        Assert.Equal("ru", ContentLanguage(explicitlyUnavailable));
        Assert.Contains("Интерфейс недоступен на языке «de».", await explicitlyUnavailable.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A timeline written right to left in a language without an interface: English chrome, left to right; the texts rtl.
        await own.WithDbAsync(async db =>
        {
            var timeline = await db.Timelines.SingleAsync(t => t.Slug == "union-state");
            timeline.Language = "ar";
            return await db.SaveChangesAsync();
        });
        using var arabic = await client.GetAsync(new Uri(Widget, UriKind.Relative));
        Assert.Equal("en", ContentLanguage(arabic));
        var rtl = await arabic.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\" dir=\"ltr\"", rtl, StringComparison.Ordinal);
        Assert.Contains("<h1 id=\"tl-title\" lang=\"ar\" dir=\"rtl\">", rtl, StringComparison.Ordinal);
        // The status picture marks its title the same way.
        Assert.Contains("<g lang=\"ar\">", await client.GetStringAsync(new Uri("/timelines/union-state/scorecard.svg", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryLanguage_HasEveryString_AndNothingElse_WithTheSamePlaceholders()
    {
        var neutral = StringNames(CultureInfo.InvariantCulture);
        Assert.NotEmpty(neutral);
        foreach (var language in ReaderText.Languages.Where(l => l != InterfaceLanguages.Default))
        {
            var own = StringNames(CultureInfo.GetCultureInfo(language));
            Assert.True(neutral.SetEquals(own),
                $"ReaderStrings.{language}.resx lacks [{string.Join(", ", neutral.Except(own))}] and has extra [{string.Join(", ", own.Except(neutral))}].");
            var text = ReaderText.In(language);
            foreach (var name in neutral)
            {
                Assert.False(string.IsNullOrWhiteSpace(text[name]) && name != "List.Separator", $"{language}: {name} is empty.");
                Assert.Equal(Placeholders(ReaderText.English[name]), Placeholders(text[name]));
            }
        }
    }

    private static HashSet<string> StringNames(CultureInfo culture)
    {
        var resources = new ResourceManager("Timeline.Api.Features.Reader.ReaderStrings", typeof(ReaderText).Assembly);
        var set = resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No ReaderStrings resources for '{culture.Name}'.");
        return [.. set.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key)];
    }

    private static string Placeholders(string text) => string.Join(",", Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal));

    [GeneratedRegex(@"\{\d\}")]
    private static partial Regex Placeholder();

    [Theory]
    [InlineData("be", "2019-12-08", "8 снежня 2019")]
    [InlineData("be", "2019-12", "снежань 2019")]
    [InlineData("be", "2024?", "2024 (недакладна)")]
    [InlineData("ru", "2019-12-08", "8 декабря 2019")]
    [InlineData("ru", "2003-04~", "прибл. апрель 2003")]
    [InlineData("ru", "201X", "2010-е годы")]
    [InlineData("en", "2019-12-08", "8 December 2019")]
    public void Dates_UseTheCulturesMonthNames(string language, string edtf, string expected) =>
        Assert.Equal(expected, ReaderText.In(language).Date(Timeline.Api.Domain.EdtfDate.Parse(edtf)));
}
