using Microsoft.Playwright;

namespace Timeline.Api.Tests.Browser;

[Collection(RealBrowser.Name)]
public sealed class SwaggerUiBrowserTests(BrowserServer server)
{
    [Fact]
    public async Task SwaggerUi_Loads_AndTryItOutGetSucceeds()
    {
        await using var browser = await server.NewPageAsync(1200);
        var page = browser.Page;
        await page.GotoAsync($"{server.BaseUrl}/swagger/index.html");
        var operation = page.Locator("#operations-timelines-getTimeline");
        await operation.WaitForAsync();
        await operation.Locator(".opblock-summary").ClickAsync();
        await operation.Locator("button.try-out__btn").ClickAsync();
        await operation.Locator("input[placeholder='slug']").FillAsync("union-state");
        await operation.Locator("button.execute").ClickAsync();

        var status = operation.Locator(".live-responses-table tbody .response-col_status").First;
        await Assertions.Expect(status).ToHaveTextAsync("200");
        Assert.Contains("union-state", await operation.Locator(".live-responses-table .microlight, .live-responses-table pre").First.InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserServer.ArtifactsFolder, "swagger-try-it-out.png") });
        Assert.Empty(browser.ForeignRequests);
    }
}
