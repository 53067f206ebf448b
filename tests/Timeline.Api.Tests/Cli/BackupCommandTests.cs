using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Timeline.Api.Tests.Cli;

/// <summary>
/// The <c>backup</c> verb, run as operators run it (the built dll, in its own process) against a server that is taking
/// writes: the copy passes <c>integrity_check</c>, holds every write acknowledged before the backup began, and serves.
/// SQLite only: on PostgreSQL the verb explains pg_dump instead.
/// </summary>
public sealed partial class BackupCommandTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("timeline-backup-").FullName;

    private string LivePath => Path.Combine(_folder, "live.db");

    private string[] LiveDatabase => ["--Database:Provider=Sqlite", $"--ConnectionStrings:Timeline=Data Source={LivePath}"];

    [Fact]
    public async Task Backup_WhileTheServerTakesWrites_GivesAnIntactCopyWithEveryAcknowledgedWriteThatServes()
    {
        var (keyCode, keyVerb) = await ApiProcess.RunAsync(["keys", "create", "--name", "backup-test", "--role", "editor", .. LiveDatabase], _folder);
        await using var keys = keyVerb;
        Assert.True(keyCode == 0, keys.Output);
        var key = keys.StandardOutput.Single(l => l.StartsWith("tl_", StringComparison.Ordinal));

        await using var live = ApiProcess.Start(ServerArguments(LiveDatabase), _folder);
        using var client = new HttpClient { BaseAddress = await live.ListeningAsync() };
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        await live.WaitForLineAsync(l => l.Contains("Swagger UI:", StringComparison.Ordinal));

        // Three writers keep creating actors (each acknowledged write remembered) until the backup is done.
        var acknowledged = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var next = 0;
        var writers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var slug = $"backup-writer-{Interlocked.Increment(ref next)}";
                var body = new JsonObject { ["slug"] = slug, ["name"] = $"Writer {slug}", ["kind"] = "person", ["aliases"] = new JsonArray($"{slug} alias") };
                using var response = await client.PostAsync(new Uri("/api/v1/actors", UriKind.Relative), new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                acknowledged.Enqueue(slug);
            }
        })).ToList();
        while (acknowledged.Count < 30)
            await Task.Delay(20);

        var before = acknowledged.ToHashSet();
        var copyPath = Path.Combine(_folder, "copy.db");
        var (code, backup) = await ApiProcess.RunAsync(["backup", copyPath, .. LiveDatabase], _folder);
        await using var verb = backup;
        var duringBackup = acknowledged.Count - before.Count;
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        output.WriteLine($"{before.Count} writes acknowledged before the backup, {duringBackup} while it ran; verb said: {verb.Output}");
        Assert.True(code == 0, verb.Output);
        var summary = Assert.Single(verb.StandardOutput);
        Assert.Contains("integrity check: ok", summary, StringComparison.Ordinal);

        // The copy, checked on its own: intact, every write acknowledged before the backup began, and the counts printed.
        await using (var connection = new SqliteConnection($"Data Source={copyPath};Mode=ReadOnly;Pooling=False"))
        {
            await connection.OpenAsync();
            await using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", await check.ExecuteScalarAsync());
        }

        await using (var copy = new Timeline.Api.Data.TimelineDbContext(new DbContextOptionsBuilder<Timeline.Api.Data.TimelineDbContext>()
            .UseSqlite($"Data Source={copyPath};Pooling=False").Options))
        {
            var inCopy = (await copy.Actors.Where(a => a.Slug.StartsWith("backup-writer-")).Select(a => a.Slug).ToListAsync()).ToHashSet();
            Assert.Empty(before.Except(inCopy));
            Assert.Equal(Printed(summary, "actors"), await copy.Actors.CountAsync());
            Assert.Equal(Printed(summary, "events"), await copy.Events.CountAsync());
            Assert.Equal(Printed(summary, "changes"), await copy.Changes.CountAsync());
        }

        // A server started on the copy serves it.
        await using var restored = ApiProcess.Start(ServerArguments(["--Database:Provider=Sqlite", $"--ConnectionStrings:Timeline=Data Source={copyPath}"]), _folder);
        using var reader = new HttpClient { BaseAddress = await restored.ListeningAsync() };
        using var ready = await reader.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var actor = await reader.GetAsync(new Uri($"/api/v1/actors/{before.First()}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, actor.StatusCode);
        using var timeline = await reader.GetAsync(new Uri("/api/v1/timelines/union-state/events?limit=1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, timeline.StatusCode);
    }

    [Fact]
    public async Task Backup_ToAnExistingFile_RefusesUnlessForced()
    {
        await using (var migrate = (await ApiProcess.RunAsync(["keys", "list", .. LiveDatabase], _folder)).Process)
            Assert.True(File.Exists(LivePath), migrate.Output);
        var target = Path.Combine(_folder, "exists.db");
        await File.WriteAllTextAsync(target, "keep me");

        var (refused, first) = await ApiProcess.RunAsync(["backup", target, .. LiveDatabase], _folder);
        await using (first)
        {
            Assert.Equal(1, refused);
            Assert.Contains("--force", first.Output, StringComparison.Ordinal);
            Assert.Equal("keep me", await File.ReadAllTextAsync(target));
        }

        var (forced, second) = await ApiProcess.RunAsync(["backup", target, "--force", .. LiveDatabase], _folder);
        await using (second)
        {
            Assert.True(forced == 0, second.Output);
            Assert.Contains("integrity check: ok", second.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Backup_OfADatabaseThatDoesNotExist_FailsAndCreatesNothing()
    {
        var missing = Path.Combine(_folder, "missing.db");
        var target = Path.Combine(_folder, "copy.db");
        var (code, verb) = await ApiProcess.RunAsync(["backup", target, $"--ConnectionStrings:Timeline=Data Source={missing}"], _folder);
        await using (verb)
        {
            Assert.Equal(1, code);
            Assert.Contains("There is no SQLite database", verb.Output, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(missing));
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task Backup_OnPostgres_ExplainsPgDumpWithoutThePassword()
    {
        var (code, verb) = await ApiProcess.RunAsync(["backup", "timeline.dump", "--Database:Provider=Postgres",
            "--ConnectionStrings:Timeline=Host=db.internal;Port=5433;Database=timeline;Username=timeline;Password=s3cret-value"], _folder);
        await using (verb)
        {
            Assert.Equal(2, code);
            Assert.Contains("pg_dump --format=custom --file=timeline.dump \"host=db.internal port=5433 dbname=timeline user=timeline\"", verb.Output, StringComparison.Ordinal);
            Assert.Contains("pg_restore", verb.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cret-value", verb.Output, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(Path.Combine(_folder, "timeline.dump")));
    }

    private static string[] ServerArguments(string[] database) =>
        ["--urls", "http://127.0.0.1:0", .. database, $"--Database:DataPath={TimelineApiFactory.DataFolder}", "--Limits:WritesPerMinute=1000000"];

    private static int Printed(string summary, string name)
    {
        var match = Regex.Match(summary, $@"\b(\d+) {name}\b");
        Assert.True(match.Success, $"'{name}' is not counted in: {summary}");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
