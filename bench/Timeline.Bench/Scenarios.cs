using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Timeline.Bench;

/// <summary>One scenario: the paths wrk picks from and whether each request must miss the output cache.</summary>
/// <param name="Name">What the scenario reads, as the results table shows it.</param>
/// <param name="Kind">list, search, read, export or cached: which targets apply.</param>
/// <param name="Uncached">Every request carries a unique query parameter, so it misses the output cache.</param>
/// <param name="Paths">The paths wrk picks from at random.</param>
public sealed record Scenario(string Name, string Kind, bool Uncached, IReadOnlyList<string> Paths);

/// <summary>The scenarios of issue 9, with inputs picked deterministically from the generated archive.</summary>
public static class Scenarios
{
    public static async Task<List<Scenario>> BuildAsync(HttpClient api, int events)
    {
        var random = new Random(9); // the inputs (windows, dates, slugs) are the same on every run
        var actor = DataGenerator.ActorSlug(DataGenerator.ActorWithShare(0.009));
        var rareActor = DataGenerator.ActorSlug(DataGenerator.ActorWithShare(0.001));
        var tag = DataGenerator.TagSlug(DataGenerator.TagWithShare(0.05));
        var big = "eastern-partnership";
        var sample = DataGenerator.SampleTimeline;

        string Year() => (1955 + random.Next(65)).ToString(CultureInfo.InvariantCulture);
        string Day() => new DateOnly(1950, 1, 1).AddDays(random.Next(28_000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        IReadOnlyList<string> Many(Func<string> path) => [.. Enumerable.Range(0, 500).Select(_ => path())];
        string Window(int years)
        {
            var from = 1950 + random.Next(76 - years);
            return $"from={from}&to={from + years - 1}";
        }

        var deep = await DeepCursorsAsync(api, "/api/v1/events?limit=50", page: 101, count: 20);
        var treaties = DataGenerator.TreatyCount(events);
        var party = DataGenerator.ActorSlug(1);
        var slugs = await SlugsAsync(api, random, 200);

        return
        [
            new("first events page, output-cached", "cached", false, ["/api/v1/events?limit=50"]),
            new("events, first page", "list", true, ["/api/v1/events?limit=50"]),
            new("events, random 5-year window", "list", true, Many(() => $"/api/v1/events?{Window(5)}")),
            new("events, random 1-year window, newest first", "list", true, Many(() => $"/api/v1/events?{Window(1)}&sort=-date")),
            new("events, deep keyset page (page 101)", "list", true, [.. deep.Select(c => $"/api/v1/events?limit=50&cursor={c}")]),
            new("one event by slug, with everything", "read", true, [.. slugs.Select(s => $"/api/v1/events/{s}")]),
            new($"events by actor (~0.9 %: {actor})", "list", true, [$"/api/v1/events?actor={actor}", $"/api/v1/actors/{actor}/events"]),
            new($"events by rare actor (~0.1 %: {rareActor})", "list", true, [$"/api/v1/actors/{rareActor}/events"]),
            new($"events by tag (~5 %: {tag})", "list", true, [$"/api/v1/events?tag={tag}"]),
            new("events by kind and status", "list", true, ["/api/v1/events?kind=summit", "/api/v1/events?status=planned", "/api/v1/events?kind=talks&status=cancelled"]),
            new("timeline + actor + 10-year window", "list", true, Many(() => $"/api/v1/timelines/{big}/events?actor={actor}&{Window(10)}")),
            new("timeline + tag + 5-year window", "list", true, Many(() => $"/api/v1/timelines/{big}/events?tag={tag}&{Window(5)}")),
            new($"search, rare word ({DataGenerator.RareWord}, 0.1 %)", "search", true, [$"/api/v1/search?q={DataGenerator.RareWord}"]),
            new($"search, common word ({DataGenerator.CommonWord}, 30 %)", "search", true, [$"/api/v1/search?q={DataGenerator.CommonWord}"]),
            new("search, two words, events only", "search", true, [$"/api/v1/search?q={DataGenerator.CommonWord}+treaty&kind=event"]),
            new("events list with q (common word) and a window", "list", true, Many(() => $"/api/v1/events?q={DataGenerator.CommonWord}&{Window(5)}")),
            new("scorecard asOf", "list", true, Many(() => $"/api/v1/timelines/{big}/scorecard?asOf={Year()}")),
            new("commitments asOf", "list", true, Many(() => $"/api/v1/commitments?asOf={Day()}")),
            new("changes feed", "list", true, ["/api/v1/changes", $"/api/v1/changes?timeline={big}", "/api/v1/changes?resource=event"]),
            new($"export CSV ({sample}, 1,000 events)", "export", true, [$"/api/v1/timelines/{sample}/events.csv"]),
            new($"export iCalendar ({sample})", "export", true, [$"/api/v1/timelines/{sample}/calendar.ics"]),
            new($"export Atom ({big})", "export", true, [$"/api/v1/timelines/{big}/feed.atom"]),
            new($"export TimelineJS ({sample})", "export", true, [$"/api/v1/timelines/{sample}/timelinejs"]),
            new($"export CSV, 1-year window ({big})", "export", true, Many(() => $"/api/v1/timelines/{big}/events.csv?{Window(1)}")),
            new($"treaties, first page ({treaties:N0} treaties)", "list", true, ["/api/v1/treaties"]),
            new($"treaties by party, in force asOf ({party})", "list", true, Many(() => $"/api/v1/treaties?party={party}&status=in-force&asOf={Year()}")),
            new("one treaty's actions asOf", "read", true,
                Many(() => $"/api/v1/treaties/{DataGenerator.TreatySlug(1 + random.Next(treaties))}/actions?asOf={Day()}")),
            new("timeline events with treaty actions, 5-year window", "list", true,
                Many(() => $"/api/v1/timelines/{big}/events?include=treaty-actions&{Window(5)}")),
        ];
    }

    /// <summary>The cursors of pages <paramref name="page"/> .. page + count - 1, found by walking the list from its start.</summary>
    private static async Task<List<string>> DeepCursorsAsync(HttpClient api, string path, int page, int count)
    {
        var cursors = new List<string>();
        var url = path;
        for (var i = 1; i < page + count; i++)
        {
            using var document = await api.GetFromJsonAsync<JsonDocument>(new Uri(url, UriKind.Relative));
            var next = document!.RootElement.GetProperty("nextCursor").GetString();
            if (next is null)
                break;
            if (i >= page - 1)
                cursors.Add(next);
            url = $"{path}&cursor={next}";
        }

        return cursors.Count > 0 ? cursors : throw new InvalidOperationException($"The list has fewer than {page} pages.");
    }

    private static async Task<List<string>> SlugsAsync(HttpClient api, Random random, int count)
    {
        var slugs = new List<string>();
        while (slugs.Count < count)
        {
            var year = 1950 + random.Next(76);
            using var document = await api.GetFromJsonAsync<JsonDocument>(new Uri($"/api/v1/events?from={year}&to={year}&limit=20", UriKind.Relative));
            slugs.AddRange(document!.RootElement.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("slug").GetString()!));
        }

        return slugs;
    }
}
