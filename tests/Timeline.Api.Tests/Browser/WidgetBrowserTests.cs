using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Timeline.Api.Tests.Browser;

[Collection(RealBrowser.Name)]
public sealed class WidgetBrowserTests(BrowserServer server)
{
    [Theory]
    [InlineData(375)]
    [InlineData(1200)]
    public async Task Widget_RendersTheUnionStateEventsAndScorecard(int width)
    {
        await using var browser = await server.NewPageAsync(width);
        var page = browser.Page;
        var response = await page.GotoAsync($"{server.BaseUrl}/embed/union-state");
        Assert.Equal(200, response!.Status);
        await page.WaitForFunctionAsync("() => document.documentElement.dataset.js === 'ready'");

        Assert.True(await page.Locator(".tl-event").CountAsync() > 40);
        var neverHeld = page.Locator(".tl-event[data-slug='2019-12-08-integration-plan-signing'] .tl-badge");
        Assert.True(await neverHeld.IsVisibleAsync());
        Assert.Equal("Announced, never held", await neverHeld.InnerTextAsync());
        using var http = new HttpClient();
        var total = JsonDocument.Parse(await http.GetStringAsync(new Uri($"{server.BaseUrl}/api/v1/timelines/union-state/scorecard"))).RootElement.GetProperty("total").GetInt32();
        Assert.Equal(total, await page.Locator(".tl-scorecard .tl-commitment").CountAsync());
        Assert.True(await page.Locator(".tl-commitment[data-slug='single-currency'] .tl-current").IsVisibleAsync());

        // Our stylesheet applied (not blocked by the CSP), and nothing wider than the viewport.
        Assert.Equal("3px", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.tl-list')).borderLeftWidth"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserServer.ArtifactsFolder, $"widget-{width}.png"), FullPage = true });
        Assert.Empty(browser.Errors);
        Assert.Empty(browser.ForeignRequests);
    }

    [Theory]
    [InlineData(375, "en")]
    [InlineData(1200, "en")]
    [InlineData(375, "be")]
    [InlineData(1200, "ru")]
    public async Task Widget_TreatiesView_RendersAPartiesByActionsTable_Accessibly(int width, string lang)
    {
        await using var browser = await server.NewPageAsync(width);
        var page = browser.Page;
        var response = await page.GotoAsync($"{server.BaseUrl}/embed/union-state?view=treaties&asOf=2025-03-03&lang={lang}");
        Assert.Equal(200, response!.Status);
        await page.WaitForFunctionAsync("() => document.documentElement.dataset.js === 'ready'");

        Assert.Equal(10, await page.Locator(".tl-treaty").CountAsync());
        Assert.Equal(0, await page.Locator(".tl-event").CountAsync());
        var security = page.Locator(".tl-treaty[data-slug='security-guarantees-treaty-2024']");
        Assert.True(await security.Locator("table caption").IsVisibleAsync());
        Assert.Equal("ratified", await security.Locator("tr[data-party='russia'] .tl-party-status").GetAttributeAsync("data-status"));
        Assert.Equal("signed", await security.Locator("tr[data-party='belarus'] .tl-party-status").GetAttributeAsync("data-status"));
        var union = page.Locator(".tl-treaty[data-slug='union-state-treaty-1999']");
        Assert.Equal("true", await union.Locator(".tl-treaty-force").GetAttributeAsync("data-in-force"));
        Assert.True(await union.Locator("tr[data-party='russia'] .tl-action[data-kind='ratification'] a.tl-source-link").CountAsync() >= 1);
        Assert.True(await union.Locator("tr[data-party='russia'] .tl-action[data-kind='ratification'] time").IsVisibleAsync());

        // The page never scrolls sideways: a wide table scrolls inside its own focusable region.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        var axe = await page.RunAxe();
        var blocking = axe.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(blocking.Count == 0, string.Join("\n", blocking.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join("; ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")));

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserServer.ArtifactsFolder, $"widget-treaties-{width}-{lang}.png"), FullPage = true });
        Assert.Empty(browser.Errors);
        Assert.Empty(browser.ForeignRequests);
    }

    [Fact]
    public async Task Widget_AHostileTitleShowsAsTextAndRunsNothing()
    {
        await using var browser = await server.NewPageAsync(1200);
        var page = browser.Page;
        await page.GotoAsync($"{server.BaseUrl}/embed/union-state?tag=hostile");
        await page.WaitForFunctionAsync("() => document.documentElement.dataset.js === 'ready'");

        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__pwned"));
        var heading = page.Locator($".tl-event[data-slug='{HostileData.EventSlug}'] h3");
        Assert.Equal(HostileData.Title, await heading.InnerTextAsync());
        Assert.True(await heading.IsVisibleAsync());
        Assert.Equal(0, await page.Locator(".tl-event img").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserServer.ArtifactsFolder, "widget-hostile.png") });
    }

    [Fact]
    public async Task Widget_IsKeyboardNavigable()
    {
        await using var browser = await server.NewPageAsync(375);
        var page = browser.Page;
        await page.GotoAsync($"{server.BaseUrl}/embed/union-state?view=timeline&from=2019-12&to=2019-12");
        await page.WaitForFunctionAsync("() => document.documentElement.dataset.js === 'ready'");
        var slugs = await page.Locator(".tl-event").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.slug)");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal(slugs[0], await ActiveSlugAsync(page));
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.Equal(slugs[1], await ActiveSlugAsync(page));
        await page.Keyboard.PressAsync("End");
        Assert.Equal(slugs[^1], await ActiveSlugAsync(page));
        await page.Keyboard.PressAsync("Home");
        Assert.Equal(slugs[0], await ActiveSlugAsync(page));
        // One Tab stop for the list: the next Tab goes to the links of the event in focus (its page, its sources), not to the next event.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("A", await page.EvaluateAsync<string>("() => document.activeElement.tagName"));
        Assert.Equal(slugs[0], await page.EvaluateAsync<string>("() => document.activeElement.closest('.tl-event').dataset.slug"));
        // Focus is visible: our outline, not the browser's default or none.
        Assert.Equal("3px", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineWidth"));
    }

    [Fact]
    public async Task Widget_WorksInAnIframeOnAnotherSite_ViaTheOEmbedHtml()
    {
        using var http = new HttpClient();
        var oembed = JsonDocument.Parse(await http.GetStringAsync(
            new Uri($"{server.BaseUrl}/oembed?url={Uri.EscapeDataString(server.BaseUrl + "/embed/union-state?theme=dark")}")));
        var iframe = oembed.RootElement.GetProperty("html").GetString()!;

        // A newsroom's page on another origin (a second loopback server: Chromium does not let a public page frame a loopback one).
        using var newsroom = NewsroomSite.Start($"<!doctype html><html><head><link rel=\"icon\" href=\"data:,\"></head><body><h1>An article</h1>{iframe}</body></html>");
        await using var browser = await server.NewPageAsync(1200, 900, newsroom.Url.Authority);
        var page = browser.Page;
        await page.GotoAsync(newsroom.Url.ToString());
        var frame = page.FrameLocator("iframe");
        await Assertions.Expect(frame.Locator("h1")).ToHaveTextAsync("Belarus–Russia Union State");
        Assert.True(await frame.Locator(".tl-event").CountAsync() > 40);
        Assert.Equal("dark", await frame.Locator("html").GetAttributeAsync("data-theme"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserServer.ArtifactsFolder, "widget-in-iframe.png") });
        Assert.Empty(browser.Errors);
    }

    private static Task<string> ActiveSlugAsync(IPage page) => page.EvaluateAsync<string>("() => document.activeElement.dataset.slug");
}
