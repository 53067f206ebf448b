using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Timeline.Api.Tests.Browser;

/// <summary>The reader's side as a reader's browser shows it: the widget on another site, time travel, the pages.</summary>
[Collection(RealBrowser.Name)]
public sealed class ReaderBrowserTests(BrowserServer server)
{
    private const string Signing = "2019-12-08-integration-plan-signing";

    [Theory]
    [InlineData(375)]
    [InlineData(768)]
    [InlineData(1200)]
    public async Task Widget_FramedOnAnotherSite_OpensAtTheStartWithSourcesAndTheStatusBarInView(int width)
    {
        var src = $"{server.BaseUrl}/embed/union-state?start=2019-12-08";
        using var newsroom = NewsroomSite.Start(Article($"<iframe src=\"{src}\" width=\"640\" height=\"720\" title=\"Timeline\" style=\"border:0;max-width:100%\"></iframe>"));
        await using var browser = await server.NewPageAsync(width, 900, newsroom.Url.Authority);
        var page = browser.Page;
        await page.GotoAsync(newsroom.Url.ToString());
        var frame = page.FrameLocator("iframe");
        var heading = frame.Locator($".tl-event[data-slug='{Signing}'] h3");
        await heading.WaitForAsync();
        await frame.Locator("html[data-js='ready']").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        // The 8 December 2019 signing is inside the frame's window, and the frame has not been scrolled to get there.
        Assert.True(await InViewAsync(heading), "the planned signing is not in the visible window");
        Assert.Equal(0, await frame.Locator("html").EvaluateAsync<double>("e => e.scrollTop"));
        var iframe = (await page.Locator("iframe").BoundingBoxAsync())!;
        Assert.True(iframe.Y + iframe.Height <= 900, "the frame runs past the parent page's viewport");

        // Its sources are links, in view, opening in a new tab without a handle on the widget.
        var sources = frame.Locator($".tl-event[data-slug='{Signing}'] .tl-sources a[href^='http']");
        Assert.True(await sources.CountAsync() > 0);
        Assert.True(await InViewAsync(sources.First), "no source link is in the visible window");
        Assert.True(await frame.Locator(".tl-sources a").EvaluateAllAsync<bool>("links => links.every(a => a.target === '_blank' && a.relList.contains('noopener'))"));

        // The status bar: visible, one segment per status, named by a sentence.
        var bar = frame.Locator("svg.tl-bar");
        Assert.True(await InViewAsync(bar), "the status bar is not in the visible window");
        Assert.Equal(7, await bar.Locator("rect").CountAsync());
        Assert.StartsWith("Status of ", await bar.Locator("title").TextContentAsync(), StringComparison.Ordinal);
        Assert.True(await frame.Locator("html").EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"), "the widget is wider than its frame");

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserServer.ArtifactsFolder, $"widget-start-{width}.png") });
        Assert.Empty(browser.Errors);
        Assert.Empty(browser.ForeignRequests);
    }

    [Fact]
    public async Task Widget_AsOfControl_ShowsTheStatusesOfThatDay_InPlace()
    {
        var expected = await ScorecardAsync("2019-12-08");
        await using var browser = await server.NewPageAsync(1200);
        var page = browser.Page;
        await page.GotoAsync($"{server.BaseUrl}/embed/union-state?view=scorecard");
        await page.WaitForFunctionAsync("() => document.documentElement.dataset.js === 'ready'");
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");

        await page.Locator("#tl-asof-date").FillAsync("2019-12-08");
        await page.Locator(".tl-asof button[type=submit]").ClickAsync();
        await AssertShowsAsync(page, expected);
        // Recounted in place (no reload), and the address says what is shown.
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"));
        Assert.EndsWith("/embed/union-state?asOf=2019-12-08&view=scorecard", page.Url, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserServer.ArtifactsFolder, "widget-asof-2019-12-08.png"), FullPage = true });

        // "Today" brings the current statuses back.
        await page.Locator(".tl-today").ClickAsync();
        await AssertShowsAsync(page, await ScorecardAsync(null));
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task Widget_AsOfForm_WithoutJavaScript_ReloadsWithTheStatusesOfThatDay()
    {
        var expected = await ScorecardAsync("2019-12-08");
        await using var browser = await server.NewPageAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = false,
            ViewportSize = new ViewportSize { Width = 768, Height = 900 },
        });
        var page = browser.Page;
        await page.GotoAsync($"{server.BaseUrl}/embed/union-state?theme=dark");
        Assert.Null(await page.Locator("html").GetAttributeAsync("data-js"));

        await page.Locator("#tl-asof-date").FillAsync("2019-12-08");
        await page.Locator(".tl-asof button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/embed/union-state?asOf=2019-12-08&theme=dark");
        Assert.EndsWith("/embed/union-state?asOf=2019-12-08&theme=dark", page.Url, StringComparison.Ordinal);
        await AssertShowsAsync(page, expected);
        Assert.Equal("dark", await page.Locator("html").GetAttributeAsync("data-theme"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserServer.ArtifactsFolder, "widget-asof-no-js.png") });
    }

    [Fact]
    public async Task Widget_PostsItsHeight_AndTheResizeScriptFitsTheIframeToIt()
    {
        var src = $"{server.BaseUrl}/embed/union-state?start=2019-12-08";
        using var newsroom = NewsroomSite.Start(Article(
            "<script>window.messages = []; addEventListener('message', e => messages.push(e.data));</script>"
            + $"<iframe src=\"{src}\" width=\"640\" height=\"720\" title=\"Timeline\" style=\"border:0;max-width:100%\"></iframe>"
            + $"<script src=\"{server.BaseUrl}/embed/assets/resize.js\" async></script>"));
        await using var browser = await server.NewPageAsync(1200, 900, newsroom.Url.Authority);
        var page = browser.Page;
        await page.GotoAsync(newsroom.Url.ToString());
        const string fitted = """
            () => {
              const m = window.messages.filter(x => x && x.type === 'timeline-embed:height').at(-1);
              return !!m && Math.abs(document.querySelector('iframe').getBoundingClientRect().height - m.height) < 1;
            }
            """;
        await page.WaitForFunctionAsync(fitted);
        var message = await page.EvaluateAsync<JsonElement>("() => window.messages.filter(x => x && x.type === 'timeline-embed:height').at(-1)");
        Assert.Equal(1, message.GetProperty("version").GetInt32());
        Assert.Equal("union-state", message.GetProperty("slug").GetString());
        var height = message.GetProperty("height").GetDouble();
        Assert.NotEqual(720, height);

        // The frame now shows its whole content: nothing to scroll inside it.
        var frame = page.FrameLocator("iframe");
        var content = await frame.Locator("html").EvaluateAsync<double>("e => e.getBoundingClientRect().height");
        Assert.InRange(height, content - 1, content + 1);

        // Opening the later events makes it taller, and the parent follows.
        await frame.Locator("details.tl-more").Last.Locator("summary").ClickAsync();
        await page.WaitForFunctionAsync($"() => document.querySelector('iframe').getBoundingClientRect().height > {height + 100}");
        await page.WaitForFunctionAsync(fitted);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserServer.ArtifactsFolder, "widget-resized.png") });
        Assert.Empty(browser.Errors);
    }

    [Theory]
    [InlineData("/embed/union-state", "light")]
    [InlineData("/embed/union-state", "dark")]
    [InlineData("/timelines/union-state", "light")]
    [InlineData("/timelines/union-state", "dark")]
    [InlineData("/events/" + Signing, "light")]
    [InlineData("/events/" + Signing, "dark")]
    [InlineData("/commitments/single-currency?asOf=2019-12-08", "light")]
    [InlineData("/commitments/single-currency?asOf=2019-12-08", "dark")]
    [InlineData("/embed/union-state?lang=be", "light")]
    [InlineData("/embed/union-state?lang=ru", "dark")]
    [InlineData("/embed/union-state?lang=de", "light")]
    [InlineData("/timelines/union-state?lang=be", "dark")]
    [InlineData("/events/" + Signing + "?lang=ru", "light")]
    [InlineData("/commitments/single-currency?lang=be", "light")]
    public async Task Axe_FindsNoSeriousOrCriticalViolations(string path, string theme)
    {
        await using var browser = await server.NewPageAsync(1200);
        var page = browser.Page;
        await page.GotoAsync($"{server.BaseUrl}{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}theme={theme}");
        await page.WaitForFunctionAsync("() => document.documentElement.dataset.js === 'ready'");
        // Audit what a reader can open too: every history and folded list.
        await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => { d.open = true; })");

        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(blocking.Count == 0, string.Join("\n", blocking.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join("; ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")));
        Assert.True(result.Passes.Length > 10, "axe ran almost no rules");
        var lang = System.Text.RegularExpressions.Regex.Match(path, "lang=([a-z]+)").Groups[1].Value;
        var name = path.Trim('/').Split('?')[0].Replace('/', '-') + (lang.Length > 0 ? $"-{lang}" : "");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserServer.ArtifactsFolder, $"axe-{name}-{theme}.png") });
    }

    [Fact]
    public async Task Pages_ShowHostileTextAsText_AndRunNothing()
    {
        await using var browser = await server.NewPageAsync(768);
        var page = browser.Page;
        foreach (var path in new[] { $"/events/{HostileData.EventSlug}", $"/commitments/{HostileData.CommitmentSlug}", "/timelines/union-state" })
        {
            await page.GotoAsync(server.BaseUrl + path);
            await page.WaitForFunctionAsync("() => document.documentElement.dataset.js === 'ready'");
            await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => { d.open = true; })");
            Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__pwned"));
            Assert.Equal(0, await page.Locator("main img[src='x'], main svg[onload]").CountAsync());
        }

        Assert.Equal(HostileData.Title, await page.Locator($".tl-commitment[data-slug='{HostileData.CommitmentSlug}'] h3").InnerTextAsync());
        await page.GotoAsync($"{server.BaseUrl}/events/{HostileData.EventSlug}");
        Assert.Equal(HostileData.Title, await page.Locator("h1").InnerTextAsync());
        Assert.Equal(HostileData.SourceTitle, await page.Locator(".tl-sources a").First.InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserServer.ArtifactsFolder, "page-hostile-event.png"), FullPage = true });
        Assert.Empty(browser.ForeignRequests);
    }

    [Fact]
    public async Task Widget_PrintsEveryFoldedPart_AndHonoursReducedMotion()
    {
        await using var browser = await server.NewPageAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 768, Height = 900 },
            ReducedMotion = ReducedMotion.Reduce,
        });
        var page = browser.Page;
        await page.GotoAsync($"{server.BaseUrl}/embed/union-state?start=2019-12-08");
        var earlier = page.Locator("details.tl-more").First.Locator(".tl-event").First;
        Assert.False(await earlier.IsVisibleAsync());
        Assert.Equal("auto", await page.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).scrollBehavior"));

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.True(await earlier.IsVisibleAsync(), "a folded event is not printed");
        Assert.False(await page.Locator(".tl-asof").IsVisibleAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserServer.ArtifactsFolder, "widget-print.png"), FullPage = true });
    }

    [Theory]
    [InlineData("ru", "8 декабря 2019", "События", "Приостановлено", "Единая валюта", "Запланированное подписание нового плана интеграции (не состоялось)")]
    [InlineData("be", "8 снежня 2019", "Падзеі", "Прыпынена", "Адзіная валюта", "Запланаванае падпісанне новага плана інтэграцыі (не адбылося)")]
    public async Task Widget_InAnotherLanguage_ReadsInItThroughout_AndOnlyUntranslatedStoredTextsAreEnglish(
        string language, string date, string heading, string stalled, string currency, string signing)
    {
        await using var browser = await server.NewPageAsync(768);
        var page = browser.Page;
        await page.GotoAsync($"{server.BaseUrl}/embed/union-state?lang={language}&start=2019-12-08");
        await page.WaitForFunctionAsync("() => document.documentElement.dataset.js === 'ready'");
        Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal(heading, await page.Locator("#tl-events-title").InnerTextAsync());
        Assert.Equal(date, await page.Locator($".tl-event[data-slug='{Signing}'] > time").InnerTextAsync());
        Assert.Equal(stalled, await page.Locator(".tl-commitment[data-slug='single-constitution'] .tl-current").InnerTextAsync());
        // The content too, where translated: a commitment's title and a December 2019 event's, in the page's language
        // (no lang of their own); an untranslated event keeps its English title, marked lang="en".
        var currencyTitle = page.Locator(".tl-commitment[data-slug='single-currency'] h3");
        Assert.Equal(currency, await currencyTitle.InnerTextAsync());
        Assert.Null(await currencyTitle.GetAttributeAsync("lang"));
        var signingTitle = page.Locator($".tl-event[data-slug='{Signing}'] h3");
        Assert.Equal(signing, await signingTitle.InnerTextAsync());
        Assert.Equal(language, await signingTitle.EvaluateAsync<string>("e => e.closest('[lang]').lang"));
        Assert.Equal("en", await page.Locator(".tl-event[data-slug='2019-11-19-gorki-prime-ministers-talks'] h3").GetAttributeAsync("lang"));

        // Every text a screen reader would read in the page's language is in it: Latin words appear only inside elements
        // marked as the stored texts' language (lang="en"), and the product's name.
        var english = await page.EvaluateAsync<string[]>(@"() => {
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            const found = [];
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const owner = node.parentElement.closest('[lang]');
                const text = node.textContent.replace(/Timeline/g, '');
                if (owner === document.documentElement && /[A-Za-z]{2,}/.test(text)) found.push(text.trim());
            }
            return found;
        }");
        Assert.True(english.Length == 0, "English in the interface: " + string.Join(" | ", english.Take(10)));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserServer.ArtifactsFolder, $"widget-{language}.png") });
        Assert.Empty(browser.Errors);
    }

    private static string Article(string body) =>
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + $"<link rel=\"icon\" href=\"data:,\"><title>An article</title></head><body><h1>An article</h1>{body}</body></html>";

    private static Task<bool> InViewAsync(ILocator locator) =>
        locator.EvaluateAsync<bool>("e => { const r = e.getBoundingClientRect(); return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight; }");

    private async Task<JsonElement> ScorecardAsync(string? asOf)
    {
        using var http = new HttpClient();
        var query = asOf is null ? "" : $"?asOf={asOf}";
        return JsonDocument.Parse(await http.GetStringAsync(new Uri($"{server.BaseUrl}/api/v1/timelines/union-state/scorecard{query}"))).RootElement.Clone();
    }

    /// <summary>Each commitment's status, the legend's counts, the bar's segments and the headline are the API scorecard's.</summary>
    private static async Task AssertShowsAsync(IPage page, JsonElement scorecard)
    {
        await Assertions.Expect(page.Locator(".tl-headline")).ToHaveTextAsync(scorecard.GetProperty("headline").GetString()!);
        var total = scorecard.GetProperty("total").GetInt32();
        foreach (var commitment in scorecard.GetProperty("commitments").EnumerateArray())
        {
            var status = commitment.GetProperty("status").ValueKind == JsonValueKind.Null ? "unassessed" : commitment.GetProperty("status").GetString();
            var current = page.Locator($".tl-commitment[data-slug='{commitment.GetProperty("slug").GetString()}'] .tl-current");
            Assert.Equal(status, await current.GetAttributeAsync("data-status"));
        }

        foreach (var count in scorecard.GetProperty("byStatus").EnumerateObject())
        {
            Assert.Equal(count.Value.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
                await page.Locator($".tl-legend li[data-status='{count.Name}'] .tl-count").InnerTextAsync());
            var width = double.Parse((await page.Locator($".tl-bar rect[data-status='{count.Name}']").GetAttributeAsync("width"))!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(width, (100.0 * count.Value.GetInt32() / total) - 0.01, (100.0 * count.Value.GetInt32() / total) + 0.01);
        }
    }
}
