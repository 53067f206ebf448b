using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Timeline.Api.Tests.Data;

/// <summary>A fact that needs a PostgreSQL server: skipped, with the reason shown, when TIMELINE_TEST_POSTGRES is not set.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestDatabase.IsPostgres)
            Skip = $"Compares SQLite with PostgreSQL: set {TestDatabase.PostgresVariable} to a server's connection string to run it.";
    }
}

[Collection(BundledData.Name)]
public sealed class DatabaseProviderTests(TimelineApiFactory factory, ITestOutputHelper output)
{
    /// <summary>Timestamps the server writes at import or write time: they differ by clock between two databases.</summary>
    private static readonly HashSet<string> ServerTimestamps = ["updatedAt", "recordedAt", "at", "createdAt"];

    [Fact]
    public async Task Database_IsTheProviderTheRunAsksFor()
    {
        var provider = await factory.WithDbAsync(db => Task.FromResult(db.Database.ProviderName));

        // .ci/run looks for this line in the PostgreSQL run's results, to be sure it ran on PostgreSQL.
        output.WriteLine($"database provider: {provider}");
        Assert.Equal(TestDatabase.IsPostgres ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite", provider);
    }

    [PostgresFact]
    public async Task EveryRead_OnTheBundledData_ReturnsTheSameJsonOnSqliteAndPostgres()
    {
        using var sqlite = new TimelineApiFactory { ForceSqlite = true };
        using var postgres = new TimelineApiFactory();
        using var sqliteClient = sqlite.CreateClient();
        using var postgresClient = postgres.CreateClient();
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", await postgres.WithDbAsync(db => Task.FromResult(db.Database.ProviderName)));

        var urls = new List<string>
        {
            "/api/v1/timelines", "/api/v1/timelines/union-state", "/api/v1/timelines/union-state/events?limit=200",
            "/api/v1/timelines/union-state/commitments", "/api/v1/timelines/union-state/commitments?asOf=2019-12-08",
            "/api/v1/timelines/union-state/scorecard", "/api/v1/timelines/union-state/scorecard?asOf=2019-12-08",
            "/api/v1/events?sort=-date&limit=200", "/api/v1/events?from=2019-12-01&to=2019-12-31", "/api/v1/events?q=minsk",
            "/api/v1/commitments?status=stalled", "/api/v1/commitments?q=currency", "/api/v1/changes?limit=200",
            "/api/v1/actors?q=Lukashenko", "/api/v1/actors?q=Lukasenka", "/api/v1/actors?q=%D0%9B%D1%83%D0%BA%D0%B0%D1%88%D0%B5%D0%BD%D0%BA%D0%BE",
            "/api/v1/search?q=Lukashenko", "/api/v1/search?q=lukasenka", "/api/v1/search?q=currency", "/api/v1/search?q=union%20sta",
            "/api/v1/search?q=treaty&kind=event", "/api/v1/search?q=%D0%9B%D1%83%D0%BA%D0%B0%D1%88",
            "/api/v1/timelines/union-state/events?include=treaty-actions&limit=200",
            "/api/v1/events?include=treaty-actions&sort=-date&from=1999&to=2000", "/api/v1/actors/belarus/events?include=treaty-actions&from=2024",
            // A whole document in another language: its texts chosen from the translations read by key.
            "/api/v1/timelines/union-state/timelinejs?lang=be", "/api/v1/timelines/union-state/timelinejs?lang=ru",
        };

        // Every page of every list, by following the cursors, and every resource the lists name.
        foreach (var list in new[] { "/api/v1/events?limit=7", "/api/v1/events?include=treaty-actions&limit=9", "/api/v1/commitments?limit=4", "/api/v1/actors?limit=5" })
        {
            string? next = list;
            while (next is not null)
            {
                urls.Add(next);
                var page = await GetAsync(sqliteClient, next);
                var resource = list[..list.IndexOf('?', StringComparison.Ordinal)];
                foreach (var item in page!["items"]!.AsArray())
                {
                    var slug = item!["slug"]!.GetValue<string>();
                    urls.Add($"{resource}/{slug}");
                    urls.Add($"{resource}/{slug}/changes");
                    urls.Add(resource.EndsWith("/commitments", StringComparison.Ordinal) ? $"{resource}/{slug}/history" : $"{resource}/{slug}");
                    if (resource.EndsWith("/actors", StringComparison.Ordinal))
                        urls.Add($"{resource}/{slug}/events");
                }

                next = page["nextCursor"]?.GetValue<string>() is { } cursor
                    ? $"{list}&cursor={Uri.EscapeDataString(cursor)}"
                    : null;
            }
        }

        var compared = 0;
        foreach (var url in urls.Distinct())
        {
            var expected = Normalise(url, await GetAsync(sqliteClient, url));
            var actual = Normalise(url, await GetAsync(postgresClient, url));
            Assert.True(JsonNode.DeepEquals(expected, actual), $"{url} differs:\nSQLite:     {expected?.ToJsonString()}\nPostgreSQL: {actual?.ToJsonString()}");
            compared++;
        }

        output.WriteLine($"{compared} reads compared");
        Assert.True(compared > 100);
    }

    [Fact]
    public async Task Search_ForLukashenkoAndAnAccentFreeSpelling_FindsTheSameActors()
    {
        var byName = await ActorSlugsAsync("/api/v1/search?kind=actor&q=Lukashenko");
        var accentFree = await ActorSlugsAsync("/api/v1/search?kind=actor&q=Lukasenka");
        var listed = await ActorSlugsAsync("/api/v1/actors?q=Lukashenko");

        Assert.NotEmpty(byName);
        Assert.Equal(byName, accentFree);
        Assert.Equal(byName, listed);
    }

    private async Task<List<string>> ActorSlugsAsync(string url)
    {
        var page = await factory.GetJsonAsync<JsonObject>(url);
        return page["items"]!.AsArray().Select(i => i!["slug"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<JsonNode?> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Drops server timestamps. Search is ranked by each engine's own measure (FTS5's bm25, PostgreSQL's
    /// ts_rank) and its snippets are cut by each engine, so search results compare as a set of hits.
    /// </summary>
    private static JsonNode? Normalise(string url, JsonNode? node)
    {
        Strip(node);
        if (url.StartsWith("/api/v1/search", StringComparison.Ordinal) && node?["items"] is JsonArray items)
        {
            var hits = items.Select(i => $"{i!["kind"]}|{i["slug"]}|{i["title"]}|{i["href"]}").Order(StringComparer.Ordinal).ToList();
            node["items"] = new JsonArray([.. hits.Select(h => JsonValue.Create(h))]);
        }

        return node;

        static void Strip(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var name in o.Select(p => p.Key).Where(ServerTimestamps.Contains).ToList())
                        o.Remove(name);
                    foreach (var (_, child) in o)
                        Strip(child);
                    break;
                case JsonArray a:
                    foreach (var child in a)
                        Strip(child);
                    break;
            }
        }
    }
}
