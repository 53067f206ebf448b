using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Cli;
using Timeline.Api.Data;
using Timeline.Api.Data.Import;
using Timeline.Api.Domain;

namespace Timeline.Api.Tests.Cli;

/// <summary>The verbs run in-process and swap the process-wide Console.Out/Error, so these tests never run in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleVerbs
{
    public const string Name = "console";
}

[Collection(ConsoleVerbs.Name)]
public sealed class CommandLineTests : IDisposable
{
    private const string Timeline = "union-state";
    private readonly string _folder;
    private readonly TestDatabase _database;

    public CommandLineTests()
    {
        _folder = Directory.CreateTempSubdirectory("timeline-cli-").FullName;
        _database = new TestDatabase(_folder, "cli.db");
    }

    /// <summary>The settings that point a verb at this test's own database.</summary>
    private IReadOnlyList<string> Database => _database.Arguments;

    [Theory]
    [InlineData("""
            date: "2019-02-30"
            kind: meeting
            status: occurred
            sources: [{ url: "https://example.org/a" }]
        """, 12, "/events/0/date", "February 2019 has 28 days")]
    [InlineData("""
            date: "2019-12-10"
            kind: meeting
            status: occurred
            actors: [{ actor: nobody-at-all, role: speaker }]
            sources: [{ url: "https://example.org/a" }]
        """, 15, "/events/0/actors/0/actor", "There is no actor with slug 'nobody-at-all'.")]
    [InlineData("""
            date: "2019-12-10"
            kind: meeting
            status: occurred
        """, 10, "/events/0", "sources")]
    public async Task Import_DryRunOnABrokenFile_PrintsFileLinePointerReasonExits1AndWritesNothing(string fields, int line, string field, string reason)
    {
        var file = Path.Combine(_folder, "broken.yaml");
        await File.WriteAllTextAsync(file, $"""
            timelines:
              - slug: cli-story
                title: A story for the command-line tests
            actors:
              - slug: cli-speaker
                name: A speaker
                kind: person
            timeline: cli-story
            events:
              - slug: 2019-12-10-cli-event
                title: A test event
            {fields}
            """.Replace("\r\n", "\n", StringComparison.Ordinal));

        var (code, output, error) = await RunAsync(["import", file, "--dry-run", .. Database]);

        Assert.Equal(1, code);
        Assert.Equal("", output);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var located = Assert.Single(lines, l => l.StartsWith($"{file}:{line}: {field}: ", StringComparison.Ordinal));
        Assert.Contains(reason, located, StringComparison.Ordinal);
        Assert.Contains("the database was not changed", lines[^1], StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(db => db.Timelines.CountAsync()));
        Assert.Equal(0, await CountAsync(db => db.Events.CountAsync()));
    }

