using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Npgsql;

namespace Timeline.Bench;

/// <summary>One benchmark run: data, server, ceiling, scenarios.</summary>
public sealed class BenchRun(BenchOptions options)
{
    private const int WarmUpSeconds = 2;

    private string Work => Path.Combine(options.WorkFolder, $"{options.ProviderName}-{options.SizeName}-v{DataGenerator.Version}");

    private string SqlitePath => Path.Combine(Work, "bench.db");

    private string PostgresDatabase => $"timeline_bench_{options.SizeName}_v{DataGenerator.Version}";

    private string ConnectionString => options.Postgres
        ? new NpgsqlConnectionStringBuilder(options.PostgresServer) { Database = PostgresDatabase }.ToString()
        : $"Data Source={SqlitePath}";

    private IEnumerable<string> DatabaseSettings =>
        [$"--Database:Provider={(options.Postgres ? "Postgres" : "Sqlite")}", $"--ConnectionStrings:Timeline={ConnectionString}"];

    /// <summary>The API as an operator deploys it: published in Release, ReadyToRun (see README, Running in production).</summary>
    private string ApiAssembly => Path.Combine(options.WorkFolder, "api", "Timeline.Api.dll");

    public async Task<BenchResults> RunAsync()
    {
        Directory.CreateDirectory(Work);
        await PublishApiAsync();
        var results = new BenchResults(options, Machine.Describe(options.Postgres ? options.PostgresServer : null));
        results.Import = await PrepareDataAsync();

        Log($"Starting the API (Release) on the {options.SizeName} archive");
        var port = ChildProcess.FreePort();
        using var server = ChildProcess.Start(ApiAssembly,
        [
            $"--urls=http://127.0.0.1:{port}",
            .. DatabaseSettings,
            "--Database:SeedOnStart=false",
            "--Limits:ReadsPerMinute=1000000000",
            "--Logging:LogLevel:Default=Warning",
        ], workingDirectory: Work);
        var apiBase = $"http://127.0.0.1:{port}";
        using var api = new HttpClient { BaseAddress = new Uri(apiBase), Timeout = TimeSpan.FromMinutes(5) };
        results.SecondsToReady = await WaitUntilReadyAsync(api, server);
        results.ResidentAtReadyMiB = server.ResidentMiB;
        Log($"Ready after {results.SecondsToReady:F2} s, {results.ResidentAtReadyMiB:F0} MiB resident");

        var sample = await api.GetByteArrayAsync(new Uri("/api/v1/events?limit=50", UriKind.Relative));
        await using var ceiling = await StartCeilingAsync(sample);
        var ceilingBase = ceiling.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var scenarios = await Scenarios.BuildAsync(api, options.Events);

        var scratch = Directory.CreateTempSubdirectory("timeline-bench-wrk-").FullName;
        try
        {
            var only = options.Only?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var chosen = scenarios.Where(s => only is null || only.Any(o => s.Name.Contains(o, StringComparison.OrdinalIgnoreCase))).ToList();
            // A first pass over everything, unmeasured: the JIT compiles the hot paths (and tiers them up) for a
            // minute after start, which would otherwise be charged to whichever scenario runs first.
            Log("Warming up: every scenario once, unmeasured");
            await Wrk.RunAsync(ceilingBase, ["/bytes"], uncached: false, 3, options.Connections, scratch);
            foreach (var scenario in chosen)
                await Wrk.RunAsync(apiBase, scenario.Paths, scenario.Uncached, 3, options.Connections, scratch);

            results.Ceiling = await MeasureAsync("ceiling: raw Kestrel, same bytes", ceilingBase, ["/bytes"], uncached: false, scratch);
            foreach (var scenario in chosen)
            {
                // The ceiling again right before each scenario: the machine is shared, and a ratio is only as good as
                // the two figures being measured under the same conditions.
                var ceilingNow = await MeasureAsync("  ceiling", ceilingBase, ["/bytes"], uncached: false, scratch, Math.Max(2, options.Seconds / 2));
                var result = await MeasureAsync(scenario.Name, apiBase, scenario.Paths, scenario.Uncached, scratch);
                results.Add(scenario, result, ceilingNow);
                if (server.HasExited)
                    throw new InvalidOperationException("The API exited during the run.");
            }

            // The ceiling again at the end: a machine disturbed part-way through shows as two different ceilings.
            results.CeilingAfter = await MeasureAsync("ceiling again, after the scenarios", ceilingBase, ["/bytes"], uncached: false, scratch);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        results.ResidentAfterMiB = server.ResidentMiB;
        results.PeakResidentMiB = server.PeakMiB;
        await server.StopAsync();
        return results;
    }

    private async Task<WrkResult> MeasureAsync(string name, string baseUrl, IReadOnlyList<string> paths, bool uncached, string scratch, int? seconds = null)
    {
        await Wrk.RunAsync(baseUrl, paths, uncached, WarmUpSeconds, options.Connections, scratch);
        var result = await Wrk.RunAsync(baseUrl, paths, uncached, seconds ?? options.Seconds, options.Connections, scratch);
        Log(string.Create(CultureInfo.InvariantCulture,
            $"{name,-56} {result.RequestsPerSecond,9:F0} req/s  p50 {result.P50Ms,7:F2} ms  p99 {result.P99Ms,7:F2} ms  {result.BytesPerResponse,8} B{(result.Errors > 0 ? $"  {result.Errors} ERRORS" : "")}"));
        return result;
    }

    /// <summary>Generates and imports the archive unless a complete one of this size is already in the work folder.</summary>
    private async Task<ImportFigures> PrepareDataAsync()
    {
        var figuresPath = Path.Combine(Work, "import.json");
        if (!options.Fresh && File.Exists(figuresPath) && DatabaseExists())
        {
            Log($"Reusing the {options.SizeName} archive in {Work} (--fresh to rebuild it)");
            return JsonSerializer.Deserialize<ImportFigures>(await File.ReadAllTextAsync(figuresPath))! with { Reused = true };
        }

        File.Delete(figuresPath);
        await DropDatabaseAsync();
        var data = Path.Combine(Work, "data");
        if (Directory.Exists(data))
            Directory.Delete(data, recursive: true);
        Log($"Generating {options.Events:N0} events into {data}");
        var clock = Stopwatch.StartNew();
        var files = new DataGenerator(options.Events).WriteFiles(data);
        var generateSeconds = clock.Elapsed.TotalSeconds;
        var bytes = Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Log(string.Create(CultureInfo.InvariantCulture, $"Wrote {files} files, {bytes / 1048576.0:F0} MiB, in {generateSeconds:F0} s"));

        await CreateDatabaseAsync();
        Log("Importing with the API's import verb (Release build)");
        using var import = ChildProcess.Start(ApiAssembly, ["import", data, .. DatabaseSettings], workingDirectory: Work);
        var code = await import.WaitAsync();
        var figures = new ImportFigures(options.Events, files, bytes, import.Elapsed.TotalSeconds, import.PeakMiB, DateTimeOffset.UtcNow, false, import.CpuSeconds);
        if (code != 0)
            throw new InvalidOperationException($"import exited with {code}");
        Log(string.Create(CultureInfo.InvariantCulture, $"Imported in {figures.Seconds:F1} s, peak {figures.PeakResidentMiB:F0} MiB resident"));

        Log("Adding change-log entries (a tenth of the events)");
        await ChangeLogSeeder.SeedAsync(DatabaseSettings, options.Events / 10);
        await File.WriteAllTextAsync(figuresPath, JsonSerializer.Serialize(figures));
        return figures;
    }

    private async Task PublishApiAsync()
    {
        Log("Publishing the API (Release, ReadyToRun)");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var argument in new[]
        {
            "publish", Path.Combine(Repository.Root, "src", "Timeline.Api"), "-c", "Release", "-r", "linux-x64", "--self-contained", "false",
            "-p:PublishReadyToRun=true", "-o", Path.GetDirectoryName(ApiAssembly)!, "--nologo", "-v", "quiet",
        })
        {
            info.ArgumentList.Add(argument);
        }

        using var publish = Process.Start(info)!;
        var output = await publish.StandardOutput.ReadToEndAsync();
        await publish.WaitForExitAsync();
        if (publish.ExitCode != 0)
            throw new InvalidOperationException($"dotnet publish failed: {output}");
    }

