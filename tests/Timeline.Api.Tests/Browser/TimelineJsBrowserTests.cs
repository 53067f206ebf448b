using System.Text.Json;
using Microsoft.Playwright;

namespace Timeline.Api.Tests.Browser;

[Collection(RealBrowser.Name)]
public sealed class TimelineJsBrowserTests(BrowserServer server)
{
    private const string Host = "timelinejs.test";

    [Fact]
    public async Task TimelineJsExport_RendersInTimelineJs_WithOneSlidePerEventPlusTheTitle()
    {
        var dist = await TimelineJsPackage.DistFolderAsync();
        using var http = new HttpClient();
        var json = await http.GetStringAsync(new Uri($"{server.BaseUrl}/api/v1/timelines/union-state/timelinejs"));
        var slides = JsonDocument.Parse(json).RootElement.GetProperty("events");
        var eventCount = slides.GetArrayLength();
        // The treaties' dated actions are slides too: the Duma's 1999 ratification of the Union State treaty among them.
        var ratification = slides.EnumerateArray().Single(s =>
            s.GetProperty("unique_id").GetString()!.StartsWith("treaty-union-state-treaty-1999-action-", StringComparison.Ordinal)
            && s.GetProperty("text").GetProperty("headline").GetString() == "Union State treaty: Russia, ratification");
        Assert.Equal(1999, ratification.GetProperty("start_date").GetProperty("year").GetInt32());
        Assert.Equal(22, ratification.GetProperty("start_date").GetProperty("day").GetInt32());

        await using var browser = await server.NewPageAsync(1200, 800, Host);
        var page = browser.Page;
        // The page and TimelineJS's own dist files come from the test, not from a CDN.
        await page.RouteAsync($"http://{Host}/**", async route =>
        {
            var path = new Uri(route.Request.Url).AbsolutePath;
            if (path == "/")
            {
                await route.FulfillAsync(new RouteFulfillOptions
                {
                    ContentType = "text/html",
                    Body = """
                        <!doctype html><html><head><meta charset="utf-8">
                        <link rel="stylesheet" href="/dist/css/timeline.css">
                        <script src="/dist/js/timeline.js"></script></head>
                        <body><div id="timeline-embed" style="width: 100%; height: 700px"></div></body></html>
                        """,
                });
                return;
            }

            var file = Path.GetFullPath(Path.Combine(dist, path.TrimStart('/')["dist/".Length..]));
            if (path.StartsWith("/dist/", StringComparison.Ordinal) && file.StartsWith(dist, StringComparison.Ordinal) && File.Exists(file))
                await route.FulfillAsync(new RouteFulfillOptions { Path = file });
            else
                await route.FulfillAsync(new RouteFulfillOptions { Status = 404 });
        });

        await page.GotoAsync($"http://{Host}/");
        // The export exactly as the API sent it. script_path is how a self-hosted TimelineJS finds its files; font: null keeps it off Google Fonts.
        await page.EvaluateAsync(
            "json => { window.timeline = new TL.Timeline('timeline-embed', JSON.parse(json), { script_path: 'http://timelinejs.test/dist/js/', font: null }); }", json);
        await page.WaitForFunctionAsync("n => document.querySelectorAll('.tl-slide').length === n", eventCount + 1);
        await page.Locator(".tl-slide-titleslide").First.WaitForAsync();
        Assert.Equal(1, await page.Locator($"[id='{ratification.GetProperty("unique_id").GetString()}']").CountAsync());
        Assert.Contains("Belarus–Russia Union State", await page.Locator(".tl-slide-titleslide .tl-headline-title, .tl-slide-titleslide h2").First.TextContentAsync(), StringComparison.Ordinal);

        // The hostile headline is text in TimelineJS too.
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__pwned"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserServer.ArtifactsFolder, "timelinejs.png") });
        Assert.Empty(browser.Errors);
        Assert.Empty(browser.ForeignRequests);
    }
}
