using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;

namespace Timeline.Api.Tests.Scale;

/// <summary>
/// The index-range lists give exactly what the filters mean: every page of each list, walked with its cursors,
/// is compared with the same filters applied by LINQ to the whole table in (start date, id) order — across span
/// classes, open intervals, window edges, both directions and every driving filter.
/// </summary>
[Collection(ScaleArchives.Name)]
public sealed class EventListScaleTests(ScaleArchive archive)
{
    public static TheoryData<string, string> Lists => new()
    {
        { "/api/v1/events", "" },
        { "/api/v1/events?sort=-date", "desc" },
        { "/api/v1/events?from=1990&to=1994", "from=1990-01-01 to=1994-12-31" },
        { "/api/v1/events?from=2001-06-15", "from=2001-06-15" },
        { "/api/v1/events?to=1961-03", "to=1961-03-31" },
        { "/api/v1/events?from=1970&to=1975&sort=-date", "from=1970-01-01 to=1975-12-31 desc" },
        { $"/api/v1/events?actor={ScaleArchive.Actor}", $"actor={ScaleArchive.Actor}" },
        { $"/api/v1/events?actor={ScaleArchive.Actor}&from=1980-05&sort=-date", $"actor={ScaleArchive.Actor} from=1980-05-01 desc" },
        { $"/api/v1/events?tag={ScaleArchive.Tag}&from=1985&to=2005", $"tag={ScaleArchive.Tag} from=1985-01-01 to=2005-12-31" },
        { "/api/v1/events?kind=summit&status=occurred", "kind=summit status=occurred" },
        { "/api/v1/events?status=planned&to=2000", "status=planned to=2000-12-31" },
        { "/api/v1/timelines/customs-union/events?from=1960&to=1980", "timeline=customs-union from=1960-01-01 to=1980-12-31" },
        { $"/api/v1/actors/{DataGeneratorActors.Top}/events?tag=government-1&actor={ScaleArchive.Actor}", $"actor={DataGeneratorActors.Top} actor2={ScaleArchive.Actor} tag=government-1" },
        { $"/api/v1/events?timeline=eastern-partnership&tag=government-1&sort=-date", "timeline=eastern-partnership tag=government-1 desc" },
        { "/api/v1/events?q=agreement&from=1975&to=1985", "q=agreement from=1975-01-01 to=1985-12-31" },
        { "/api/v1/events?q=moratorium", "q=moratorium" },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task EveryPage_WalkedWithItsCursors_IsTheFilteredListInDateOrder(string url, string filters)
    {
        var expected = await ExpectedAsync(Parse(filters));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, await WalkAsync(url, limit: 97));
    }

    /// <summary>
    /// A word with too many matches for a list of ids is checked row by row on the date walk, in the form the provider
    /// prepares (SQLite: each prefix word expanded into the index's own terms, so FTS5 seeks instead of merging): the
    /// walk gives exactly the events of the window that the word's matches are.
    /// </summary>
    [Theory]
    [InlineData("agreement")]
    [InlineData("agreement treaty")]
    [InlineData("agree")]
    [InlineData("a")]
    public async Task AWordCheckedRowByRowOnTheWalk_GivesTheWindowsEventsAmongItsMatches(string q)
    {
        var (from, to) = (new DateOnly(1975, 1, 1), new DateOnly(1985, 12, 31));
        var (walked, expected) = await archive.Factory.WithDbAsync(async db =>
        {
            var search = archive.Factory.Services.GetRequiredService<IFullTextSearch>();
            var matches = (await search.MatchingIds(db, q, SearchKinds.Event)!.ToListAsync()).ToHashSet();
            var inWindow = await db.Events.AsNoTracking().Where(e => e.DateEnd >= from && e.DateStart <= to)
                .OrderBy(e => e.DateStart).ThenBy(e => e.Id).Select(e => e.Id).ToListAsync();
            var prepared = await search.PrepareRowCheckAsync(db, q, CancellationToken.None);
            var rows = await Api.Data.Queries.EventPages.ReadAsync(db, search,
                new Api.Data.Queries.EventPageFilter([], [], From: from, To: to, Text: prepared), after: null, descending: false, take: 100_000,
                CancellationToken.None);
            return (rows.Select(r => r.Id).ToList(), inWindow.Where(matches.Contains).ToList());
        });

        Assert.NotEmpty(expected);
        Assert.Equal(expected, walked);
    }

