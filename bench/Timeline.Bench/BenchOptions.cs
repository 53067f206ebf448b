using System.Globalization;

namespace Timeline.Bench;

/// <summary>The benchmark's command line.</summary>
public sealed record BenchOptions
{
    public const string Usage = """
        Usage: dotnet run -c Release --project bench/Timeline.Bench -- [options]
          --events <n>        archive size: 10000 (default), 100000, 1000000 (any n >= 2000; 10k, 100k, 1m also work)
          --provider <p>      sqlite (default) or postgres
          --postgres <cs>     server for --provider postgres (default: TIMELINE_BENCH_POSTGRES, or the local test server)
          --seconds <s>       measured seconds per scenario (default 10, after a 2 s warm-up)
          --connections <c>   concurrent wrk connections (default 16, over 2 wrk threads)
          --only <a,b,...>    run only the scenarios whose names contain one of these (the ceiling always runs)
          --fresh             generate and import again even when a cached database of this size exists
          --work <folder>     where generated data and databases are kept (default: $TMPDIR/timeline-bench)
          --results <folder>  where the result table is written (default: bench/results)
          --generate <folder> only write the archive's data files into <folder> (to try the import verb on them)
        """;

    public int Events { get; init; } = 10_000;
    public bool Postgres { get; init; }
    public string PostgresServer { get; init; } =
        Environment.GetEnvironmentVariable("TIMELINE_BENCH_POSTGRES") is { Length: > 0 } value
            ? value
            : "Host=127.0.0.1;Username=timeline;Password=timeline;Database=postgres";
    public int Seconds { get; init; } = 10;
    public int Connections { get; init; } = 16;
    public string? Only { get; init; }
    public bool Fresh { get; init; }
    public string WorkFolder { get; init; } = Path.Combine(Path.GetTempPath(), "timeline-bench");
    public string ResultsFolder { get; init; } = Path.Combine(Repository.Root, "bench", "results");
    public string? GenerateOnly { get; init; }

    public string ProviderName => Postgres ? "postgres" : "sqlite";

    /// <summary>10000 → "10k", 1000000 → "1m".</summary>
    public string SizeName => Events switch
    {
        >= 1_000_000 when Events % 1_000_000 == 0 => $"{Events / 1_000_000}m",
        >= 1_000 when Events % 1_000 == 0 => $"{Events / 1_000}k",
        _ => Events.ToString(CultureInfo.InvariantCulture),
    };

    public static BenchOptions? Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            try
            {
                options = args[i] switch
                {
                    "--events" => options with { Events = ParseSize(Value()) },
                    "--provider" => options with { Postgres = Value() switch { "postgres" => true, "sqlite" => false, var p => throw new ArgumentException($"unknown provider {p}") } },
                    "--postgres" => options with { PostgresServer = Value() },
                    "--seconds" => options with { Seconds = int.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--connections" => options with { Connections = int.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--only" => options with { Only = Value() },
                    "--fresh" => options with { Fresh = true },
                    "--work" => options with { WorkFolder = Value() },
                    "--results" => options with { ResultsFolder = Value() },
                    "--generate" => options with { GenerateOnly = Value() },
                    _ => throw new ArgumentException($"unknown option {args[i]}"),
                };
            }
            catch (Exception exception) when (exception is ArgumentException or FormatException)
            {
                Console.Error.WriteLine(exception.Message);
                return null;
            }
        }

        return options.Events >= 2_000 ? options : null;
    }

    private static int ParseSize(string text)
    {
        var lower = text.ToLowerInvariant().Replace("_", "", StringComparison.Ordinal);
        return lower.EndsWith('m') ? int.Parse(lower[..^1], CultureInfo.InvariantCulture) * 1_000_000
            : lower.EndsWith('k') ? int.Parse(lower[..^1], CultureInfo.InvariantCulture) * 1_000
            : int.Parse(lower, CultureInfo.InvariantCulture);
    }
}

/// <summary>Where the repository and the API's Release build are.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot(AppContext.BaseDirectory);

    private static string FindRoot(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Timeline.sln")))
                return folder.FullName;
        }

        throw new InvalidOperationException("Timeline.sln not found above the benchmark's binaries.");
    }
}
