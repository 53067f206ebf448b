using System.Globalization;
using Timeline.Api.Data.Import;
using Timeline.Api.Domain;
using Timeline.Api.Infrastructure.Auth;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Cli;

/// <summary>
/// Operator verbs run by the same program as the API:
/// <c>import &lt;path&gt; [--dry-run]</c> and <c>openapi [path]</c>. Results go to standard output,
/// problems to standard error; the exit code is 0 on success, 1 on invalid data, 2 on misuse.
/// </summary>
public static class CommandLine
{
    private static readonly string[] Verbs = ["import", "openapi", "keys", "help", "--help"];

    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args[0] switch
        {
            "import" => await ImportAsync(args[1..]),
            "openapi" => await OpenApiAsync(args[1..]),
            "keys" => await KeysAsync(args[1..]),
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
              dotnet run --project src/Timeline.Api -- keys create --name <name> --role editor|admin
                                                                          create an API key (printed once, alone)
              dotnet run --project src/Timeline.Api -- keys list          names, roles, created, last used
              dotnet run --project src/Timeline.Api -- keys revoke --name <name>
            """);
        return 2;
    }

    private static async Task<int> ImportAsync(string[] args)
    {
        var dryRun = args.Contains("--dry-run", StringComparer.Ordinal);
        var paths = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (paths.Count != 1)
            return Usage();

        await using var app = BuildQuietApp([.. ConfigurationArgs(args), "--Database:SeedOnStart=false"]);
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

    private static async Task<int> KeysAsync(string[] args)
    {
        if (args.Length == 0)
            return Usage();
        var name = Option(args, "--name");
        var role = Option(args, "--role");
        await using var app = BuildQuietApp([.. ConfigurationArgs(args), "--Database:SeedOnStart=false"]);
        await app.Services.InitialiseDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
        switch (args[0])
        {
            case "create" when name is { Length: > 0 and <= 100 } && Kebab.TryParse<ApiKeyRole>(role, out var parsedRole):
                if ((await keys.ListAsync(CancellationToken.None)).Any(k => k.Name == name))
                {
                    await Console.Error.WriteLineAsync($"A key named '{name}' already exists; revoke it or choose another name.");
                    return 1;
                }

                // The key alone on standard output, so scripts can capture it; it is never shown again.
                Console.WriteLine(await keys.CreateAsync(name, parsedRole, CancellationToken.None));
                return 0;
            case "list":
                foreach (var key in await keys.ListAsync(CancellationToken.None))
                {
                    Console.WriteLine(string.Join('\t', key.Name, Kebab.ToValue(key.Role), key.CreatedAt.ToString("u", CultureInfo.InvariantCulture),
                        key.LastUsedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "never",
                        key.RevokedAt is null ? "active" : $"revoked {key.RevokedAt.Value.ToString("u", CultureInfo.InvariantCulture)}"));
                }

                return 0;
            case "revoke" when name is not null:
                if (await keys.RevokeAsync(name, CancellationToken.None))
                {
                    Console.WriteLine($"Revoked '{name}'.");
                    return 0;
                }

                await Console.Error.WriteLineAsync($"There is no active key named '{name}'.");
                return 1;
            default:
                return Usage();
        }
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>Configuration overrides passed along to the host, e.g. <c>--ConnectionStrings:Timeline=Data Source=x.db</c>.</summary>
    private static IEnumerable<string> ConfigurationArgs(string[] args) =>
        args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal));

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