    /// <summary>
    /// SQLite finds the terms a word begins by seeking the index's vocabulary term by term (its instance view): they are
    /// exactly the terms the row view lists — every one, in order, the common ones (hundreds of occurrences) not skipped —
    /// and a word that begins more than 64 stays a prefix. PostgreSQL checks rows with the words as they are.
    /// </summary>
    [Theory]
    [InlineData("agreement")]
    [InlineData("agree")]
    [InlineData("tr")]
    [InlineData("moratorium")]
    [InlineData("a")]
    [InlineData("zzzq")]
    public async Task TheTermsAWordBegins_AreEveryTermOfTheIndexWithThatBeginning(string word)
    {
        var (prepared, vocabulary) = await archive.Factory.WithDbAsync(async db =>
        {
            var search = archive.Factory.Services.GetRequiredService<IFullTextSearch>();
            var prepared = await search.PrepareRowCheckAsync(db, word, CancellationToken.None);
            if (TestDatabase.IsPostgres)
                return (prepared, new List<string>());
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("CREATE VIRTUAL TABLE IF NOT EXISTS temp.TermsByRow USING fts5vocab(main, SearchIndex, row);");
            var terms = await db.Database.SqlQueryRaw<string>(
                """SELECT term AS "Value" FROM temp.TermsByRow WHERE term >= {0} AND term < {1} ORDER BY term""", word, word + char.ConvertFromUtf32(0x10FFFF))
                .ToListAsync();
            await db.Database.CloseConnectionAsync();
            return (prepared, terms);
        });

        if (TestDatabase.IsPostgres)
        {
            Assert.Equal(word, prepared);
            return;
        }

        var expected = vocabulary.Count is 0 or > 64
            ? $"\"{word}\"*"
            : $"({string.Join(" OR ", vocabulary.Select(t => $"\"{t}\""))})";
        Assert.Equal(expected, prepared);
        if (word == "tr")
            Assert.InRange(vocabulary.Count, 2, 64);
        if (word == "a")
            Assert.True(vocabulary.Count > 64, $"'a' begins {vocabulary.Count} terms");
    }

    [Fact]
    public async Task ACursorOfTheEarlierDateAndSlugForm_Is400SayingStartAgain()
    {
        var old = Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new { Date = "1990-01-01", Slug = "1990-01-01-something" }))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        using var client = archive.Factory.CreateClient();
        using var response = await client.GetAsync(new Uri($"/api/v1/events?cursor={old}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("start again without it", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<List<string>> WalkAsync(string url, int limit)
    {
        using var client = archive.Factory.CreateClient();
        var slugs = new List<string>();
        var next = $"{url}{(url.Contains('?', StringComparison.Ordinal) ? "&" : "?")}limit={limit}";
        for (var page = 0; page < 1_000; page++)
        {
            var body = await client.GetFromJsonAsync<JsonElement>(new Uri(next, UriKind.Relative));
            slugs.AddRange(body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()!));
            if (body.GetProperty("nextCursor").GetString() is not { } cursor)
                return slugs;
            next = $"{url}{(url.Contains('?', StringComparison.Ordinal) ? "&" : "?")}limit={limit}&cursor={cursor}";
        }

        throw new InvalidOperationException("The list did not end.");
    }

    private static Dictionary<string, string> Parse(string filters) =>
        filters.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToDictionary(f => f.Split('=')[0], f => f.Contains('=', StringComparison.Ordinal) ? f.Split('=', 2)[1] : "");

    /// <summary>The list as the filters define it (DESIGN.md: an event is in a window when it may overlap it), by LINQ over every event.</summary>
    private Task<List<string>> ExpectedAsync(Dictionary<string, string> f) => archive.Factory.WithDbAsync(async db =>
    {
        var events = db.Events.AsNoTracking();
        if (f.TryGetValue("from", out var from))
        {
            var day = DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture);
            events = events.Where(e => e.DateEnd >= day);
        }

        if (f.TryGetValue("to", out var to))
        {
            var day = DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture);
            events = events.Where(e => e.DateStart <= day);
        }

        if (f.TryGetValue("actor", out var actor))
            events = events.Where(e => e.Actors.Any(a => a.Actor!.Slug == actor));
        if (f.TryGetValue("actor2", out var actor2))
            events = events.Where(e => e.Actors.Any(a => a.Actor!.Slug == actor2));
        if (f.TryGetValue("tag", out var tag))
            events = events.Where(e => e.Tags.Any(t => t.Tag == tag));
        if (f.TryGetValue("timeline", out var timeline))
            events = events.Where(e => e.Timelines.Any(t => t.Slug == timeline));
        if (f.TryGetValue("kind", out var kind))
        {
            var value = Kebab.Parse<EventKind>(kind);
            events = events.Where(e => e.Kind == value);
        }

        if (f.TryGetValue("status", out var status))
        {
            var value = Kebab.Parse<EventStatus>(status);
            events = events.Where(e => e.Status == value);
        }

        if (f.TryGetValue("q", out var q))
        {
            await using var scope = archive.Factory.Services.CreateAsyncScope();
            var matches = scope.ServiceProvider.GetRequiredService<IFullTextSearch>().MatchingIds(db, q, SearchKinds.Event)!;
            var ids = await matches.ToListAsync();
            events = events.Where(e => ids.Contains(e.Id));
        }

        var rows = await events.Select(e => new { e.Slug, e.DateStart, e.Id }).ToListAsync();
        var ordered = f.ContainsKey("desc")
            ? rows.OrderByDescending(r => r.DateStart).ThenByDescending(r => r.Id)
            : rows.OrderBy(r => r.DateStart).ThenBy(r => r.Id);
        return ordered.Select(r => r.Slug).ToList();
    });
}

/// <summary>Actors of the generated archive by popularity.</summary>
internal static class DataGeneratorActors
{
    public static string Top => Bench.DataGenerator.ActorSlug(1);
}