    [Fact]
    public async Task Import_TheBundledData_Exits0AndIsIdempotent()
    {
        var (code, output, error) = await RunAsync(["import", TimelineApiFactory.DataFolder, .. Database]);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.StartsWith("Imported 6 file(s)", output, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(db => db.Timelines.CountAsync(t => t.Slug == Timeline)));
        Assert.Equal(63, await CountAsync(db => db.Events.CountAsync()));

        (code, output, _) = await RunAsync(["import", TimelineApiFactory.DataFolder, .. Database]);
        Assert.Equal(0, code);
        Assert.Contains(": 0 row(s) changed.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_LogsEveryResourceItCreatesOrChanges_AsCliImport_AndNothingThatStayedTheSame()
    {
        Assert.Equal(0, (await RunAsync(["import", TimelineApiFactory.DataFolder, .. Database])).Code);

        await using (var db = _database.CreateContext())
        {
            var created = await db.Changes.Where(c => c.Operation == ChangeOperation.Create).CountAsync();
            var resources = await db.Events.CountAsync() + await db.Commitments.CountAsync() + await db.Actors.CountAsync()
                + await db.Quotes.CountAsync() + await db.Timelines.CountAsync() + await db.Sources.CountAsync() + await db.Treaties.CountAsync();
            Assert.Equal(resources, created);
            Assert.Equal(resources, await db.Changes.CountAsync());
            Assert.All(await db.Changes.Select(c => c.KeyName).Distinct().ToListAsync(), name => Assert.Equal(DataSetImporter.CommandLineImport, name));
            var treaty = await db.Changes.SingleAsync(c => c.ResourceType == "event" && c.ResourceKey == "1996-04-02-community-treaty");
            Assert.Equal(Timeline, treaty.Timelines);
            Assert.Contains(await db.ChangeTimelines.Where(t => t.ChangeId == treaty.Id).Select(t => t.Timeline).ToListAsync(), t => t == Timeline);
        }

        // The same files again with one event's title corrected: one update, naming that field with both values.
        var copy = Path.Combine(_folder, "corrected");
        CopyFolder(TimelineApiFactory.DataFolder, copy);
        var events = Path.Combine(copy, Timeline, "events.yaml");
        var text = await File.ReadAllTextAsync(events);
        const string Title = "    title: Treaty sets up the Community of Russia and Belarus";
        Assert.Contains(Title, text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(events, text.Replace(Title, "    title: Treaty founds the Community of Russia and Belarus", StringComparison.Ordinal));
        var before = await CountAsync(db => db.Changes.CountAsync());

        Assert.Equal(0, (await RunAsync(["import", copy, .. Database])).Code);

        await using (var db = _database.CreateContext())
        {
            var update = Assert.Single(await db.Changes.OrderBy(c => c.Id).Skip(before).ToListAsync());
            Assert.Equal(ChangeOperation.Update, update.Operation);
            Assert.Equal(("event", "1996-04-02-community-treaty", DataSetImporter.CommandLineImport), (update.ResourceType, update.ResourceKey, update.KeyName));
            var change = Assert.Single(JsonNode.Parse(update.Changes)!.AsArray());
            Assert.Equal("title", (string?)change!["field"]);
            Assert.Equal("Treaty sets up the Community of Russia and Belarus", (string?)change["before"]);
            Assert.Equal("Treaty founds the Community of Russia and Belarus", (string?)change["after"]);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [Fact]
    public async Task Import_DryRunOnGoodData_Exits0AndWritesNothing()
    {
        var (code, output, _) = await RunAsync(["import", TimelineApiFactory.DataFolder, "--dry-run", .. Database]);

        Assert.Equal(0, code);
        Assert.Contains("Nothing was written (--dry-run)", output, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(db => db.Timelines.CountAsync()));
    }

    [Fact]
    public async Task Export_AnUnknownTimeline_Exits1WithTheReasonOnStderrAndWritesNothing()
    {
        var target = Path.Combine(_folder, "out");

        var (code, output, error) = await RunAsync(["export", "no-such-timeline", target, .. Database]);

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("There is no timeline with slug 'no-such-timeline'", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public async Task Export_IntoAFolderInUse_Exits1UnlessForced()
    {
        Assert.Equal(0, (await RunAsync(["import", TimelineApiFactory.DataFolder, .. Database])).Code);
        var target = Directory.CreateDirectory(Path.Combine(_folder, "in-use")).FullName;
        await File.WriteAllTextAsync(Path.Combine(target, "notes.txt"), "mine");

        var (code, _, error) = await RunAsync(["export", Timeline, target, .. Database]);
        Assert.Equal(1, code);
        Assert.Contains("is not empty", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(target, "actors.yaml")));

        (code, _, _) = await RunAsync(["export", Timeline, target, "--force", .. Database]);
        Assert.Equal(0, code);
        Assert.True(File.Exists(Path.Combine(target, Timeline, "events.yaml")));
        Assert.Equal("mine", await File.ReadAllTextAsync(Path.Combine(target, "notes.txt")));
    }

    [Fact]
    public async Task Verb_WithAnUnknownOption_Exits2WithUsage()
    {
        var (code, _, error) = await RunAsync(["export", Timeline, "--fast", .. Database]);

        Assert.Equal(2, code);
        Assert.Contains("Unknown option(s): --fast", error, StringComparison.Ordinal);
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_AfterImport_GivesBackTheSameDataAndTheSameApiReads()
    {
        Assert.Equal(0, (await RunAsync(["import", TimelineApiFactory.DataFolder, .. Database])).Code);
        var target = Path.Combine(_folder, "export");

        var (code, output, error) = await RunAsync(["export", Timeline, target, .. Database]);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("63 event(s), 15 commitment(s), 6 quote(s)", output, StringComparison.Ordinal);
        foreach (var name in new[] { "events.yaml", "commitments.yaml", "quotes.yaml" })
        {
            var lines = await File.ReadAllLinesAsync(Path.Combine(target, Timeline, name));
            Assert.Equal("# yaml-language-server: $schema=../timeline-data.schema.json", lines[0]);
            Assert.Equal($"timeline: {Timeline}", lines[1]);
        }

        var original = DataSetReader.Read(TimelineApiFactory.DataFolder, KnownSlugs.None);
        var exported = DataSetReader.Read(target, KnownSlugs.None);
        AssertSameData(original, exported);

        using var fromData = new TimelineApiFactory();
        using var fromExport = new TimelineApiFactory { SeedFolder = target };
        await AssertSameApiReadsAsync(fromData, fromExport, original);
    }

    [Fact]
    public async Task Reindex_RebuildsAnEmptiedIndex_ToOneRowPerSearchableResource()
    {
        Assert.Equal(0, (await RunAsync(["import", TimelineApiFactory.DataFolder, .. Database])).Code);
        int expected;
        await using (var db = _database.CreateContext())
        {
            expected = await db.Events.CountAsync() + await db.Commitments.CountAsync() + await db.Actors.CountAsync() + await db.Quotes.CountAsync()
                + await db.Treaties.CountAsync();
            Assert.Equal(expected, await IndexRowsAsync(db));
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"SearchIndex\"");
        }

        var (code, output, error) = await RunAsync(["reindex", .. Database]);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Matches(@"^Rebuilt the search index: \d+ event\(s\), 15 commitment\(s\), \d+ actor\(s\), 6 quote\(s\)\.", output);
        await using (var db = _database.CreateContext())
            Assert.Equal(expected, await IndexRowsAsync(db));
        Assert.Equal(2, (await RunAsync(["reindex", "everything", .. Database])).Code);
    }

    [Fact]
    public async Task Start_WritesTheNewestEventsSearchRowsAgain()
    {
        Assert.Equal(0, (await RunAsync(["import", TimelineApiFactory.DataFolder, .. Database])).Code);
        int events;
        await using (var db = _database.CreateContext())
        {
            events = await db.Events.CountAsync();
            Assert.True(events <= Api.Infrastructure.DatabaseSetup.NewestReindexedOnStart);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"SearchIndex\" WHERE \"Kind\" = 'event'");
        }

        // Any start does it: here the export verb's.
        Assert.Equal(0, (await RunAsync(["export", Timeline, Path.Combine(_folder, "after-start"), .. Database])).Code);

        await using (var db = _database.CreateContext())
        {
            Assert.Equal(events, await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"SearchIndex\" WHERE \"Kind\" = 'event'").SingleAsync());
        }
    }

    private static Task<int> IndexRowsAsync(TimelineDbContext db) =>
        db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"SearchIndex\"").SingleAsync();

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Runs a verb as <c>dotnet run -- args</c> would, capturing what it prints.</summary>
    internal static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var code = await CommandLine.RunAsync(args);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }

    private async Task<int> CountAsync(Func<TimelineDbContext, Task<int>> query)
    {
        await using var db = _database.CreateContext();
        return await query(db);
    }

    /// <summary>
    /// Compares the bundled files with the exported ones record by record, with every field: lists whose
    /// order carries no meaning (actors, tags, sources, aliases...) are compared as sets, assessments in order.
    /// </summary>
    private static void AssertSameData(IReadOnlyList<DataFile> original, IReadOnlyList<DataFile> exported)
    {
        static Dictionary<string, string> Keyed<T>(IEnumerable<DataFile> files, Func<DataFileContent, IEnumerable<T>?> items, Func<T, string> slug, Func<T, bool>? keep = null) =>
            files.SelectMany(f => items(f.Content) ?? []).Where(keep ?? (_ => true)).ToDictionary(slug, Canonical, StringComparer.Ordinal);

        static void Same(Dictionary<string, string> expected, Dictionary<string, string> actual)
        {
            Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
            foreach (var (slug, record) in expected)
                Assert.Equal(record, actual[slug]);
        }

        var ofTimeline = original.Where(f => f.Content.Timeline == Timeline).ToList();
        Assert.All(exported.Where(f => f.Content.Timelines is null && f.Content.Actors is null), f => Assert.Equal(Timeline, f.Content.Timeline));

        Same(Keyed(original, c => c.Timelines, t => t.Slug, t => t.Slug == Timeline), Keyed(exported, c => c.Timelines, t => t.Slug));
        Same(Keyed(ofTimeline, c => c.Events, e => e.Slug), Keyed(exported, c => c.Events, e => e.Slug));
        Same(Keyed(ofTimeline, c => c.Commitments, c => c.Slug), Keyed(exported, c => c.Commitments, c => c.Slug));
        Same(Keyed(ofTimeline, c => c.Quotes, q => q.Slug), Keyed(exported, c => c.Quotes, q => q.Slug));

        var named = ofTimeline.SelectMany(f => f.Content.Events ?? []).SelectMany(e => (e.Actors ?? []).Select(a => a.Actor))
            .Concat(ofTimeline.SelectMany(f => f.Content.Commitments ?? []).SelectMany(c => c.Parties ?? []))
            .Concat(ofTimeline.SelectMany(f => f.Content.Quotes ?? []).Select(q => q.Speaker))
            .ToHashSet(StringComparer.Ordinal);
        Same(Keyed(original, c => c.Actors, a => a.Slug, a => named.Contains(a.Slug)), Keyed(exported, c => c.Actors, a => a.Slug));
    }

    private static string Canonical<T>(T record)
    {
        var node = JsonSerializer.SerializeToNode(record, TimelineApiFactory.Json);
        return Normalise(node, "")?.ToJsonString() ?? "null";
    }

    /// <summary>Drops nulls and empty lists, and sorts every list but a commitment's assessments (their order is their history).</summary>
    private static JsonNode? Normalise(JsonNode? node, string property)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    var normal = Normalise(value, key);
                    if (normal is not null and not JsonArray { Count: 0 })
                        copy[key] = normal;
                }

                return copy;
            case JsonArray array:
                var items = array.Select(item => Normalise(item, property)).ToList();
                if (property != "assessments")
                    items = [.. items.OrderBy(item => item?.ToJsonString(), StringComparer.Ordinal)];
                return new JsonArray([.. items]);
            default:
                return node?.DeepClone();
        }
    }

    /// <summary>Every read of the timeline gives the same body from both databases, but for timestamps and row ids.</summary>
    private static async Task AssertSameApiReadsAsync(TimelineApiFactory expected, TimelineApiFactory actual, IReadOnlyList<DataFile> data)
    {
        var content = data.Select(f => f.Content).ToList();
        var events = content.SelectMany(c => c.Events ?? []).ToList();
        var commitments = content.SelectMany(c => c.Commitments ?? []).ToList();
        var quotes = content.SelectMany(c => c.Quotes ?? []).ToList();
        var actors = events.SelectMany(e => (e.Actors ?? []).Select(a => a.Actor))
            .Concat(commitments.SelectMany(c => c.Parties ?? []))
            .Concat(quotes.Select(q => q.Speaker))
            .Distinct();

        List<string> urls =
        [
            $"/api/v1/timelines/{Timeline}",
            $"/api/v1/timelines/{Timeline}/events?limit=200",
            $"/api/v1/timelines/{Timeline}/commitments?limit=200",
            $"/api/v1/timelines/{Timeline}/commitments?limit=200&asOf=2019-12-08",
            $"/api/v1/timelines/{Timeline}/scorecard",
            $"/api/v1/timelines/{Timeline}/scorecard?asOf=2004-12-31",
            .. events.Select(e => $"/api/v1/events/{e.Slug}"),
            .. commitments.Select(c => $"/api/v1/commitments/{c.Slug}"),
            .. commitments.Select(c => $"/api/v1/commitments/{c.Slug}/history"),
            .. quotes.Select(q => $"/api/v1/quotes/{q.Slug}"),
            .. actors.Select(a => $"/api/v1/actors/{a}"),
        ];
        foreach (var url in urls)
        {
            var want = WithoutVolatile(await expected.GetJsonAsync<JsonNode>(url));
            var got = WithoutVolatile(await actual.GetJsonAsync<JsonNode>(url));
            Assert.True(want == got, $"{url} differs:\n{want}\n{got}");
        }
    }

    private static string WithoutVolatile(JsonNode? node)
    {
        static void Strip(JsonNode? node)
        {
            if (node is JsonObject obj)
            {
                foreach (var key in new[] { "updatedAt", "recordedAt", "id" })
                    obj.Remove(key);
                foreach (var (_, value) in obj)
                    Strip(value);
            }
            else if (node is JsonArray array)
            {
                foreach (var item in array)
                    Strip(item);
            }
        }

        Strip(node);
        return node?.ToJsonString() ?? "null";
    }
}
