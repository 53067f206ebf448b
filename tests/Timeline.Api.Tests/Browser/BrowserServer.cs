using System.Diagnostics;
using Microsoft.Playwright;

namespace Timeline.Api.Tests.Browser;

/// <summary>
/// The real app listening on a loopback port (a browser cannot reach the in-memory test server), seeded from
/// <see cref="HostileData"/>, and the machine's Chromium driven by Playwright.
/// </summary>
public sealed class BrowserServer : IAsyncLifetime
{
    /// <summary>The system's Chromium (TIMELINE_TEST_CHROMIUM, or /usr/bin/chromium); the test run installs it as root (prerequisites.sh).</summary>
    public static string ChromiumPath { get; } = Environment.GetEnvironmentVariable("TIMELINE_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private string? _dataFolder;
    private KestrelServer? _server;
    private IPlaywright? _playwright;

    public string BaseUrl => _server!.BaseUrl;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: the test results folder CI collects (gitignored).</summary>
    public static string ArtifactsFolder { get; } = Path.Combine(
        Path.GetDirectoryName(TimelineApiFactory.DataFolder)!, "artifacts", "test-results", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install it with `sudo apt-get install -y chromium` (dotnet test run as root does).");

        _dataFolder = HostileData.CreateFolder();
        _server = await KestrelServer.StartAsync(_dataFolder);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ArtifactsFolder);
    }

    /// <summary>A fresh page whose console errors, page errors and requests to any host but ours are recorded.</summary>
    public Task<BrowserPage> NewPageAsync(int width, int height = 900, params string[] allowedHosts) =>
        NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } }, allowedHosts);

    /// <summary>The same, in a context of the caller's making (JavaScript off, a colour scheme, reduced motion).</summary>
    public async Task<BrowserPage> NewPageAsync(BrowserNewContextOptions options, params string[] allowedHosts)
    {
        var context = await Browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        var recorded = new BrowserPage(context, page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                recorded.Errors.Add($"{message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => recorded.Errors.Add(error);
        var ours = new Uri(BaseUrl).Authority;
        page.Request += (_, request) =>
        {
            var uri = new Uri(request.Url);
            if (uri.Scheme is "http" or "https" && uri.Authority != ours && !allowedHosts.Contains(uri.Authority))
                recorded.ForeignRequests.Add(request.Url);
        };
        page.RequestFailed += (_, request) => recorded.Errors.Add($"request failed: {request.Url} {request.Failure}");
        return recorded;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_server is not null)
            await _server.DisposeAsync();

        try
        {
            if (_dataFolder is not null)
                Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}

/// <summary>A page and what it did that a test may want to assert on.</summary>
public sealed class BrowserPage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;
    public List<string> Errors { get; } = [];
    public List<string> ForeignRequests { get; } = [];

    public ValueTask DisposeAsync() => new(context.CloseAsync());
}

[CollectionDefinition(Name)]
public sealed class RealBrowser : ICollectionFixture<BrowserServer>
{
    public const string Name = "browser";
}

/// <summary>The npm package <c>@knight-lab/timelinejs</c>, installed once per machine into a temp folder.</summary>
public static class TimelineJsPackage
{
    public const string Version = "3.9.11";

    private static readonly SemaphoreSlim Lock = new(1, 1);

    public static async Task<string> DistFolderAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), $"timeline-tests-timelinejs-{Version}");
        var dist = Path.Combine(root, "node_modules", "@knight-lab", "timelinejs", "dist");
        await Lock.WaitAsync();
        try
        {
            if (File.Exists(Path.Combine(dist, "js", "timeline.js")))
                return dist;
            Directory.CreateDirectory(root);
            var npm = new ProcessStartInfo("npm", ["install", "--no-audit", "--no-fund", "--prefix", root, $"@knight-lab/timelinejs@{Version}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(npm) ?? throw new InvalidOperationException("npm could not be started.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0 || !File.Exists(Path.Combine(dist, "js", "timeline.js")))
                throw new InvalidOperationException($"npm install @knight-lab/timelinejs failed ({process.ExitCode}): {await output}{await error}");
            return dist;
        }
        finally
        {
            Lock.Release();
        }
    }
}
