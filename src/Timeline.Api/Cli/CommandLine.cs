using Timeline.Api.Data.Import;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Cli;

/// <summary>
/// Operator verbs run by the same program as the API:
/// <c>import &lt;path&gt; [--dry-run]</c> and <c>openapi [path]</c>. Results go to standard output,
/// problems to standard error; the exit code is 0 on success, 1 on invalid data, 2 on misuse.
/// </summary>
public static class CommandLine
{
    private static readonly string[] Verbs = ["import", "openapi", "help", "--help"];

    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args[0] switch
        {
            "import" => await ImportAsync(args[1..]),
            "openapi" => await OpenApiAsync(args[1..]),
            _ => Usage(),
        };
    }

    private static int Usage()
    {
        Console.Error.WriteLine("""
            Usage:
              dotnet run --project src/Timeline.Api                      start the API
              dotnet run --project src/Timeline.Api -- import <path> [--dry-run]
                                                                          validate and import a data file or folder
              dotnet run --project src/Timeline.Api -- openapi [path]     write the OpenAPI document (default: openapi.yaml)
            """);
        return 2;
    }

    private static async Task<int> ImportAsync(string[] args)
    {
        var dryRun = args.Contains("--dry-run", StringComparer.Ordinal);
        var paths = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (paths.Count != 1)
            return Usage();

        await using var app = BuildQuietApp(["--Database:SeedOnStart=false"]);
        await app.Services.InitialiseDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<DataSetImporter>();
        try
        {
            var result = await importer.ImportAsync(paths[0], dryRun, CancellationToken.None);
            Console.WriteLine(result.DryRun
                ? $"Valid: {result.Files} file(s); importing would change {result.Changes} row(s). Nothing was written (--dry-run)."
                : $"Imported {result.Files} file(s): {result.Changes} row(s) changed.");
            return 0;
        }
        catch (DataImportException exception)
        {
            foreach (var error in exception.Errors)
                await Console.Error.WriteLineAsync(error.ToString());
            await Console.Error.WriteLineAsync($"Import failed with {exception.Errors.Count} error(s); the database was not changed.");
            return 1;
        }
    }

    private static async Task<int> OpenApiAsync(string[] args)
    {
        var path = args.Length > 0 ? args[0] : "openapi.yaml";
        // FastEndpoints describes its endpoints once the host has started, so start it on a spare loopback port.
        await using var app = BuildQuietApp(["--urls=http://127.0.0.1:0"]);
        await app.StartAsync();
        await File.WriteAllTextAsync(path, await OpenApi.GenerateYamlAsync(app.Services));
        await app.StopAsync();
        Console.WriteLine($"Wrote {path}");
        return 0;
    }

    private static WebApplication BuildQuietApp(string[] args) =>
        TimelineApp.Build([.. args, "--Logging:LogLevel:Default=Warning"]);
}
