using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Timeline.Api.Tests.Features.Embed;
using Timeline.Api.Tests.Infrastructure;

namespace Timeline.Api.Tests.Features.Pages;

[Collection(BundledData.Name)]
public sealed partial class PagesTests(TimelineApiFactory factory)
{
    [Theory]
    [InlineData("/timelines/union-state", "text/html")]
    [InlineData("/timelines/union-state?asOf=2019-12-08&theme=dark", "text/html")]
    [InlineData("/events/2019-12-08-integration-plan-signing", "text/html")]
    [InlineData("/commitments/single-currency", "text/html")]
    [InlineData("/commitments/single-currency?asOf=2005", "text/html")]
    [InlineData("/timelines/union-state/scorecard.svg", "image/svg+xml")]
    [InlineData("/timelines/union-state/scorecard.svg?asOf=2019-12-08&theme=dark", "image/svg+xml")]
    public async Task Page_IsCacheableWithAStrictPolicy_AndAnswers304ToItsETag(string url, string mediaType)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal(TimeSpan.FromSeconds(60), response.Headers.CacheControl?.MaxAge);
        Assert.True(response.Headers.CacheControl?.Public);
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(etag);
        using var again = await client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/timelines/nope", "timeline")]
    [InlineData("/timelines/nope/scorecard.svg", "timeline")]
    [InlineData("/events/nope", "event")]
    [InlineData("/commitments/nope", "commitment")]
    [InlineData("/embed/nope?start=latest", "timeline")]
    public async Task Page_UnknownSlug_Returns404Problem(string url, string resource)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"There is no {resource} with slug 'nope'.", (await response.JsonAsync()).Str("detail"));
    }

    [Theory]
    [InlineData("/timelines/union-state?asOf=2019-13-01", "asOf")]
    [InlineData("/timelines/union-state?theme=pink", "theme")]
    [InlineData("/commitments/single-currency?asOf=yesterday", "asOf")]
    [InlineData("/events/2019-12-08-integration-plan-signing?theme=sepia", "theme")]
    [InlineData("/timelines/union-state/scorecard.svg?asOf=2019-02-30", "asOf")]
    [InlineData("/timelines/union-state/scorecard.svg?theme=auto", "theme")]
    public async Task Page_BadOption_Returns400NamingIt(string url, string field)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains((await response.JsonAsync()).FieldErrors(), e => e.Name == field);
    }

    [Fact]
    public async Task Pages_AndTheApi_DoNotCollide()
    {
        using var client = factory.CreateClient();
        using var page = await client.GetAsync(new Uri("/timelines/union-state", UriKind.Relative));
        using var json = await client.GetAsync(new Uri("/api/v1/timelines/union-state", UriKind.Relative));
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        using var eventJson = await client.GetAsync(new Uri("/api/v1/events/2019-12-08-integration-plan-signing", UriKind.Relative));
        Assert.Equal("application/json", eventJson.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TimelinePage_HasHeadTags_JsonLdDataset_StatusSummary_EventsWithSources_AndDataLinks()
    {
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync(new Uri("/timelines/union-state", UriKind.Relative));
        AssertHead(html, "http://localhost/timelines/union-state", "Belarus–Russia Union State — Timeline", "website");
        Assert.Matches(@"<link rel=""alternate"" type=""application/json\+oembed"" href=""http://localhost/oembed\?url=http%3A%2F%2Flocalhost%2Ftimelines%2Funion-state&amp;format=json""", html);
        Assert.Contains("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"http://localhost/api/v1/timelines/union-state/feed.atom\"", html, StringComparison.Ordinal);

        var ld = JsonLd(html);
        Assert.Equal("Dataset", ld.Str("@type"));
        Assert.Equal("http://localhost/timelines/union-state", ld.Str("url"));
        var downloads = ld.GetProperty("distribution").EnumerateArray().Select(d => (d.Str("encodingFormat"), d.Str("contentUrl"))).ToList();
        Assert.Contains(("text/csv", "http://localhost/api/v1/timelines/union-state/events.csv"), downloads);
        Assert.Contains(("application/atom+xml", "http://localhost/api/v1/timelines/union-state/feed.atom"), downloads);
        Assert.Contains(("text/calendar", "http://localhost/api/v1/timelines/union-state/calendar.ics"), downloads);

        var scorecard = await (await client.GetAsync(new Uri("/api/v1/timelines/union-state/scorecard", UriKind.Relative))).JsonAsync();
        EmbedTests.AssertMatchesScorecard(html, scorecard);
        Assert.Equal(await Exports.ExportsTests.AllEventsAsync(client), Regex.Matches(html, "<li class=\"tl-event[^\"]*\" tabindex=\"0\" data-slug=\"([^\"]+)\"").Select(m => m.Groups[1].Value));
        // On its own page a link opens in place.
        Assert.Contains("<h3><a href=\"/events/2019-12-08-integration-plan-signing\">", html, StringComparison.Ordinal);

        foreach (var link in new[] { "/api/v1/timelines/union-state", "/api/v1/timelines/union-state/events.csv", "/api/v1/timelines/union-state/commitments.csv",
            "/api/v1/timelines/union-state/feed.atom", "/api/v1/timelines/union-state/calendar.ics", "/api/v1/timelines/union-state/timelinejs",
            "/timelines/union-state/scorecard.svg" })
        {
            Assert.Contains($"<a href=\"{link}\" type=", html, StringComparison.Ordinal);
            using var target = await client.GetAsync(new Uri(link, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, target.StatusCode);
        }

        // The embed snippet, as text, with the optional resize script.
        Assert.Contains("&lt;iframe src=&quot;http://localhost/embed/union-state&quot; width=&quot;640&quot; height=&quot;720&quot;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script src=&quot;http://localhost/embed/assets/resize.js&quot; async&gt;&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<img class=\"tl-scorecard-img\" src=\"/timelines/union-state/scorecard.svg\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimelinePage_AsOf_ShowsTheScorecardOfThatDate_AndKeepsItInItsLinks()
    {
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync(new Uri("/timelines/union-state?asOf=2019-12-08", UriKind.Relative));
        var scorecard = await (await client.GetAsync(new Uri("/api/v1/timelines/union-state/scorecard?asOf=2019-12-08", UriKind.Relative))).JsonAsync();
        EmbedTests.AssertMatchesScorecard(html, scorecard);
        Assert.Contains("href=\"/api/v1/timelines/union-state/commitments.csv?asOf=2019-12-08\"", html, StringComparison.Ordinal);
        Assert.Contains("src=\"/timelines/union-state/scorecard.svg?asOf=2019-12-08\"", html, StringComparison.Ordinal);
        Assert.Contains("<form class=\"tl-asof\" method=\"get\" action=\"/timelines/union-state\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventPage_ShowsTheEventItsSourcesQuotesAndRelatedEvents_WithEventJsonLd()
    {
        using var client = factory.CreateClient();
        const string slug = "2019-12-08-integration-plan-signing";
        var html = await client.GetStringAsync(new Uri($"/events/{slug}", UriKind.Relative));
        var json = await (await client.GetAsync(new Uri($"/api/v1/events/{slug}", UriKind.Relative))).JsonAsync();
        AssertHead(html, $"http://localhost/events/{slug}", $"{json.Str("title")} — Timeline", "article");
        Assert.Contains($"<h1>{System.Net.WebUtility.HtmlEncode(json.Str("title"))}</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tl-badge tl-badge-never-held\">Announced, never held</span>", html, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2019-12-08\">8 December 2019</time>", html, StringComparison.Ordinal);

        foreach (var source in json.GetProperty("sources").EnumerateArray())
            Assert.Contains($"<a href=\"{source.Str("url")}\" target=\"_blank\" rel=\"noopener\">", html, StringComparison.Ordinal);
        foreach (var related in json.GetProperty("related").EnumerateArray())
            Assert.Contains($"<a href=\"/events/{related.GetProperty("event").Str("slug")}\">", html, StringComparison.Ordinal);
        foreach (var commitment in json.GetProperty("assessed").EnumerateArray())
            Assert.Contains($"<a href=\"/commitments/{commitment.Str("slug")}\">", html, StringComparison.Ordinal);
        Assert.Contains("Anniversary of: <a href=\"/events/1999-12-08-union-state-treaty\">", html, StringComparison.Ordinal);
        var quotes = json.GetProperty("quotes").EnumerateArray().ToList();
        Assert.Equal(quotes.Count, Regex.Count(html, "<figure class=\"tl-quote\">"));
        Assert.Contains("<a href=\"/timelines/union-state\">", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/api/v1/events/{slug}\" type=\"application/json\">JSON</a>", html, StringComparison.Ordinal);
        Assert.Contains($"<link rel=\"alternate\" type=\"application/json\" href=\"http://localhost/api/v1/events/{slug}\"", html, StringComparison.Ordinal);

        var ld = JsonLd(html);
        Assert.Equal("Event", ld.Str("@type"));
        Assert.Equal($"http://localhost/events/{slug}", ld.Str("url"));
        Assert.Equal("https://schema.org/EventCancelled", ld.Str("eventStatus"));
        Assert.Equal(json.GetProperty("sources").GetArrayLength(), ld.GetProperty("subjectOf").GetArrayLength());
    }

    [Fact]
    public async Task CommitmentPage_ShowsTheFullSourcedHistory_AndTheStatusAsOfADate()
    {
        using var client = factory.CreateClient();
        var json = await (await client.GetAsync(new Uri("/api/v1/commitments/single-currency?asOf=2005", UriKind.Relative))).JsonAsync();
        var html = await client.GetStringAsync(new Uri("/commitments/single-currency?asOf=2005", UriKind.Relative));
        AssertHead(html, "http://localhost/commitments/single-currency", "Single currency — Timeline", "article");
        Assert.Contains($"data-status=\"{json.Str("status")}\"", Regex.Match(html, "<span class=\"tl-status tl-current[^>]*>").Value, StringComparison.Ordinal);
        var history = json.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(history.Count, Regex.Count(html, "<li class=\"tl-assessment"));
        Assert.All(history.SelectMany(a => a.GetProperty("sources").EnumerateArray()), s => Assert.Contains($"<a href=\"{s.Str("url")}\"", html, StringComparison.Ordinal));
        Assert.Contains("<a href=\"/events/1999-12-08-union-state-treaty\">", html, StringComparison.Ordinal);
        foreach (var link in new[] { "/api/v1/commitments/single-currency?asOf=2005", "/api/v1/commitments/single-currency/history", "/api/v1/commitments/single-currency/changes" })
            Assert.Contains($"<a href=\"{link}\" type=\"application/json\">", html, StringComparison.Ordinal);

        var ld = JsonLd(html);
        Assert.Equal("http://localhost/commitments/single-currency", ld.Str("url"));
        Assert.Equal("http://localhost/timelines/union-state", ld.GetProperty("isPartOf")[0].Str("url"));
        Assert.True(ld.GetProperty("citation").GetArrayLength() > 0);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2019-12-08")]
    [InlineData("2001")]
    public async Task ScorecardSvg_IsAnAccessibleSvgDocument_CountedAsTheScorecard(string? asOf)
    {
        using var client = factory.CreateClient();
        var query = asOf is null ? "" : $"?asOf={asOf}";
        var svg = XDocument.Parse(await client.GetStringAsync(new Uri($"/timelines/union-state/scorecard.svg{query}", UriKind.Relative)));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        Assert.Equal("img", svg.Root.Attribute("role")?.Value);
        Assert.Equal("0 0 600 315", svg.Root.Attribute("viewBox")?.Value);
        var scorecard = await (await client.GetAsync(new Uri($"/api/v1/timelines/union-state/scorecard{query}", UriKind.Relative))).JsonAsync();
        Assert.Equal($"Belarus–Russia Union State: {scorecard.Str("headline")}", svg.Root.Element(ns + "title")!.Value);
        var desc = svg.Root.Element(ns + "desc")!.Value;
        Assert.StartsWith(asOf is null ? "Status as recorded on " : "Status as recorded up to ", desc, StringComparison.Ordinal);
        var texts = svg.Descendants(ns + "text").Select(t => t.Value).ToList();
        Assert.Contains(scorecard.Str("headline"), texts);
        foreach (var (status, count) in scorecard.GetProperty("byStatus").EnumerateObject().Select(p => (p.Name, p.Value.GetInt32())))
            Assert.Contains(texts, t => t.EndsWith($": {count}", StringComparison.Ordinal) && t.StartsWith(Label(status), StringComparison.Ordinal));
        Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName is "script" or "style" or "foreignObject" or "image");
    }

    [Fact]
    public async Task OpenApi_DocumentsThePagesWithTheirMediaTypes()
    {
        var yaml = await File.ReadAllTextAsync(Path.Combine(Path.GetDirectoryName(TimelineApiFactory.DataFolder)!, "openapi.yaml"));
        foreach (var (path, media) in new[]
        {
            ("/timelines/{slug}:", "text/html"), ("/events/{slug}:", "text/html"), ("/commitments/{slug}:", "text/html"),
            ("/timelines/{slug}/scorecard.svg:", "image/svg+xml"), ("/embed/{slug}:", "text/html"),
        })
        {
            var at = yaml.IndexOf($"\n  {path}\n", StringComparison.Ordinal);
            Assert.True(at >= 0, $"{path} is not in openapi.yaml");
            var end = yaml.IndexOf("\n  /", at + 4, StringComparison.Ordinal);
            Assert.Contains(media, yaml[at..(end < 0 ? yaml.Length : end)], StringComparison.Ordinal);
        }
    }

    private static string Label(string status) => status switch
    {
        "not-started" => "Not started",
        "in-progress" => "In progress",
        "partially-materialised" => "Partially materialised",
        _ => char.ToUpperInvariant(status[0]) + status[1..],
    };

    /// <summary>Canonical URL, Open Graph and Twitter card tags, the page's language and exactly one stylesheet and script of ours.</summary>
    internal static void AssertHead(string html, string canonical, string title, string type)
    {
        var encodedTitle = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All).Encode(title);
        Assert.StartsWith("<!doctype html>\n<html lang=\"en\"", html, StringComparison.Ordinal);
        Assert.Contains($"<title>{encodedTitle}</title>", html, StringComparison.Ordinal);
        Assert.Contains($"<link rel=\"canonical\" href=\"{canonical}\">", html, StringComparison.Ordinal);
        Assert.Contains($"<meta property=\"og:url\" content=\"{canonical}\">", html, StringComparison.Ordinal);
        Assert.Contains($"<meta property=\"og:title\" content=\"{encodedTitle}\">", html, StringComparison.Ordinal);
        Assert.Contains($"<meta property=\"og:type\" content=\"{type}\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta property=\"og:site_name\" content=\"Timeline\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta property=\"og:description\" content=\"", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"twitter:card\" content=\"summary\">", html, StringComparison.Ordinal);
        Assert.Contains($"<meta name=\"twitter:title\" content=\"{encodedTitle}\">", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "<link rel=\"stylesheet\" href=\"/embed/assets/widget.css\\?v=[0-9a-f]+\">"));
        Assert.Single(Regex.Matches(html, "<script src=\"/embed/assets/widget.js\\?v=[0-9a-f]+\" defer></script>"));
        Assert.DoesNotContain("style=\"", html, StringComparison.Ordinal);
    }

    internal static JsonElement JsonLd(string html)
    {
        var json = Regex.Match(html, "<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        using var document = JsonDocument.Parse(json);
        Assert.Equal("https://schema.org", document.RootElement.Str("@context"));
        return document.RootElement.Clone();
    }
}

/// <summary>Hostile titles, summaries and source titles are text on every page, never markup.</summary>
public sealed class HostilePagesTests(HostileDataFactory hostile) : IClassFixture<HostileDataFactory>
{
    [Theory]
    [InlineData("/timelines/union-state")]
    [InlineData("/events/" + HostileData.EventSlug)]
    [InlineData("/commitments/" + HostileData.CommitmentSlug)]
    [InlineData("/embed/union-state?start=" + HostileData.EventSlug)]
    public async Task Page_ShowsHostileTextAsText(string url)
    {
        using var client = hostile.App.CreateClient();
        var html = await client.GetStringAsync(new Uri(url, UriKind.Relative));
        Assert.DoesNotContain("<script>window", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg onload", html, StringComparison.Ordinal);
        Assert.DoesNotContain("onerror=\"", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;", html, StringComparison.Ordinal);
        // Ours only: the JSON-LD block and the one script file.
        Assert.Equal(2, Regex.Count(html, "<script"));
        var ld = Regex.Match(html, "<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        Assert.DoesNotContain("<", ld, StringComparison.Ordinal);
        using var _ = JsonDocument.Parse(ld);
    }

    [Fact]
    public async Task EventPage_HostileSourceTitleIsLinkText()
    {
        using var client = hostile.App.CreateClient();
        var html = await client.GetStringAsync(new Uri($"/events/{HostileData.EventSlug}", UriKind.Relative));
        Assert.Contains(
            "<a href=\"https://example.org/hostile\" target=\"_blank\" rel=\"noopener\">&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;&quot;&gt;&lt;/a&gt;&lt;script&gt;window.__pwned=2&lt;/script&gt;</a>",
            html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScorecardSvg_WithAHostileTimelineTitle_StaysWellFormedAndInert()
    {
        using var client = hostile.App.CreateClient();
        // The hostile commitment counts; the document is still valid XML with no script in it.
        var text = await client.GetStringAsync(new Uri("/timelines/union-state/scorecard.svg", UriKind.Relative));
        var svg = XDocument.Parse(text);
        Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName is "script" or "foreignObject");
    }
}
