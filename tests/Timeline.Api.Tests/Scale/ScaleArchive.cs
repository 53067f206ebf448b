using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Domain;
using Timeline.Bench;

namespace Timeline.Api.Tests.Scale;

/// <summary>
/// An archive of <see cref="Events"/> events made by the benchmark's generator (the same shape as 10k, 100k and 1M:
/// six timelines, 500 actors, Zipf-distributed actors and tags, mixed date precision, intervals, open ends),
/// seeded into the app's database as on a first start, with a change log. Shared by the plan and list tests.
/// </summary>
public sealed class ScaleArchive : IAsyncLifetime, IDisposable
{
    public const int Events = 3_000;

    private readonly string _folder = Directory.CreateTempSubdirectory("timeline-scale-").FullName;

    public ScaleArchive()
    {
        new DataGenerator(Events).WriteFiles(_folder);
        WriteTreaties(_folder);
        Factory = new TimelineApiFactory
        {
            SeedFolder = _folder,
            TestServices = services =>
            {
                Sql.Register(services);
                Tracked.Register(services);
            },
        };
    }

    public TimelineApiFactory Factory { get; }

    public SqlCapture Sql { get; } = new();

    public TrackedEntities Tracked { get; } = new();

    /// <summary>The generated data files the archive was seeded from.</summary>
    public string Folder => _folder;

    /// <summary>An actor in about 1 % of the events, one in about 0.1 %, and a tag in about 5 %.</summary>
    public static string Actor => DataGenerator.ActorSlug(DataGenerator.ActorWithShare(0.009));

    public static string RareActor => DataGenerator.ActorSlug(DataGenerator.ActorWithShare(0.001));

    public static string Tag => DataGenerator.TagSlug(DataGenerator.TagWithShare(0.05));

    public async Task InitializeAsync()
    {
        _ = Factory.Server;
        // A change log, as editors leave one: a correction for every tenth event, and some deletions.
        await Factory.WithDbAsync(async db =>
        {
            var events = await db.Events.AsNoTracking().OrderBy(e => e.Id)
                .Select(e => new { e.Id, e.Slug, Timelines = e.Timelines.Select(t => t.Slug).ToList() }).ToListAsync();
            var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            foreach (var e in events.Where(e => e.Id % 10 == 0))
            {
                var entry = new ChangeLogEntry
                {
                    At = at = at.AddMinutes(5),
                    KeyName = "newsdesk",
                    Operation = e.Id % 100 == 0 ? ChangeOperation.Delete : ChangeOperation.Update,
                    ResourceType = "event",
                    ResourceKey = e.Slug,
                    Changes = new JsonArray().ToJsonString(),
                };
                entry.SetTimelines(e.Timelines);
                db.Changes.Add(entry);
            }

            return await db.SaveChangesAsync();
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The generator makes no treaties: a few between its actors, so that the treaty reads have rows to plan over.</summary>
    private static void WriteTreaties(string folder)
    {
        var treaties = string.Concat(Enumerable.Range(1, 5).Select(i => $$"""
              - slug: archive-treaty-{{i}}
                title: Archive treaty {{i}} on a cooperation agreement
                kind: treaty
                signedOn: "{{1990 + i}}-03-01"
                parties: [{{Actor}}, {{RareActor}}]
                actions:
                  - { party: {{Actor}}, kind: signature, date: "{{1990 + i}}-03-01", sources: [{ url: "https://example.org/treaty/{{i}}/s1" }] }
                  - { party: {{RareActor}}, kind: signature, date: "{{1990 + i}}-03-01", sources: [{ url: "https://example.org/treaty/{{i}}/s2" }] }
                  - { party: {{Actor}}, kind: ratification, date: "{{1991 + i}}", sources: [{ url: "https://example.org/treaty/{{i}}/r1" }] }
                  - { kind: entry-into-force, date: "{{1993 + i}}-01-01", sources: [{ url: "https://example.org/treaty/{{i}}/f" }] }

            """));
        File.WriteAllText(Path.Combine(folder, "archive-treaties.yaml"), $"timeline: eastern-partnership\ntreaties:\n{treaties}");
    }

    public void Dispose()
    {
        Factory.Dispose();
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

[CollectionDefinition(Name)]
public sealed class ScaleArchives : ICollectionFixture<ScaleArchive>
{
    public const string Name = "scale archive";
}
