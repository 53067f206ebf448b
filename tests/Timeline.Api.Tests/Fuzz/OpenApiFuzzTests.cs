using System.Globalization;
using System.Text;
using Timeline.Api.Domain;
using Xunit.Abstractions;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Tests.Fuzz;

/// <summary>
/// The openapi.yaml-driven fuzz against the real server (Kestrel, in-process, its own database): at least 10,000
/// requests over every operation, and not one 5xx. <c>TIMELINE_FUZZ_REQUESTS</c> and <c>TIMELINE_FUZZ_SEED</c> change the
/// size and the draw (bench/fuzz.sh runs a bigger one); the figures go to the test output and
/// artifacts/test-results/fuzz.md.
/// </summary>
public sealed class OpenApiFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EveryOperation_UnderHostileRequests_NeverAnswers5xx()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("TIMELINE_FUZZ_REQUESTS"), CultureInfo.InvariantCulture, out var n) ? n : 10_000;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("TIMELINE_FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : 20261201;
        var root = Path.GetDirectoryName(TimelineApiFactory.DataFolder)!;
        var fuzz = new OpenApiFuzz(Path.Combine(root, "openapi.yaml"), seed);
        await using var server = await KestrelServer.StartAsync();
        var editor = await server.CreateKeyAsync(ApiKeyRole.Editor);
        var admin = await server.CreateKeyAsync(ApiKeyRole.Admin);

        var started = DateTime.UtcNow;
        var results = await fuzz.RunAsync(server.BaseAddress, count, parallel: 4, editor, admin);
        var elapsed = DateTime.UtcNow - started;

        var report = Report(results, fuzz.Operations, seed, elapsed);
        output.WriteLine(report);
        var artifacts = Path.Combine(root, "artifacts", "test-results");
        Directory.CreateDirectory(artifacts);
        await File.WriteAllTextAsync(Path.Combine(artifacts, "fuzz.md"), report);

        Assert.True(results.Count >= count, $"{results.Count} of {count} requests were sent");
        Assert.All(fuzz.Operations, operation => Assert.Contains(results, r => r.Operation == operation));
        var violations = results.Where(r => r.Violation is not null).ToList();
        Assert.True(violations.Count == 0, $"{violations.Count} bad answers, e.g.:\n" + string.Join('\n',
            violations.Take(15).Select(v => $"{v.Method} {v.Url[..Math.Min(v.Url.Length, 200)]} ({v.Operation}) -> {v.Violation}")));
    }

    private static string Report(IReadOnlyList<FuzzResult> results, IReadOnlyList<string> operations, int seed, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# OpenAPI fuzz: {results.Count} requests over {operations.Count} operations (seed {seed}, {elapsed.TotalSeconds:0} s)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- 5xx: {results.Count(r => r.Status >= 500 && r.Violation is not null)} (oEmbed's documented 501 for format=xml aside: {results.Count(r => r.Status == 501 && r.Violation is null)})");
        text.AppendLine(CultureInfo.InvariantCulture, $"- no answer: {results.Count(r => r.Status == 0)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- refused by Kestrel as malformed HTTP before the app ran (NUL in the path, request line over 8 KiB; empty body): {results.Count(r => r.RejectedByServer)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- other violations (4xx not problem+json, .NET type names, missing nosniff, Server header): {results.Count(r => r.Violation is not null && r.Status is > 0 and < 500)}");
        text.AppendLine();
        text.AppendLine("| status | requests |");
        text.AppendLine("|---|---|");
        foreach (var group in results.GroupBy(r => r.Status).OrderBy(g => g.Key))
            text.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key} | {group.Count()} |");
        text.AppendLine();
        text.AppendLine("| operation | requests | 2xx | 4xx | 5xx |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var operation in operations)
        {
            var mine = results.Where(r => r.Operation == operation).ToList();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| `{operation}` | {mine.Count} | {mine.Count(r => r.Status is >= 200 and < 300)} | {mine.Count(r => r.Status is >= 400 and < 500)} | {mine.Count(r => r.Status >= 500)} |");
        }

        return text.ToString();
    }
}
