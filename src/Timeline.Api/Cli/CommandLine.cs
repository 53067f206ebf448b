using Microsoft.EntityFrameworkCore;
using System.Globalization;
using Timeline.Api.Data;
using Timeline.Api.Data.Export;
using Timeline.Api.Data.Import;
using Timeline.Api.Domain;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Cli;

/// <summary>
/// Operator verbs run by the same program as the API:
/// <c>import &lt;path&gt; [--dry-run]</c>, <c>export &lt;timeline&gt; &lt;folder&gt; [--force]</c>, <c>backup &lt;file&gt; [--force]</c>,
/// <c>openapi [path]</c> and <c>keys create|list|revoke</c>.
/// Each also takes configuration overrides as <c>--Key=Value</c> (e.g. <c>--ConnectionStrings:Timeline=Data Source=x.db</c>).
/// Results go to standard output, problems to standard error; the exit code is 0 on success,
/// 1 on invalid data or an unknown timeline, 2 on misuse.
/// </summary>
public static class CommandLine
{
    private static readonly string[] Verbs = ["import", "export", "backup", "reindex", "openapi", "keys", "help", "--help"];

    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0)
            return await UsageAsync();
        var parsed = Arguments.Parse(args[1..]);
        return args[0] switch
        {
            "import" => await ImportAsync(parsed),
            "export" => await ExportAsync(parsed),
            "backup" => await BackupAsync(parsed),
            "reindex" => await ReindexAsync(parsed),
            "openapi" => await OpenApiAsync(parsed),
            "keys" => await KeysAsync(args[1..], parsed),
            _ => await UsageAsync(),
        };
    }

    private static async Task<int> UsageAsync(string? problem = null)
    {
        if (problem is not null)
            await Console.Error.WriteLineAsync(problem);
        await Console.Error.WriteLineAsync("""
            Usage:
              dotnet run --project src/Timeline.Api                      start the API
              dotnet run --project src/Timeline.Api -- import <path> [--dry-run]
                                                                          validate and import a data file or folder
              dotnet run --project src/Timeline.Api -- export <timeline> <folder> [--force]
                                                                          write a timeline and the actors it names as data files
              dotnet run --project src/Timeline.Api -- backup <file> [--force]
                                                                          copy the SQLite database while the API serves, and check the copy
              dotnet run --project src/Timeline.Api -- reindex            rebuild the search index from the data (one transaction)
              dotnet run --project src/Timeline.Api -- openapi [path]     write the OpenAPI document (default: openapi.yaml)
              dotnet run --project src/Timeline.Api -- keys create --name <name> --role editor|admin
                                                                          create an API key (printed once, alone, on standard output)
              dotnet run --project src/Timeline.Api -- keys list          names, roles, created, last used (never the secret)
              dotnet run --project src/Timeline.Api -- keys revoke --name <name>

            Every verb also takes configuration overrides as --Key=Value, for example
              --ConnectionStrings:Timeline="Data Source=/tmp/timeline.db"
            """);
        return 2;
    }

    private static async Task<int> ImportAsync(Arguments args)
    {
        if (args.Positional.Count != 1 || !args.OnlyFlags("--dry-run"))
            return await UsageAsync(args.Problem("import takes one path and --dry-run", "--dry-run"));

        await using var app = BuildQuietApp(["--Database:SeedOnStart=false"], args.Overrides);
        await app.Services.InitialiseDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<DataSetImporter>();
        try
        {
            var result = await importer.ImportAsync(args.Positional[0], args.Has("--dry-run"), CancellationToken.None, DataSetImporter.CommandLineImport);
            await Console.Out.WriteLineAsync(result.DryRun
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

    /// <summary>
    /// Rebuilds the full-text index from the tables in one transaction: readers see the old index until the new one is
    /// committed. Writes keep the index in their own transaction, so this is for an index damaged by hand or left by an
    /// older version (start-up re-indexes only the newest events, see DatabaseSetup).
    /// </summary>
    private static async Task<int> ReindexAsync(Arguments args)
    {
        if (args.Positional.Count != 0 || !args.OnlyFlags())
            return await UsageAsync(args.Problem("reindex takes no arguments"));

        await using var app = BuildQuietApp(["--Database:SeedOnStart=false"], args.Overrides);
        await app.Services.InitialiseDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
        var search = scope.ServiceProvider.GetRequiredService<Data.Search.IFullTextSearch>();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await search.RebuildAsync(db, CancellationToken.None);
            await transaction.CommitAsync();
        }

        var (events, commitments, actors, quotes) =
            (await db.Events.CountAsync(), await db.Commitments.CountAsync(), await db.Actors.CountAsync(), await db.Quotes.CountAsync());
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Rebuilt the search index: {events} event(s), {commitments} commitment(s), {actors} actor(s), {quotes} quote(s)."));
        return 0;
    }

    private static async Task<int> ExportAsync(Arguments args)
    {
        if (args.Positional.Count != 2 || !args.OnlyFlags("--force"))
            return await UsageAsync(args.Problem("export takes a timeline slug, a folder and --force", "--force"));
        var (slug, folder) = (args.Positional[0], args.Positional[1]);

        await using var app = BuildQuietApp(["--Database:SeedOnStart=false"], args.Overrides);
        await app.Services.InitialiseDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var export = await scope.ServiceProvider.GetRequiredService<DataSetExporter>().ReadAsync(slug, CancellationToken.None);
        if (export is null)
        {
            await Console.Error.WriteLineAsync($"There is no timeline with slug '{slug}' in the database; nothing was written.");
            return 1;
        }

        // Export writes a whole data folder; refusing a folder in use keeps it from overwriting data/ by mistake.
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any() && !args.Has("--force"))
        {
            await Console.Error.WriteLineAsync($"The folder '{folder}' is not empty; choose a new folder or pass --force to overwrite its files. Nothing was written.");
            return 1;
        }

        var files = await DataFileWriter.WriteAsync(folder, export, CancellationToken.None);
        await Console.Out.WriteLineAsync(
            $"Exported '{slug}' to {folder}: {export.Events.Count} event(s), {export.Commitments.Count} commitment(s), "
            + $"{export.Quotes.Count} quote(s), {export.Actors.Count} actor(s) in {files.Count} file(s).");
        return 0;
    }

    private static async Task<int> BackupAsync(Arguments args)
    {
        if (args.Positional.Count != 1 || !args.OnlyFlags("--force"))
            return await UsageAsync(args.Problem("backup takes one file and --force", "--force"));
        var target = args.Positional[0];

        await using var app = BuildQuietApp(["--Database:SeedOnStart=false"], args.Overrides);
        var database = app.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = app.Configuration.GetConnectionString("Timeline") ?? DatabaseSetup.DefaultConnectionString;
        if (database.IsPostgres)
        {
            // pg_dump takes a consistent snapshot without stopping anyone; the server's own tool does it best.
            var server = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            await Console.Error.WriteLineAsync($"""
                backup copies the SQLite database; on PostgreSQL use pg_dump, which takes a consistent snapshot while the API serves:
                  pg_dump --format=custom --file={target} "host={server.Host} port={server.Port} dbname={server.Database} user={server.Username}"
                and pg_restore --no-owner --dbname=<a new, empty database> {target} to restore it (README: Backups).
                """);
            return 2;
        }

        if (File.Exists(target) && !args.Has("--force"))
        {
            await Console.Error.WriteLineAsync($"The file '{target}' exists; choose a new file or pass --force to replace it. Nothing was written.");
            return 1;
        }

        File.Delete(target);
        BackupResult result;
        try
        {
            result = await DatabaseBackup.CreateAsync(connectionString, target, CancellationToken.None);
        }
        catch (FileNotFoundException exception)
        {
            await Console.Error.WriteLineAsync($"{exception.Message} Nothing was written.");
            return 1;
        }
        catch (Microsoft.Data.Sqlite.SqliteException exception)
        {
            File.Delete(target);
            await Console.Error.WriteLineAsync($"The backup failed: {exception.Message} Nothing was written.");
            return 1;
        }

        if (result.Integrity != "ok")
        {
            await Console.Error.WriteLineAsync($"The copy at {result.Path} failed its integrity check: {result.Integrity}");
            return 1;
        }

        await Console.Out.WriteLineAsync(
            $"Backed up to {result.Path} ({result.Bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes); integrity check: ok; "
            + string.Join(", ", result.Counts.Select(c => $"{c.Count} {c.Name}")) + ".");
        return 0;
    }

    private static async Task<int> OpenApiAsync(Arguments args)
    {
        if (args.Positional.Count > 1 || !args.OnlyFlags())
            return await UsageAsync(args.Problem("openapi takes at most one path"));
        var path = args.Positional.Count > 0 ? args.Positional[0] : "openapi.yaml";
        // FastEndpoints describes its endpoints once the host has started, so start it on a spare loopback port.
        await using var app = BuildQuietApp(["--urls=http://127.0.0.1:0"], args.Overrides);
        await app.StartAsync();
        await File.WriteAllTextAsync(path, await OpenApi.GenerateYamlAsync(app.Services));
        await app.StopAsync();
        await Console.Out.WriteLineAsync($"Wrote {path}");
        return 0;
    }

    private static async Task<int> KeysAsync(string[] raw, Arguments args)
    {
        var action = args.Positional.Count > 0 ? args.Positional[0] : null;
        var name = OptionValue(raw, "--name");
        var role = OptionValue(raw, "--role");
        var valid = action switch
        {
            "create" => name is { Length: > 0 and <= 100 } && Kebab.TryParse<ApiKeyRole>(role, out _),
            "list" => true,
            "revoke" => name is not null,
            _ => false,
        };
        if (!valid)
            return await UsageAsync("keys create needs --name <name> (at most 100 characters) and --role editor|admin; keys revoke needs --name.");

        await using var app = BuildQuietApp(["--Database:SeedOnStart=false"], args.Overrides);
        await app.Services.InitialiseDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
        switch (action)
        {
            case "create":
                if ((await keys.ListAsync(CancellationToken.None)).Any(k => k.Name == name))
                {
                    await Console.Error.WriteLineAsync($"A key named '{name}' already exists; revoke it or choose another name.");
                    return 1;
                }

                // The key alone on standard output, so scripts can capture it; it is never shown again.
                await Console.Out.WriteLineAsync(await keys.CreateAsync(name!, Kebab.Parse<ApiKeyRole>(role!), CancellationToken.None));
                return 0;
            case "list":
                foreach (var key in await keys.ListAsync(CancellationToken.None))
                {
                    await Console.Out.WriteLineAsync(string.Join('\t', key.Name, Kebab.ToValue(key.Role),
                        $"created {key.CreatedAt.ToString("u", CultureInfo.InvariantCulture)}",
                        key.LastUsedAt is { } used ? $"last used {used.ToString("u", CultureInfo.InvariantCulture)}" : "never used",
                        key.RevokedAt is { } revoked ? $"revoked {revoked.ToString("u", CultureInfo.InvariantCulture)}" : "active"));
                }

                return 0;
            default:
                if (await keys.RevokeAsync(name!, CancellationToken.None))
                {
                    await Console.Out.WriteLineAsync($"Revoked '{name}'.");
                    return 0;
                }

                await Console.Error.WriteLineAsync($"There is no active key named '{name}'.");
                return 1;
        }
    }

    /// <summary>The value after an option such as <c>--name</c>, or null.</summary>
    private static string? OptionValue(string[] raw, string option)
    {
        var index = Array.IndexOf(raw, option);
        return index >= 0 && index + 1 < raw.Length ? raw[index + 1] : null;
    }

    /// <summary>The verb's own settings first, then the operator's overrides, which win.</summary>
    private static WebApplication BuildQuietApp(string[] settings, IReadOnlyList<string> overrides) =>
        TimelineApp.Build([.. settings, "--Logging:LogLevel:Default=Warning", .. overrides]);

    /// <summary>A verb's arguments: positional values, flags (<c>--dry-run</c>) and configuration overrides (<c>--Key=Value</c>).</summary>
    private sealed record Arguments(IReadOnlyList<string> Positional, IReadOnlyList<string> Flags, IReadOnlyList<string> Overrides)
    {
        public static Arguments Parse(string[] args) => new(
            [.. args.Where(a => !a.StartsWith("--", StringComparison.Ordinal))],
            [.. args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && !a.Contains('=', StringComparison.Ordinal))],
            [.. args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal))]);

        public bool Has(string flag) => Flags.Contains(flag, StringComparer.Ordinal);

        public bool OnlyFlags(params string[] allowed) => Flags.All(f => allowed.Contains(f, StringComparer.Ordinal));

        public string Problem(string expected, params string[] allowed)
        {
            var unknown = Flags.Where(f => !allowed.Contains(f, StringComparer.Ordinal)).ToList();
            return unknown.Count > 0
                ? $"Unknown option(s): {string.Join(", ", unknown)} ({expected}; settings are written --Key=Value)."
                : $"Wrong number of arguments: {expected}.";
        }
    }
}
