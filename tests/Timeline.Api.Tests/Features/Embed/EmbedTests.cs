using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Timeline.Api.Tests.Features.Exports;
using Timeline.Api.Tests.Infrastructure;

namespace Timeline.Api.Tests.Features.Embed;

[Collection(BundledData.Name)]
public sealed partial class EmbedTests(TimelineApiFactory factory)
{
    [Fact]
    public async Task Embed_IsFramableFromAnySiteWithAStrictPolicyAndNoCookies()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/embed/union-state", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors *", csp, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("X-Frame-Options"));
        Assert.False(response.Headers.Contains("Set-Cookie"));

        Assert.Contains("form-action 'self'", csp, StringComparison.Ordinal);

        var html = await response.Content.ReadAsStringAsync();
        // Nothing loaded from another host (links to sources are links, not loads), and no inline script or style.
        Assert.DoesNotMatch(@"src=""(https?:)?//", html);
        Assert.All(Regex.Matches(html, "<link [^>]*>").Select(m => m.Value).Where(l => l.Contains("stylesheet", StringComparison.Ordinal) || l.Contains("icon", StringComparison.Ordinal)),
            l => Assert.DoesNotMatch(@"href=""(https?:)?//", l));
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("<script(?! type=\"application/ld\\+json\")(?! src=)", html);
        Assert.Matches(@"<link rel=""alternate"" type=""application/json\+oembed"" href=""http://localhost/oembed\?url=", html);
    }

    [Fact]
    public async Task Embed_ShowsEventsInDateOrder_NeverHeldMarked_WithTheirSources()
    {
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync(new Uri("/embed/union-state", UriKind.Relative));
        var slugs = EventSlug().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(await ExportsTests.AllEventsAsync(client), slugs);
        Assert.Matches(
            @"data-slug=""2019-12-08-integration-plan-signing"" data-start=""2019-12-08"">\s*<time datetime=""2019-12-08"">8 December 2019</time>\s*"
            + @"<h3><a href=""/events/2019-12-08-integration-plan-signing"" target=""_blank"" rel=""noopener"">[^<]+</a></h3>\s*"
            + @"<p><span class=""tl-badge tl-badge-never-held"">Announced, never held</span></p>", html);
        Assert.Contains("class=\"tl-event tl-not-held\"", html, StringComparison.Ordinal);

        // Every source of the event is a link that opens in a new tab without a handle on the widget.
        var signing = Regex.Match(html, @"data-slug=""2019-12-08-integration-plan-signing"".*?</li>\s*</ul>", RegexOptions.Singleline).Value;
        var sources = (await (await client.GetAsync(new Uri("/api/v1/events/2019-12-08-integration-plan-signing", UriKind.Relative))).JsonAsync())
            .GetProperty("sources").EnumerateArray().Select(x => x.Str("url")).ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, url => Assert.Contains($"<a href=\"{url}\" target=\"_blank\" rel=\"noopener\">", signing, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Embed_StatusBarAndCommitments_MatchTheScorecard_WithSourcedHistories()
    {
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync(new Uri("/embed/union-state", UriKind.Relative));
        var scorecard = await (await client.GetAsync(new Uri("/api/v1/timelines/union-state/scorecard", UriKind.Relative))).JsonAsync();
        AssertMatchesScorecard(html, scorecard);

        // The bar is an SVG image named by a sentence, with one segment per status.
        Assert.Matches(@"<svg class=""tl-bar"" [^>]*role=""img"" aria-labelledby=""tl-bar-label""[^>]*><title id=""tl-bar-label"">Status of \d+ commitments: [^<]+</title>", html);
        // Single constitution: stalled since 21 October 2005 (when the status last changed, not its latest re-confirmation).
        Assert.Matches(
            @"<li class=""tl-commitment"" data-slug=""single-constitution"">\s*<h3><a href=""/commitments/single-constitution""[^>]*>[^<]+</a></h3>\s*"
            + @"<p><span class=""tl-status tl-current tl-status-stalled"" data-status=""stalled"">Stalled</span> <span class=""tl-since""[^>]*>since 21 October 2005</span></p>", html);
        var history = (await (await client.GetAsync(new Uri("/api/v1/commitments/single-constitution/history", UriKind.Relative))).JsonAsync())
            .Items().ToList();
        var block = Regex.Match(html, @"data-slug=""single-constitution"">.*?</details>", RegexOptions.Singleline).Value;
        Assert.Contains($"<summary>Status history ({history.Count})</summary>", block, StringComparison.Ordinal);
        Assert.Equal(history.Count, Regex.Count(block, "<li class=\"tl-assessment\""));
        foreach (var source in history.SelectMany(a => a.GetProperty("sources").EnumerateArray()))
            Assert.Contains($"<a href=\"{source.Str("url")}\" target=\"_blank\" rel=\"noopener\">", block, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2019-12-08")]
    [InlineData("2005")]
    [InlineData("2001-06")]
    public async Task Embed_AsOf_ShowsTheStatusesOfTheScorecardAsOfThatDate(string asOf)
    {
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync(new Uri($"/embed/union-state?asOf={asOf}", UriKind.Relative));
        var scorecard = await (await client.GetAsync(new Uri($"/api/v1/timelines/union-state/scorecard?asOf={asOf}", UriKind.Relative))).JsonAsync();
        AssertMatchesScorecard(html, scorecard);
        // The control shows the day asked for, and assessments after it are marked so.
        Assert.Matches($@"<input type=""date"" id=""tl-asof-date"" name=""asOf"" value=""{DateQueryDay(asOf)}""", html);
        Assert.Contains("<span class=\"tl-after-label\">After the as-of date</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embed_AsOfForm_CarriesTheOtherOptionsAndSubmitsToTheWidget()
    {
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync(new Uri("/embed/union-state?theme=dark&start=2019-12-08&asOf=", UriKind.Relative));
        var form = Regex.Match(html, "<form class=\"tl-asof\".*?</form>", RegexOptions.Singleline).Value;
        Assert.Contains("method=\"get\" action=\"/embed/union-state\"", form, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"theme\" value=\"dark\">", form, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"start\" value=\"2019-12-08\">", form, StringComparison.Ordinal);
        Assert.Contains("<a class=\"tl-today\" href=\"/embed/union-state?theme=dark&amp;start=2019-12-08\">Today</a>", form, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2019-12-08", "2019-12-08-integration-plan-signing")]
    [InlineData("2019-12-08-integration-plan-signing", "2019-12-08-integration-plan-signing")]
    [InlineData("1999-12", "1999-12-08-union-state-treaty")]
    public async Task Embed_Start_OpensAWindowAtThatEvent_WithTheRestFolded(string start, string first)
    {
        using var client = factory.CreateClient();
        var all = await ExportsTests.AllEventsAsync(client);
        var html = await client.GetStringAsync(new Uri($"/embed/union-state?start={start}", UriKind.Relative));
        var index = all.IndexOf(first);
        var lists = Regex.Matches(html, "<ol class=\"tl-list\".*?</ol>", RegexOptions.Singleline).Select(m => m.Value).ToList();
        Assert.Equal(3, lists.Count);
        var window = EventSlug().Matches(lists[1]).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(all.Skip(index).Take(5), window);
        Assert.Contains($"<summary>Earlier events ({index})</summary>", html, StringComparison.Ordinal);
        Assert.Contains($"<summary>Later events ({all.Count - index - 5})</summary>", html, StringComparison.Ordinal);
        Assert.Contains($"start=\"{index + 1}\"", lists[1], StringComparison.Ordinal);
        // Every event is still on the page, in order: folded, not dropped.
        Assert.Equal(all, EventSlug().Matches(html).Select(m => m.Groups[1].Value));
    }

    [Fact]
    public async Task Embed_StartLatest_OpensAtTheMostRecentEvent()
    {
        using var client = factory.CreateClient();
        var all = await ExportsTests.AllEventsAsync(client);
        var html = await client.GetStringAsync(new Uri("/embed/union-state?start=latest", UriKind.Relative));
        var lists = Regex.Matches(html, "<ol class=\"tl-list\".*?</ol>", RegexOptions.Singleline).Select(m => m.Value).ToList();
        var window = EventSlug().Matches(lists[^1]).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(all[^1], window[^1]);
        Assert.DoesNotContain("Later events", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/embed/union-state?view=timeline", true, false)]
    [InlineData("/embed/union-state?view=scorecard", false, true)]
    [InlineData("/embed/union-state?view=both&theme=dark", true, true)]
    public async Task Embed_View_ChoosesTheSections(string url, bool events, bool scorecard)
    {
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(events, html.Contains("class=\"tl-events\"", StringComparison.Ordinal));
        Assert.Equal(scorecard, html.Contains("class=\"tl-scorecard\"", StringComparison.Ordinal));
        Assert.Equal(url.Contains("dark", StringComparison.Ordinal), html.Contains("data-theme=\"dark\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Embed_FromToTag_FilterTheEvents()
    {
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync(new Uri("/embed/union-state?from=2019-12&to=2019-12&view=timeline", UriKind.Relative));
        var slugs = EventSlug().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(slugs);
        Assert.All(slugs, s => Assert.StartsWith("2019-12-", s, StringComparison.Ordinal));

        var tagged = await client.GetStringAsync(new Uri("/embed/union-state?tag=treaty&view=timeline", UriKind.Relative));
        var json = await (await client.GetAsync(new Uri("/api/v1/timelines/union-state/events?tag=treaty&limit=200", UriKind.Relative))).JsonAsync();
        Assert.Equal(json.Items().Select(e => e.Str("slug")), EventSlug().Matches(tagged).Select(m => m.Groups[1].Value));
    }

    [Theory]
    [InlineData("/embed/union-state?theme=pink", "theme")]
    [InlineData("/embed/union-state?view=all", "view")]
    [InlineData("/embed/union-state?from=2019-02-30", "from")]
    [InlineData("/embed/union-state?asOf=2019-13-01", "asOf")]
    [InlineData("/embed/union-state?start=no%20such%20thing", "start")]
    [InlineData("/embed/union-state?start=no-such-event", "start")]
    public async Task Embed_BadOption_Returns400NamingIt(string url, string field)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((await response.JsonAsync()).FieldErrors(), e => e.Name == field);
    }

    [Fact]
    public async Task Embed_JsonLd_DescribesItsEvents()
    {
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync(new Uri("/embed/union-state?from=2019-12&to=2019-12", UriKind.Relative));
        var json = Regex.Match(html, "<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        using var ld = JsonDocument.Parse(json);
        Assert.Equal("https://schema.org", ld.RootElement.Str("@context"));
        var items = ld.RootElement.GetProperty("itemListElement").EnumerateArray().Select(i => i.GetProperty("item")).ToList();
        Assert.Equal(EventSlug().Count(html), items.Count);
        Assert.All(items, i => Assert.Equal("Event", i.Str("@type")));
        // Each event's url is its public page, not the JSON API.
        Assert.All(items, i => Assert.StartsWith("http://localhost/events/", i.Str("url"), StringComparison.Ordinal));
        Assert.Equal("http://localhost/timelines/union-state", ld.RootElement.Str("url"));
        var signing = items.Single(i => i.Str("url") == "http://localhost/events/2019-12-08-integration-plan-signing");
        Assert.Equal("2019-12-08", signing.Str("startDate"));
        Assert.Equal("https://schema.org/EventCancelled", signing.Str("eventStatus"));
    }

    [Fact]
    public async Task Embed_TreatiesView_DescribesEachTreatyAsLegislation_WithItsForceOnTheAsOfDay()
    {
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync(new Uri("/embed/union-state?view=treaties&asOf=1999-12-31", UriKind.Relative));
        var json = Regex.Match(html, "<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        using var ld = JsonDocument.Parse(json);

        var items = ld.RootElement.GetProperty("itemListElement").EnumerateArray().Select(i => i.GetProperty("item")).ToList();
        Assert.Equal(10, items.Count);
        Assert.All(items, i => Assert.Equal("Legislation", i.Str("@type")));
        var union = items.Single(i => i.Str("name") == "Treaty on the Creation of a Union State");
        Assert.Equal("1999-12-08", union.Str("legislationDate"));
        Assert.Equal("https://schema.org/NotInForce", union.Str("legislationLegalForce"));
        Assert.Equal(["Belarus", "Russia"], union.GetProperty("legislationPassedBy").EnumerateArray().Select(p => p.Str("name")));
        Assert.Contains("https://liquisearch.com/union_state/creation", union.GetProperty("citation").EnumerateArray().Select(c => c.GetString()));
        // The parties table is in the page as well: Russia had ratified by then, Belarus had not.
        Assert.Contains("data-party=\"russia\"><th scope=\"row\">Russia</th><td class=\"tl-party-status\" data-status=\"ratified\">", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("widget.css", "text/css")]
    [InlineData("widget.js", "text/javascript")]
    [InlineData("resize.js", "text/javascript")]
    public async Task EmbedAssets_AreServedFromTheApi_VersionedOnesCachedForAYear(string name, string mediaType)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri($"/embed/assets/{name}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(TimeSpan.FromSeconds(60), response.Headers.CacheControl?.MaxAge);
        using var missing = await client.GetAsync(new Uri("/embed/assets/secrets.txt", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);

        // The pages link the stylesheet and script with their version: those URLs may be kept for a year.
        var html = await client.GetStringAsync(new Uri("/embed/union-state", UriKind.Relative));
        foreach (var linked in Regex.Matches(html, @"""(/embed/assets/[a-z]+\.(?:css|js)\?v=[0-9a-f]+)""").Select(m => m.Groups[1].Value))
        {
            using var versioned = await client.GetAsync(new Uri(linked, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, versioned.StatusCode);
            Assert.Equal("public, max-age=31536000, immutable", versioned.Headers.CacheControl?.ToString());
        }
    }

    [Fact]
    public async Task Embed_WidgetHtmlCssAndJs_AreAtMost60KbCompressed()
    {
        using var client = factory.CreateClient();
        var html = await client.GetByteArrayAsync(new Uri("/embed/union-state", UriKind.Relative));
        var text = System.Text.Encoding.UTF8.GetString(html);
        var assets = Regex.Matches(text, @"""(/embed/assets/[a-z]+\.(?:css|js)\?v=[0-9a-f]+)""").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, assets.Count);
        long total = Gzip(html).Length;
        foreach (var asset in assets)
            total += Gzip(await client.GetByteArrayAsync(new Uri(asset, UriKind.Relative))).Length;
        Assert.True(total <= 60 * 1024, $"The widget is {total / 1024.0:0.0} KB gzipped (budget 60 KB).");
    }

    [Theory]
    [InlineData("http://localhost/embed/union-state")]
    [InlineData("http://localhost/timelines/union-state")]
    [InlineData("http://localhost/api/v1/timelines/union-state")]
    public async Task OEmbed_ReturnsRichJsonWithAWorkingIframe(string url)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri($"/oembed?url={Uri.EscapeDataString(url)}&format=json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.JsonAsync();
        Assert.Equal("1.0", body.Str("version"));
        Assert.Equal("rich", body.Str("type"));
        Assert.Equal("Belarus–Russia Union State", body.Str("title"));
        Assert.Equal("Timeline", body.Str("provider_name"));
        Assert.Equal("http://localhost/", body.Str("provider_url"));
        Assert.True(body.GetProperty("cache_age").GetInt32() > 0);
        Assert.Equal(640, body.GetProperty("width").GetInt32());
        Assert.Equal(720, body.GetProperty("height").GetInt32());

        var iframe = Regex.Match(body.Str("html"),
            "^<iframe src=\"([^\"]+)\" width=\"640\" height=\"720\" title=\"[^\"]+\"[^>]*></iframe><script src=\"http://localhost/embed/assets/resize.js\" async></script>$");
        Assert.True(iframe.Success, body.Str("html"));
        using var page = await client.GetAsync(new Uri(WebUtility.HtmlDecode(iframe.Groups[1].Value)));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OEmbed_HonoursMaxSizesAndKeepsWidgetOptions()
    {
        using var client = factory.CreateClient();
        var url = Uri.EscapeDataString("http://localhost/embed/union-state?theme=dark&view=scorecard&utm_source=x&start=");
        var body = await (await client.GetAsync(new Uri($"/oembed?url={url}&maxwidth=320&maxheight=400", UriKind.Relative))).JsonAsync();
        Assert.Equal(320, body.GetProperty("width").GetInt32());
        Assert.Equal(400, body.GetProperty("height").GetInt32());
        Assert.Contains("src=\"http://localhost/embed/union-state?theme=dark&amp;view=scorecard\"", body.Str("html"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/oembed?url=http%3A%2F%2Flocalhost%2Fembed%2Funion-state&format=xml", HttpStatusCode.NotImplemented)]
    [InlineData("/oembed?url=https%3A%2F%2Fevil.example%2Fembed%2Funion-state", HttpStatusCode.NotFound)]
    [InlineData("/oembed?url=http%3A%2F%2Flocalhost%2Fembed%2Fnope", HttpStatusCode.NotFound)]
    [InlineData("/oembed?url=http%3A%2F%2Flocalhost%2Fapi%2Fv1%2Fevents", HttpStatusCode.NotFound)]
    [InlineData("/oembed?url=javascript%3Aalert(1)", HttpStatusCode.NotFound)]
    [InlineData("/oembed", HttpStatusCode.BadRequest)]
    [InlineData("/oembed?url=http%3A%2F%2Flocalhost%2Fembed%2Funion-state&maxwidth=0", HttpStatusCode.BadRequest)]
    public async Task OEmbed_RefusesWhatItCannotServe(string url, HttpStatusCode expected)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TimelineJson_CarriesTheOEmbedDiscoveryLink()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/v1/timelines/union-state", UriKind.Relative));
        var link = response.Headers.GetValues("Link").Single();
        Assert.Equal(
            "<http://localhost/oembed?url=http%3A%2F%2Flocalhost%2Fapi%2Fv1%2Ftimelines%2Funion-state&format=json>; rel=\"alternate\"; type=\"application/json+oembed\"",
            link);
    }

    /// <summary>The widget's statuses, per commitment and counted, are the scorecard's.</summary>
    internal static void AssertMatchesScorecard(string html, JsonElement scorecard)
    {
        Assert.Contains($">{scorecard.Str("headline")}</p>", html, StringComparison.Ordinal);
        var statuses = Regex.Matches(html, @"<li class=""tl-commitment"" data-slug=""([^""]+)"">.*?data-status=""([^""]+)""", RegexOptions.Singleline)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
        var expected = scorecard.GetProperty("commitments").EnumerateArray().ToDictionary(
            c => c.Str("slug"),
            c => c.GetProperty("status").ValueKind == JsonValueKind.Null ? "unassessed" : c.Str("status"),
            StringComparer.Ordinal);
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), statuses.OrderBy(p => p.Key, StringComparer.Ordinal));
        foreach (var (status, count) in scorecard.GetProperty("byStatus").EnumerateObject().Select(p => (p.Name, p.Value.GetInt32())))
            Assert.Matches($@"<li data-status=""{status}""><span class=""tl-swatch tl-s-{status}""></span><span class=""tl-legend-label"">[^<]+</span> <b class=""tl-count"">{count}</b></li>", html);
    }

    private static string DateQueryDay(string edtf) =>
        Timeline.Api.Domain.EdtfDate.Parse(edtf).End.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.SmallestSize))
            gzip.Write(bytes);
        return output.ToArray();
    }

    [GeneratedRegex("<li class=\"tl-event[^\"]*\" tabindex=\"0\" data-slug=\"([^\"]+)\"")]
    private static partial Regex EventSlug();
}

/// <summary>Text an editor or a data file writes is shown, never run or evaluated, in every output.</summary>
public sealed class HostileTextTests(HostileDataFactory hostile) : IClassFixture<HostileDataFactory>
{
    [Fact]
    public async Task Embed_EscapesAHostileTitle()
    {
        using var client = hostile.App.CreateClient();
        var html = await client.GetStringAsync(new Uri("/embed/union-state", UriKind.Relative));
        Assert.DoesNotContain("<script>window", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains(">&lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;</a></h3>", html, StringComparison.Ordinal);
        // The source's title and the assessment's summary are text too.
        Assert.Contains(">&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;&quot;&gt;&lt;/a&gt;&lt;script&gt;window.__pwned=2&lt;/script&gt;</a>", html, StringComparison.Ordinal);
        Assert.Contains("<p>&lt;/li&gt;&lt;/ol&gt;&lt;svg onload=&quot;window.__pwned=3&quot;&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg onload", html, StringComparison.Ordinal);
        // The JSON-LD holds the title too, with < and > escaped so that it cannot close its script block.
        Assert.Contains("\\u003Cscript\\u003Ewindow.__pwned=1\\u003C/script\\u003E", html, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(html, "<script"));
    }

    [Fact]
    public async Task Csv_NeutralisesFormulaCells()
    {
        using var client = hostile.App.CreateClient();
        var rows = ExportsTests.ReadCsv(await client.GetByteArrayAsync(new Uri("/api/v1/timelines/union-state/events.csv?tag=hostile", UriKind.Relative)));
        var row = Assert.Single(rows);
        Assert.Equal(HostileData.Title, row["title"]);
        Assert.Equal("'" + HostileData.Summary, row["summary"]);
        Assert.Equal("'" + HostileData.Place, row["place"]);
        Assert.Equal("2020-01-15", row["date"]);
    }

    [Fact]
    public async Task TimelineJs_EncodesAHostileTitle()
    {
        using var client = hostile.App.CreateClient();
        var doc = await (await client.GetAsync(new Uri("/api/v1/timelines/union-state/timelinejs", UriKind.Relative))).JsonAsync();
        var slide = doc.GetProperty("events").EnumerateArray().Single(e => e.Str("unique_id") == HostileData.EventSlug);
        Assert.Equal(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(HostileData.Title), slide.GetProperty("text").Str("headline"));
    }

    [Fact]
    public async Task Calendar_AndFeed_CarryAHostileTitleAsText()
    {
        using var client = hostile.App.CreateClient();
        var calendar = Ical.Net.Calendar.Load(await client.GetStringAsync(new Uri("/api/v1/timelines/union-state/calendar.ics", UriKind.Relative)))!;
        Assert.Equal(HostileData.Title, calendar.Events.Single(e => e.Uid == $"event-{HostileData.EventSlug}@timeline").Summary);
        var atom = await client.GetStringAsync(new Uri("/api/v1/timelines/union-state/feed.atom", UriKind.Relative));
        Assert.Contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;", atom, StringComparison.Ordinal);
    }
}
