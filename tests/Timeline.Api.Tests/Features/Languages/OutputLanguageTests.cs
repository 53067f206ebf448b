using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using Timeline.Api.Tests.Features.Exports;
using Timeline.Api.Tests.Infrastructure;

namespace Timeline.Api.Tests.Features.Languages;

/// <summary>
/// The outputs (the widget, the public pages, Atom, iCalendar, TimelineJS, the CSVs, JSON-LD) show stored texts in the
/// language asked for, with the API's fallback chain, and mark each text's own language where the format can: on the
/// bundled data, whose union-state timeline, commitments, currency and constitution assessments, December 2019 events and
/// actors' names have Belarusian and Russian versions, while the rest (the 19 November 2019 talks at Gorki, the quotes)
/// stays English.
/// </summary>
[Collection(BundledData.Name)]
public sealed partial class OutputLanguageTests(TimelineApiFactory factory)
{
    private const string Base = "/api/v1/timelines/union-state";
    private const string Signing = "2019-12-08-integration-plan-signing";
    private const string SigningBe = "Запланаванае падпісанне новага плана інтэграцыі (не адбылося)";
    private const string SigningRu = "Запланированное подписание нового плана интеграции (не состоялось)";
    private const string Gorki = "2019-11-19-gorki-prime-ministers-talks";
    private const string GorkiTitle = "Prime ministers' talks at Gorki";
    private const string TitleBe = "Саюзная дзяржава Беларусі і Расіі";
    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

    private async Task<string> GetStringAsync(string url)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Each commitment's title as the JSON API gives it in a language.</summary>
    private async Task<Dictionary<string, string>> CommitmentTitlesAsync(string language)
    {
        using var client = factory.CreateClient();
        var body = await (await client.GetAsync(new Uri($"{Base}/commitments?lang={language}&limit=100", UriKind.Relative))).JsonAsync();
        return body.Items().ToDictionary(c => c.Str("slug")!, c => c.Str("title")!, StringComparer.Ordinal);
    }

    [Fact]
    public async Task Widget_LangBe_ShowsTheTranslatedContent_AndMarksWhatStayedEnglish()
    {
        var html = await GetStringAsync("/embed/union-state?lang=be");

        Assert.Contains("<html lang=\"be\"", html, StringComparison.Ordinal);
        Assert.Contains($"<h1 id=\"tl-title\">{TitleBe}</h1>", html, StringComparison.Ordinal);
        // Every commitment's title is the API's Belarusian one (all 15 are translated), in the page's language.
        var titles = await CommitmentTitlesAsync("be");
        Assert.Equal(15, titles.Count);
        foreach (var (slug, title) in titles)
        {
            Assert.Matches(@"[А-Яа-яЁёІіЎў]", title);
            Assert.Matches($"data-slug=\"{slug}\">\\s*<h3><a [^>]+>{Regex.Escape(System.Net.WebUtility.HtmlEncode(title))}</a></h3>", html);
        }

        // A December 2019 event in Belarusian; an event with no Belarusian version keeps its English title, marked as English.
        Assert.Matches($"data-slug=\"{Signing}\"[^>]*>\\s*<time[^>]*>[^<]*</time>\\s*<h3><a [^>]+>{Regex.Escape(SigningBe)}</a></h3>", html);
        Assert.Matches($"data-slug=\"{Gorki}\"[^>]*>\\s*<time[^>]*>[^<]*</time>\\s*<h3 lang=\"en\"><a [^>]+>Prime ministers", html);
        // An assessment summary of the single currency, translated.
        Assert.Contains("<p>Касьянаў і Навіцкі пацвердзілі рубель як агульную валюту з 2005 года і новую саюзную валюту з 2008 года.</p>", html, StringComparison.Ordinal);

        // JSON-LD: each item in its own language.
        var items = JsonLd(html).GetProperty("itemListElement").EnumerateArray().Select(i => i.GetProperty("item")).ToList();
        var signing = items.Single(i => i.Str("url")!.EndsWith(Signing, StringComparison.Ordinal));
        Assert.Equal(SigningBe, signing.Str("name"));
        Assert.Equal("be", signing.Str("inLanguage"));
        Assert.Equal("en", items.Single(i => i.Str("url")!.EndsWith(Gorki, StringComparison.Ordinal)).Str("inLanguage"));
        Assert.Equal(TitleBe, JsonLd(html).Str("name"));
    }

