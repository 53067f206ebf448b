using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Timeline.Bench;

/// <summary>The machine a run was made on, for the results' header.</summary>
public sealed record Machine(string Cpu, int Cores, double MemoryGiB, string Os, string Runtime, string Database)
{
    public static Machine Describe(string? postgresServer)
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var memoryKb = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        string database;
        if (postgresServer is null)
        {
            using var connection = new SqliteConnection("Data Source=:memory:");
            connection.Open();
            database = $"SQLite {connection.ServerVersion}";
        }
        else
        {
            using var connection = new NpgsqlConnection(postgresServer);
            connection.Open();
            database = $"PostgreSQL {connection.ServerVersion}";
        }

        return new Machine(cpu, Environment.ProcessorCount, long.Parse(memoryKb, CultureInfo.InvariantCulture) / 1048576.0,
            RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, database);
    }
}

/// <summary>A run's figures and the issue's targets they are held to.</summary>
public sealed class BenchResults(BenchOptions options, Machine machine)
{
    private readonly List<(Scenario Scenario, WrkResult Result, WrkResult Ceiling)> _rows = [];

    public ImportFigures? Import { get; set; }
    public double SecondsToReady { get; set; }
    public double ResidentAtReadyMiB { get; set; }
    public double ResidentAfterMiB { get; set; }
    public double PeakResidentMiB { get; set; }
    public WrkResult? Ceiling { get; set; }
    public WrkResult? CeilingAfter { get; set; }
    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;

    /// <summary>True when a scenario answered with errors (non-2xx, timeouts): such a run proves nothing.</summary>
    public bool Failed => _rows.Any(r => r.Result.Errors > 0);

    public void Add(Scenario scenario, WrkResult result, WrkResult ceiling) => _rows.Add((scenario, result, ceiling));

    public string Save(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{options.ProviderName}-{options.SizeName}.md");
        File.WriteAllText(path, ToMarkdown());
        return path;
    }

    public string ToMarkdown()
    {
        var ceiling = Ceiling?.RequestsPerSecond ?? double.NaN;
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));

        Line($"# Read benchmark: {options.ProviderName}, {options.Events:N0} events");
        Line($"");
        Line($"- Date: {Started:yyyy-MM-dd HH:mm} UTC");
        Line($"- Machine: {machine.Cpu}, {machine.Cores} cores, {machine.MemoryGiB:F0} GiB; {machine.Os}; {machine.Runtime}; {machine.Database}");
        Line($"- Load: wrk, 2 threads, {options.Connections} connections, {options.Seconds} s per scenario after a 2 s warm-up, on loopback; the API is the Release build published ReadyToRun, in its own process");
        Line($"- Command: `dotnet run -c Release --project bench/Timeline.Bench -- --events {options.SizeName}{(options.Postgres ? " --provider postgres" : "")}`");
        if (Import is { } import)
        {
            Line($"- Import ({import.Files} files, {import.Bytes / 1048576.0:F0} MiB of YAML, by the `import` verb): {import.Seconds:F1} s{(import.CpuSeconds > 0 ? $" ({import.CpuSeconds:F1} s of CPU)" : "")}, peak {import.PeakResidentMiB:F0} MiB resident{(import.Reused ? $" (measured {import.At:yyyy-MM-dd HH:mm} UTC when this database was built)" : "")}");
        }

        Line($"- Server: ready {SecondsToReady:F2} s after start ({ResidentAtReadyMiB:F0} MiB); resident after the run {ResidentAfterMiB:F0} MiB, peak {PeakResidentMiB:F0} MiB");
        var ceilings = _rows.Select(r => r.Ceiling.RequestsPerSecond).Order().ToList();
        Line($"- Ceiling (raw Kestrel returning the first events page's {Ceiling?.BytesPerResponse ?? 0:N0} bytes, measured again before each scenario): {ceiling:F0} req/s at the start, {CeilingAfter?.RequestsPerSecond ?? double.NaN:F0} at the end, {(ceilings.Count > 0 ? ceilings[0] : double.NaN):F0}–{(ceilings.Count > 0 ? ceilings[^1] : double.NaN):F0} before the scenarios");
        Line($"");
        Line($"| scenario | req/s | p50 ms | p99 ms | ceiling req/s | × ceiling | bytes |");
        Line($"|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (scenario, result, before) in _rows)
        {
            var errors = result.Errors > 0 ? $" **{result.Errors} errors**" : "";
            Line($"| {scenario.Name}{errors} | {result.RequestsPerSecond:F0} | {result.P50Ms:F2} | {result.P99Ms:F2} | {before.RequestsPerSecond:F0} | {result.RequestsPerSecond / before.RequestsPerSecond:F3} | {result.BytesPerResponse:N0} |");
        }

        Line($"");
        Line($"Every scenario but the first misses the output cache on every request (a unique query parameter), so it runs the whole query, projection and serialization path.");
        return text.ToString();
    }
}
