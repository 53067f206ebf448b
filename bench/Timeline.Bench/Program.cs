using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Timeline.Api.Infrastructure;

// Read throughput of the API against a ceiling measured in the same run: a bare Kestrel endpoint that
// returns precomputed bytes of the same size. Ratios, not absolute numbers, are what compare across machines.
//   dotnet run -c Release --project bench/Timeline.Bench -- [seconds per scenario] [concurrency]
var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;

var folder = Directory.CreateTempSubdirectory("timeline-bench-").FullName;
var data = DatabaseSetup.FindDataFolder(AppContext.BaseDirectory) ?? throw new InvalidOperationException("data/ not found");
await using var api = TimelineApp.Build([
    "--urls=http://127.0.0.1:0",
    $"--ConnectionStrings:Timeline=Data Source={Path.Combine(folder, "bench.db")}",
    $"--Database:DataPath={data}",
    "--Limits:ReadsPerMinute=1000000000",
    "--Logging:LogLevel:Default=Warning",
]);
await api.Services.InitialiseDatabaseAsync();
await api.StartAsync();
var apiBase = Address(api);

using var http = new HttpClient { BaseAddress = new Uri(apiBase) };
var sample = await http.GetByteArrayAsync(new Uri("/api/v1/timelines/union-state/events?limit=50", UriKind.Relative));

var rawBuilder = WebApplication.CreateSlimBuilder(["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
await using var raw = rawBuilder.Build();
raw.MapGet("/bytes", () => Results.Bytes(sample, "application/json"));
await raw.StartAsync();
var rawBase = Address(raw);

var counter = 0L;
(string Name, string Base, Func<string> Path)[] scenarios =
[
    ("ceiling: raw Kestrel, same bytes", rawBase, () => "/bytes"),
    ("events page, output-cached", apiBase, () => "/api/v1/timelines/union-state/events?limit=50"),
    ("events page, cache miss every time", apiBase, () => $"/api/v1/timelines/union-state/events?limit=50&n={Interlocked.Increment(ref counter)}"),
    ("event with everything, cache miss", apiBase, () => $"/api/v1/events/1999-12-08-union-state-treaty?n={Interlocked.Increment(ref counter)}"),
    ("scorecard asOf, cache miss", apiBase, () => $"/api/v1/timelines/union-state/scorecard?asOf=2019-12-08&n={Interlocked.Increment(ref counter)}"),
    ("search, cache miss", apiBase, () => $"/api/v1/search?q=currency&n={Interlocked.Increment(ref counter)}"),
];

Console.WriteLine($"{seconds}s per scenario, {concurrency} concurrent clients, {Environment.ProcessorCount} cores, response {sample.Length} bytes");
Console.WriteLine($"{"scenario",-40} {"req/s",10} {"p50 ms",8} {"p99 ms",8} {"vs ceiling",11}");
double? ceiling = null;
foreach (var (name, baseUrl, path) in scenarios)
{
    await RunAsync(baseUrl, path, TimeSpan.FromSeconds(1), concurrency); // warm-up
    var (rate, p50, p99) = await RunAsync(baseUrl, path, TimeSpan.FromSeconds(seconds), concurrency);
    ceiling ??= rate;
    Console.WriteLine($"{name,-40} {rate,10:F0} {p50,8:F2} {p99,8:F2} {rate / ceiling.Value,10:P1}");
}

await api.StopAsync();
await raw.StopAsync();
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
Directory.Delete(folder, recursive: true);

static string Address(WebApplication app) =>
    app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

static async Task<(double Rate, double P50, double P99)> RunAsync(string baseUrl, Func<string> path, TimeSpan duration, int concurrency)
{
    using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri(baseUrl) };
    var latencies = new List<double>[concurrency];
    var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    var workers = Enumerable.Range(0, concurrency).Select(async worker =>
    {
        var mine = latencies[worker] = [];
        while (Stopwatch.GetTimestamp() < stopAt)
        {
            var start = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(new Uri(path(), UriKind.Relative));
            await response.Content.ReadAsByteArrayAsync();
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"{path()} answered {(int)response.StatusCode}");
            mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    });
    await Task.WhenAll(workers);
    var all = latencies.SelectMany(l => l).Order().ToList();
    return (all.Count / duration.TotalSeconds, all[all.Count / 2], all[(int)(all.Count * 0.99)]);
}
