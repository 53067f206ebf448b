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

        var html = await response.Content.ReadAsStringAsync();
        // Nothing from another host, and no inline script or style for the policy to have to allow.
        Assert.DoesNotMatch(@"(src|href)=""(https?:)?//(?!localhost)", html.Replace("rel=\"canonical\"", "", StringComparison.Ordinal));
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.Matches(@"<link rel=""alternate"" type=""application/json\+oembed"" href=""http://localhost/oembed\?url=", html);
    }

    [Fact]
    public async Task Embed_ShowsEventsInDateOrder_NeverHeldMarked_AndTheScorecard()
    {
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync(new Uri("/embed/union-state", UriKind.Relative));
        var slugs = EventSlug().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(await ExportsTests.AllEventsAsync(client), slugs);
        Assert.Matches(@"data-slug=""2019-12-08-integration-plan-signing"">\s*<time datetime=""2019-12-08"">8 December 2019</time>\s*<h3>[^<]+</h3>\s*<p><span class=""tl-badge tl-badge-not-held"">Announced, never held</span>", html);
        Assert.Contains("class=\"tl-event tl-not-held\"", html, StringComparison.Ordinal);

        var scorecard = await (await client.GetAsync(new Uri("/api/v1/timelines/union-state/scorecard", UriKind.Relative))).JsonAsync();
        Assert.Contains($"<p class=\"tl-headline\">{scorecard.Str("headline")}</p>", html, StringComparison.Ordinal);
        Assert.Equal(scorecard.GetProperty("total").GetInt32(), Regex.Count(html, "<tr data-slug="));
        // Single currency: stalled since 2005-10-21? The scorecard shows when the status last changed, not its latest re-confirmation.
        Assert.Matches(@"<tr data-slug=""single-constitution""><th scope=""row"" data-label=""Commitment"">[^<]+</th><td data-label=""Status"" class=""tl-status tl-status-stalled"">stalled</td><td data-label=""Since"">21 October 2005</td></tr>", html);
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
        var signing = items.Single(i => i.Str("url").EndsWith("/2019-12-08-integration-plan-signing", StringComparison.Ordinal));
        Assert.Equal("2019-12-08", signing.Str("startDate"));
        Assert.Equal("https://schema.org/EventCancelled", signing.Str("eventStatus"));
    }

    [Theory]
    [InlineData("widget.css", "text/css")]
    [InlineData("widget.js", "text/javascript")]
    public async Task EmbedAssets_AreServedFromTheApi(string name, string mediaType)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri($"/embed/assets/{name}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/embed/assets/secrets.txt", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData("http://localhost/embed/union-state")]
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

        var iframe = Regex.Match(body.Str("html"), "^<iframe src=\"([^\"]+)\" width=\"640\" height=\"720\" title=\"[^\"]+\"[^>]*></iframe>$");
        Assert.True(iframe.Success, body.Str("html"));
        using var page = await client.GetAsync(new Uri(WebUtility.HtmlDecode(iframe.Groups[1].Value)));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OEmbed_HonoursMaxSizesAndKeepsWidgetOptions()
    {
        using var client = factory.CreateClient();
        var url = Uri.EscapeDataString("http://localhost/embed/union-state?theme=dark&view=scorecard&utm_source=x");
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

    [GeneratedRegex("<li class=\"tl-event[^\"]*\" tabindex=\"0\" data-slug=\"([^\"]+)\">")]
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
        Assert.Contains("<h3>&lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;</h3>", html, StringComparison.Ordinal);
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