    private bool DatabaseExists()
    {
        if (!options.Postgres)
            return File.Exists(SqlitePath);
        using var connection = new NpgsqlConnection(options.PostgresServer);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", PostgresDatabase);
        return command.ExecuteScalar() is not null;
    }

    private async Task CreateDatabaseAsync()
    {
        if (!options.Postgres)
            return;
        await using var connection = new NpgsqlConnection(options.PostgresServer);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"CREATE DATABASE \"{PostgresDatabase}\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Drops only the benchmark's own database (its name says which size and generator made it).</summary>
    private async Task DropDatabaseAsync()
    {
        if (!options.Postgres)
        {
            foreach (var file in new[] { SqlitePath, SqlitePath + "-wal", SqlitePath + "-shm" })
                File.Delete(file);
            return;
        }

        await using var connection = new NpgsqlConnection(options.PostgresServer);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{PostgresDatabase}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<double> WaitUntilReadyAsync(HttpClient api, ChildProcess server)
    {
        while (true)
        {
            if (server.HasExited)
                throw new InvalidOperationException("The API exited before it was ready.");
            try
            {
                using var response = await api.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                    return server.Elapsed.TotalSeconds;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(10);
        }
    }

    private static async Task<WebApplication> StartCeilingAsync(byte[] bytes)
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        var app = builder.Build();
        app.MapGet("/bytes", () => Results.Bytes(bytes, "application/json"));
        await app.StartAsync();
        return app;
    }

    private static void Log(string message) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.Now:HH:mm:ss}] {message}"));
}

/// <summary>How the archive was imported (kept with the cached database, so a reused database reports its import).</summary>
/// <summary>An import's figures; <paramref name="CpuSeconds"/> is 0 for runs recorded before it was measured.</summary>
public sealed record ImportFigures(int Events, int Files, long Bytes, double Seconds, double PeakResidentMiB, DateTimeOffset At, bool Reused, double CpuSeconds = 0);