    [Fact]
    public async Task Widget_TreatiesView_LangRu_NamesThePartiesInRussian()
    {
        var html = await GetStringAsync("/embed/union-state?view=treaties&lang=ru");
        Assert.Contains("<tr data-party=\"russia\"><th scope=\"row\">Россия</th>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Widget_WithoutALanguage_IsTheOriginalEnglish()
    {
        var html = await GetStringAsync("/embed/union-state");
        Assert.Contains("<h1 id=\"tl-title\">Belarus–Russia Union State</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(SigningBe, html, StringComparison.Ordinal);
        Assert.DoesNotContain(" lang=\"", html[html.IndexOf("<body", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task OEmbed_WithALanguage_TitlesTheWidgetInIt()
    {
        using var client = factory.CreateClient();
        var oembed = await (await client.GetAsync(new Uri("/oembed?url=http%3A%2F%2Flocalhost%2Fembed%2Funion-state&lang=be", UriKind.Relative))).JsonAsync();
        Assert.Equal(TitleBe, oembed.Str("title"));
        Assert.Contains($"title=\"{TitleBe}\"", oembed.Str("html"), StringComparison.Ordinal);
        var english = await (await client.GetAsync(new Uri("/oembed?url=http%3A%2F%2Flocalhost%2Fembed%2Funion-state", UriKind.Relative))).JsonAsync();
        Assert.Equal("Belarus–Russia Union State", english.Str("title"));
    }

    [Fact]
    public async Task Atom_LangBe_ParsesWithSyndication_WithTheBelarusianTitles_MarkedWithXmlLang()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri($"{Base}/feed.atom?lang=be", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var xml = await response.Content.ReadAsStringAsync();
        using var reader = XmlReader.Create(new StringReader(xml));
        var feed = SyndicationFeed.Load(reader);

        // The feed's own language stays the timeline's; the texts that are not in it say theirs.
        Assert.Equal("en", feed.Language);
        Assert.Equal(TitleBe, feed.Title.Text);
        var document = new XmlDocument();
        document.LoadXml(xml);
        var ns = new XmlNamespaceManager(document.NameTable);
        ns.AddNamespace("a", "http://www.w3.org/2005/Atom");
        Assert.Equal("be", ((XmlElement)document.SelectSingleNode("/a:feed/a:title", ns)!).GetAttribute("lang", XmlNamespace));

        var signing = feed.Items.Single(i => i.Id == $"urn:timeline:event:{Signing}");
        Assert.Equal($"{SigningBe} (2019-12-08)", signing.Title.Text);
        var signingEntry = document.SelectSingleNode($"/a:feed/a:entry[a:id='urn:timeline:event:{Signing}']", ns)!;
        Assert.Equal("be", ((XmlElement)signingEntry.SelectSingleNode("a:title", ns)!).GetAttribute("lang", XmlNamespace));

        // Untranslated, an event's title is in the feed's language and needs no mark.
        var gorki = feed.Items.Single(i => i.Id == $"urn:timeline:event:{Gorki}");
        Assert.Equal($"{GorkiTitle} (2019-11-19)", gorki.Title.Text);
        var gorkiEntry = document.SelectSingleNode($"/a:feed/a:entry[a:id='urn:timeline:event:{Gorki}']", ns)!;
        Assert.False(((XmlElement)gorkiEntry.SelectSingleNode("a:title", ns)!).HasAttribute("lang", XmlNamespace));

        // An assessment's entry names its commitment in Belarusian, in our Belarusian words.
        Assert.Contains(feed.Items, i => i.Id.Contains(":commitment:single-currency:assessment:", StringComparison.Ordinal)
            && i.Title.Text.StartsWith("Адзіная валюта: ", StringComparison.Ordinal)
            && ((TextSyndicationContent)i.Summary).Text.StartsWith("Статус «Адзіная валюта» на ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Calendar_LangBe_ParsesWithIcalNet_EachTextWithItsOwnLanguageParameter()
    {
        var calendar = Ical.Net.Calendar.Load(await GetStringAsync($"{Base}/calendar.ics?lang=be"))!;

        var sochi = calendar.Events.Single(e => e.Uid == "event-2019-12-07-presidents-sochi@timeline");
        Assert.Equal("Пуцін і Лукашэнка праводзяць перамовы ў Сочы, але нічога не падпісваюць", sochi.Summary);
        Assert.Equal("be", sochi.Properties["SUMMARY"]!.Parameters.Get("LANGUAGE"));
        Assert.Equal("Сочы", sochi.Location);
        Assert.Equal("be", sochi.Properties["LOCATION"]!.Parameters.Get("LANGUAGE"));
        Assert.Equal("be", sochi.Properties["DESCRIPTION"]!.Parameters.Get("LANGUAGE"));

        var gorki = calendar.Events.Single(e => e.Uid == $"event-{Gorki}@timeline");
        Assert.Equal(GorkiTitle, gorki.Summary);
        Assert.Equal("en", gorki.Properties["SUMMARY"]!.Parameters.Get("LANGUAGE"));
        Assert.Equal("en", gorki.Properties["LOCATION"]!.Parameters.Get("LANGUAGE"));
        Assert.Equal("en", gorki.Properties["DESCRIPTION"]!.Parameters.Get("LANGUAGE"));

        Assert.Equal(TitleBe, calendar.Properties["X-WR-CALNAME"]!.Value);
    }

    [Fact]
    public async Task TimelineJs_LangRu_HasTheRussianTexts_AndItsLanguageOptionStaysTheInterfaces()
    {
        using var client = factory.CreateClient();
        var document = await (await client.GetAsync(new Uri($"{Base}/timelinejs?lang=ru", UriKind.Relative))).JsonAsync();
        Assert.Equal("ru", document.Str("language"));
        Assert.Equal("Союзное государство Беларуси и России", document.GetProperty("title").GetProperty("text").Str("headline"));
        var signing = document.GetProperty("events").EnumerateArray().Single(e => e.Str("unique_id") == Signing);
        Assert.Equal(SigningRu, signing.GetProperty("text").Str("headline"));
    }

    [Fact]
    public async Task Csvs_LangRu_HaveTheRussianTexts()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri($"{Base}/events.csv?from=2019-11-01&to=2019-12-31&lang=ru", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Accept-Language", response.Headers.Vary);
        var events = ExportsTests.ReadCsv(await response.Content.ReadAsByteArrayAsync());
        var signing = events.Single(r => r["slug"] == Signing);
        Assert.Equal(SigningRu, signing["title"]);
        Assert.Equal(GorkiTitle, events.Single(r => r["slug"] == Gorki)["title"]);
        Assert.Contains("Владимир Путин (", events.Single(r => r["slug"] == "2019-12-07-presidents-sochi")["actors"], StringComparison.Ordinal);

        var treaties = ExportsTests.ReadCsv(await client.GetByteArrayAsync(new Uri($"{Base}/treaties.csv?lang=ru", UriKind.Relative)));
        Assert.Contains("Россия", treaties.Single(r => r["slug"] == "union-state-treaty-1999")["parties"].Split("; "));
        var actions = ExportsTests.ReadCsv(await client.GetByteArrayAsync(new Uri($"{Base}/treaty-actions.csv?lang=ru", UriKind.Relative)));
        Assert.Contains(actions, r => r["party"] == "russia" && r["party_name"] == "Россия");
    }

    [Fact]
    public async Task Pages_LangBe_ShowTheBelarusianContent_AndMarkWhatStayedEnglish()
    {
        var timeline = await GetStringAsync("/timelines/union-state?lang=be");
        Assert.Contains($"<h1>{TitleBe}</h1>", timeline, StringComparison.Ordinal);

        var signing = await GetStringAsync($"/events/{Signing}?lang=be");
        Assert.Contains($"<h1>{SigningBe}</h1>", signing, StringComparison.Ordinal);
        Assert.Equal(SigningBe, JsonLd(signing).Str("name"));
        Assert.Equal("be", JsonLd(signing).Str("inLanguage"));
        // The quote has no Belarusian version: its words stay English, marked; its speaker's name is Belarusian.
        Assert.Matches("<blockquote lang=\"en\"><p>[A-Z]", signing);
        Assert.Matches("<figcaption>Кацярына Шмаціна", signing);

        var sochi = await GetStringAsync("/events/2019-12-07-presidents-sochi?lang=be");
        Assert.Contains("Уладзімір Пуцін (", sochi, StringComparison.Ordinal);
        Assert.Contains("<dd>Сочы</dd>", sochi, StringComparison.Ordinal);

        var currency = await GetStringAsync("/commitments/single-currency?lang=be");
        Assert.Contains("<h1>Адзіная валюта</h1>", currency, StringComparison.Ordinal);
        Assert.Contains("<dd>Беларусь, Расія</dd>", currency, StringComparison.Ordinal);
        Assert.Contains("Касьянаў і Навіцкі пацвердзілі рубель", currency, StringComparison.Ordinal);
        Assert.Equal("Адзіная валюта", JsonLd(currency).Str("name"));

        var svg = await GetStringAsync("/timelines/union-state/scorecard.svg?lang=ru");
        Assert.Contains(">Союзное государство Беларуси и", svg, StringComparison.Ordinal);
    }

    private static JsonElement JsonLd(string html)
    {
        var json = Regex.Match(html, "<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
