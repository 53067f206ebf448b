using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Timeline.Api.Data;
using Timeline.Api.Data.Import;

namespace Timeline.Api.Tests.Data;

public sealed class DataImportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("timeline-data-").FullName;

    [Fact]
    public async Task Import_TheSameFilesTwice_ChangesNothing()
    {
        using var factory = new TimelineApiFactory();
        _ = factory.Server; // starts the app, which seeds the empty database
        var before = await SnapshotAsync(factory);
        Assert.True(before.Count > 100);

        var result = await ImportAsync(factory, TimelineApiFactory.DataFolder);

        Assert.Equal(0, result.Changes);
        Assert.Equal(before, await SnapshotAsync(factory));
    }

    [Fact]
    public async Task Import_AnEditedEvent_UpdatesOnlyThatEvent()
    {
        CopyBundledData();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        using var factory = new TimelineApiFactory { SeedFolder = _folder, TestServices = services => services.AddSingleton<TimeProvider>(clock) };
        _ = factory.Server;
        var before = await factory.WithDbAsync(db => db.Events.AsNoTracking().ToDictionaryAsync(e => e.Slug, e => e.UpdatedAt));

        var events = Path.Combine(_folder, "union-state", "events.yaml");
        var yaml = await File.ReadAllTextAsync(events);
        await File.WriteAllTextAsync(events, yaml.Replace(
            "title: Rumas and Medvedev meet in Sochi on the road maps",
            "title: Rumas and Medvedev meet in Sochi over the road maps",
            StringComparison.Ordinal));
        clock.Advance(TimeSpan.FromMinutes(1)); // the import stamps what it changes with the app's clock
        var result = await ImportAsync(factory, _folder);

        Assert.Equal(1, result.Changes);
        var after = await factory.WithDbAsync(db => db.Events.AsNoTracking().ToDictionaryAsync(e => e.Slug, e => e.UpdatedAt));
        var changed = after.Where(p => p.Value != before[p.Key]).Select(p => p.Key);
        Assert.Equal(["2019-12-06-prime-ministers-sochi"], changed);
        var title = await factory.WithDbAsync(db => db.Events.Where(e => e.Slug == "2019-12-06-prime-ministers-sochi").Select(e => e.Title).SingleAsync());
        Assert.Equal("Rumas and Medvedev meet in Sochi over the road maps", title);
    }

    [Theory]
    [InlineData("date: \"2019-02-30\"\n    status: occurred", 6, "/events/0/date", "February 2019 has 28 days")]
    [InlineData("date: 2019-12-10\n    status: occurred\n    actors:\n      - actor: nobody-at-all\n        role: speaker", 9, "/events/0/actors/0/actor", "no actor with slug 'nobody-at-all'")]
    [InlineData("date: 2019-12-10\n    status: happened", 7, "/events/0/status", "")]
    public async Task Import_ABrokenFile_IsRejectedWithFileLineAndFieldAndChangesNothing(string lines, int line, string field, string reason)
    {
        using var factory = new TimelineApiFactory();
        _ = factory.Server;
        var before = await SnapshotAsync(factory);

        var file = Path.Combine(_folder, "broken.yaml");
        await File.WriteAllTextAsync(file, $"""
            timeline: union-state
            events:
              - slug: 2019-12-10-test-event
                title: A test event
                kind: meeting
                {lines}
                sources: [{"{"} url: "https://example.org/a" {"}"}]
            """.Replace("\r\n", "\n", StringComparison.Ordinal));

        var exception = await Assert.ThrowsAsync<DataImportException>(() => ImportAsync(factory, file));

        var error = Assert.Single(exception.Errors, e => e.Field == field);
        Assert.Equal(file, error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(factory));
    }

    [Fact]
    public async Task Import_AnEventWithoutSources_IsRejectedAtItsLine()
    {
        var file = Path.Combine(_folder, "unsourced.yaml");
        await File.WriteAllTextAsync(file, """
            timeline: union-state
            events:
              - slug: 2019-12-10-unsourced
                title: An unsourced claim
                date: 2019-12-10
                kind: statement
                status: occurred
            """);
        using var factory = new TimelineApiFactory();
        _ = factory.Server;

        var exception = await Assert.ThrowsAsync<DataImportException>(() => ImportAsync(factory, file, dryRun: true));

        var error = Assert.Single(exception.Errors);
        Assert.Equal(3, error.Line);
        Assert.Equal("/events/0", error.Field);
        Assert.Contains("sources", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_OneBadFileInAFolder_ImportsNoneOfIt()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "a-good.yaml"), """
            timelines:
              - slug: test-story
                title: A test story
            """);
        await File.WriteAllTextAsync(Path.Combine(_folder, "b-bad.yaml"), """
            timeline: test-story
            events:
              - slug: test-event
                title: Broken
                date: 2019-1-1
                kind: meeting
                status: occurred
                sources:
                  - url: ftp://example.org/not-http
            """);
        using var factory = new TimelineApiFactory();
        _ = factory.Server;

        var exception = await Assert.ThrowsAsync<DataImportException>(() => ImportAsync(factory, _folder));

        Assert.Contains(exception.Errors, e => e.File.EndsWith("b-bad.yaml", StringComparison.Ordinal) && e.Line == 9 && e.Field == "/events/0/sources/0/url");
        Assert.False(await factory.WithDbAsync(db => db.Timelines.AnyAsync(t => t.Slug == "test-story")));
    }

    [Fact]
    public async Task Import_DryRun_ReportsChangesButWritesNothing()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "story.yaml"), """
            timelines:
              - slug: dry-run-story
                title: A story that is only checked
            """);
        using var factory = new TimelineApiFactory();
        _ = factory.Server;

        var result = await ImportAsync(factory, _folder, dryRun: true);

        Assert.True(result.DryRun);
        Assert.Equal(1, result.Changes);
        Assert.False(await factory.WithDbAsync(db => db.Timelines.AnyAsync(t => t.Slug == "dry-run-story")));
    }

    [Fact]
    public async Task Start_WithBrokenSeedData_FailsAndLeavesTheDatabaseEmpty()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "timelines.yaml"), """
            timelines:
              - slug: Not A Slug
                title: Broken
            """);
        using var factory = new TimelineApiFactory { SeedFolder = _folder };

        var exception = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.IsType<DataImportException>(exception.GetBaseException());
        Assert.Contains("timelines.yaml:2", exception.GetBaseException().Message, StringComparison.Ordinal);
        await using var db = factory.Database.CreateContext();
        Assert.Equal(0, await db.Timelines.CountAsync());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<ImportResult> ImportAsync(TimelineApiFactory factory, string path, bool dryRun = false)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DataSetImporter>().ImportAsync(path, dryRun, CancellationToken.None);
    }

    /// <summary>Every row that matters, with its timestamps, so that "nothing changed" can be compared exactly.</summary>
    private static Task<List<string>> SnapshotAsync(TimelineApiFactory factory) => factory.WithDbAsync(async db =>
    {
        var rows = new List<string>();
        rows.AddRange(await db.Timelines.AsNoTracking().Select(t => $"timeline {t.Slug} {t.Title} {t.UpdatedAt:O}").ToListAsync());
        rows.AddRange(await db.Actors.AsNoTracking().Select(a => $"actor {a.Slug} {a.Name} {a.UpdatedAt:O} {a.Aliases.Count}").ToListAsync());
        rows.AddRange(await db.Events.AsNoTracking().Select(e => $"event {e.Slug} {e.Title} {e.DateText} {e.UpdatedAt:O} {e.Actors.Count} {e.Tags.Count} {e.Sources.Count} {e.Relations.Count}").ToListAsync());
        rows.AddRange(await db.Commitments.AsNoTracking().Select(c => $"commitment {c.Slug} {c.UpdatedAt:O} {c.Parties.Count}").ToListAsync());
        rows.AddRange(await db.Assessments.AsNoTracking().Select(a => $"assessment {a.Id} {a.CommitmentId} {a.Status} {a.DateText} {a.Summary} {a.Sources.Count}").ToListAsync());
        rows.AddRange(await db.Quotes.AsNoTracking().Select(q => $"quote {q.Slug} {q.UpdatedAt:O}").ToListAsync());
        rows.AddRange(await db.Sources.AsNoTracking().Select(s => $"source {s.Url} {s.Title}").ToListAsync());
        rows.Sort(StringComparer.Ordinal);
        return rows;
    });

    private void CopyBundledData()
    {
        foreach (var file in Directory.EnumerateFiles(TimelineApiFactory.DataFolder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_folder, Path.GetRelativePath(TimelineApiFactory.DataFolder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
