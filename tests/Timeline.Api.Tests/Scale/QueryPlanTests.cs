using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Timeline.Api.Tests.Scale;

/// <summary>
/// Every list, filter, search and export is answered from indexes: the SQL EF Core sends for each request is
/// captured and its plan asked for (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL) on an archive of a few
/// thousand events. A plan may not read the whole of a table that grows with the archive, nor sort such rows for
/// ORDER BY, except where the rows are few by design (each exception below says why). Tables that stay small
/// whatever the archive's size (timelines, actors, commitments and their assessments, treaties and their actions) may be scanned.
/// </summary>
[Collection(ScaleArchives.Name)]
public sealed partial class QueryPlanTests(ScaleArchive archive, ITestOutputHelper output)
{
    private const string Big = "eastern-partnership";
    private const string Sample = "archive-sample";

    /// <summary>The tables whose size grows with the archive.</summary>
    private static readonly HashSet<string> Growing = new(StringComparer.Ordinal)
    {
        "Events", "EventActors", "EventTags", "TimelineEvents", "EventSources", "EventRelations", "Sources",
        "Quotes", "TimelineQuotes", "ChangeLog", "ChangeLogTimelines", "SearchIndex",
    };

    /// <summary>Statements allowed to sort rows of growing tables, because the rows they sort are few by design.</summary>
    private static readonly (Regex Query, string Why)[] BoundedSorts =
    [
        (new("bm25\\(SearchIndex\\)|ts_rank\\("), "search ranks at most SearchKinds.RankedPerKind matches of each kind"),
        (new("e\\.\"Id\" IN \\(|IN \\(@|IN \\(\\s*SELECT (\"\\w+\"\\.\"value\"|value)\\s+FROM json_each|= ANY \\(|= ANY\\("),
            "rows picked by a list of keys: a page's, or a rare word's few matches (EventPages.FewMatchesCapAsync)"),
        (new("^SELECT [\\s\\S]+?\\s+FROM \"Commitments\" AS \"?c\"?\\s"), "commitments (with the event each was made in): a timeline has tens"),
        (new("FROM \"Quotes\" AS \"?q\"?[\\s\\S]+\\.\"Slug\" = @eventSlug\\s+ORDER BY"), "the quotes of one event (its page): a handful"),
        (new("^SELECT [\\s\\S]+?\\s+FROM \"Treaties\" AS \"?t\"?\\s"), "treaties with their records: a timeline has tens of treaties, a treaty tens of actions"),
        (new("\\) AS arm0\\)"), "PostgreSQL: each span class's arm reads one page from its index (its own ORDER BY ... LIMIT); only those few pages are sorted"),
    ];

    /// <summary>Statements allowed to walk a growing table whole, because they stop after a page.</summary>
    private static readonly (Regex Query, string Why)[] BoundedScans =
    [
        (new("^SELECT \"?c\"?\\.\"Id\"\\s+FROM \"ChangeLog\" AS \"?c\"?\\s+ORDER BY \"?c\"?\\.\"Id\" DESC\\s+LIMIT (@\\w+|\\d+)$"),
            "the whole log newest first: a walk of its primary key that stops at the page's LIMIT"),
    ];

    public static TheoryData<string> Urls => new()
    {
        "/api/v1/events",
        "/api/v1/events?sort=-date",
        // A language asked for reads the page's translations (events by id, their actors by slug).
        "/api/v1/events?from=1990&to=1994&lang=be",
        "/api/v1/commitments?lang=ru",
        "/api/v1/actors?lang=be",
        "/api/v1/events?from=1990&to=1994",
        "/api/v1/events?from=2001-06",
        "/api/v1/events?to=1960",
        "/api/v1/events?from=1970&to=1971&sort=-date",
        $"/api/v1/events?actor={ScaleArchive.Actor}",
        $"/api/v1/events?actor={ScaleArchive.RareActor}&from=1980",
        $"/api/v1/events?tag={ScaleArchive.Tag}",
        $"/api/v1/events?tag={ScaleArchive.Tag}&from=1990&to=2000&sort=-date",
        "/api/v1/events?kind=summit",
        "/api/v1/events?status=planned&from=2000",
        "/api/v1/events?kind=talks&status=cancelled",
        $"/api/v1/events?timeline={Big}",
        $"/api/v1/timelines/{Big}/events?actor={ScaleArchive.Actor}&from=1980&to=1989",
        $"/api/v1/timelines/{Big}/events?tag={ScaleArchive.Tag}&kind=meeting",
        $"/api/v1/actors/{ScaleArchive.Actor}/events?tag={ScaleArchive.Tag}",
        "/api/v1/events?q=agreement",
        "/api/v1/events?q=agreement&from=1990&to=1999",
        "/api/v1/events?q=moratorium",
        "/api/v1/search?q=agreement",
        "/api/v1/search?q=moratorium",
        "/api/v1/search?q=agreement+treaty&kind=event",
        "/api/v1/commitments",
        "/api/v1/commitments?asOf=2000&status=stalled",
        $"/api/v1/commitments?party={ScaleArchive.Actor}&q=agreement",
        $"/api/v1/timelines/{Big}/commitments?asOf=1999-12",
        $"/api/v1/timelines/{Big}/scorecard?asOf=2010",
        "/api/v1/changes",
        $"/api/v1/changes?timeline={Big}",
        "/api/v1/changes?resource=event",
        "/api/v1/changes?since=2026-01-05T00:00:00Z",
        $"/api/v1/timelines/{Big}/feed.atom",
        $"/api/v1/timelines/{Sample}/events.csv",
        $"/api/v1/timelines/{Big}/events.csv?from=1990&to=1990&actor={ScaleArchive.Actor}",
        $"/api/v1/timelines/{Big}/commitments.csv?asOf=2000",
        $"/api/v1/timelines/{Sample}/calendar.ics",
        $"/api/v1/timelines/{Sample}/timelinejs",
        $"/embed/{Sample}?from=1990&to=1995",
        // The outputs in another language read the translations of what they show by key (ContentTexts.LoadAsync).
        $"/embed/{Sample}?from=1990&to=1995&lang=be",
        $"/timelines/{Sample}?lang=ru",
        $"/api/v1/timelines/{Big}/feed.atom?lang=be",
        $"/api/v1/timelines/{Sample}/events.csv?lang=ru",
        $"/api/v1/timelines/{Sample}/calendar.ics?lang=be",
        $"/api/v1/timelines/{Sample}/timelinejs?lang=ru",
        $"/api/v1/timelines/{Big}/treaty-actions.csv?lang=be",
        "/api/v1/actors?q=republic",
        "/api/v1/treaties",
        $"/api/v1/treaties?party={ScaleArchive.Actor}&status=in-force&asOf=2000",
        "/api/v1/treaties?status=ratified&asOf=2005",
        $"/api/v1/treaties?timeline={Big}&from=1990&to=2000",
        "/api/v1/treaties?q=agreement",
        $"/api/v1/actors/{ScaleArchive.Actor}/treaties?asOf=1999-12",
        "/api/v1/treaties/archive-treaty-2",
        "/api/v1/treaties/archive-treaty-2/actions?asOf=2000",
        "/api/v1/timelines",
        $"/api/v1/timelines/{Big}",
        "/api/v1/events?include=treaty-actions",
        "/api/v1/events?include=treaty-actions&sort=-date&from=1990&to=2000",
        $"/api/v1/events?include=treaty-actions&timeline={Big}&actor={ScaleArchive.Actor}",
        $"/api/v1/timelines/{Big}/events?include=treaty-actions&from=1992",
        $"/api/v1/actors/{ScaleArchive.RareActor}/events?include=treaty-actions&to=1995",
    };

    public static TheoryData<string> TreatyActionUrls => new()
    {
        "/api/v1/events?include=treaty-actions",
        "/api/v1/events?include=treaty-actions&sort=-date&from=1990&to=2000",
        $"/api/v1/timelines/{Big}/events?include=treaty-actions&actor={ScaleArchive.Actor}&from=1992",
        $"/api/v1/actors/{ScaleArchive.RareActor}/events?include=treaty-actions&sort=-date",
    };

    /// <summary>
    /// Treaty actions listed among events: the events' page is the statement a list without them runs (so its plan is
    /// pinned above), and the actions' page walks their (DateStart, Id) index from the cursor, each candidate checked by
    /// key, with nothing sorted, whatever the filters (the party's own index would have to be sorted by date).
    /// </summary>
    [Theory]
    [MemberData(nameof(TreatyActionUrls))]
    public async Task Get_WithTreatyActions_WalksTheActionsDateIndexWithoutASort(string url)
    {
        var plans = await PlansAsync(url);

        var events = plans.Where(p => p.Command.Sql.Contains("UNION ALL", StringComparison.Ordinal)).ToList();
        Assert.Single(events);
        var actions = Assert.Single(plans, p => p.Command.Sql.Contains("FROM \"TreatyActions\" AS a\n", StringComparison.Ordinal));
        Assert.Contains(actions.Plan, line => line.Contains("IX_TreatyActions_DateStart_Id", StringComparison.Ordinal));
        Assert.DoesNotContain(actions.Plan, Sorts);
        Assert.DoesNotContain(actions.Plan, line => line.Contains("IX_TreatyActions_PartyId", StringComparison.Ordinal));
        foreach (var (command, plan) in plans)
            Assert.Empty(Problems(command, plan));
    }

    /// <summary>A page of a list with treaty actions ten pages in: both walks start at their bounds in the cursor.</summary>
    [Fact]
    public async Task Get_ADeepPageWithTreatyActions_UsesTheCursorAsAnIndexBoundOfBothWalks()
    {
        const string url = $"/api/v1/timelines/{Big}/events?include=treaty-actions&limit=3&from=1991&to=1999";
        using var client = archive.Factory.CreateClient();
        var next = url;
        var sawActions = false;
        for (var page = 0; page < 10; page++)
        {
            using var response = await client.GetAsync(new Uri(next, UriKind.Relative));
            var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            sawActions |= body.GetProperty("treatyActions").GetArrayLength() > 0;
            next = $"{url}&cursor={body.GetProperty("nextCursor").GetString()}";
        }

        Assert.True(sawActions);
        var plans = await PlansAsync(next);
        var events = plans.Single(p => p.Command.Sql.Contains("UNION ALL", StringComparison.Ordinal));
        Assert.Contains(events.Plan, line => CursorBound().IsMatch(line) || line.Contains("Index Cond", StringComparison.Ordinal) || PostgresIndexScan(line));
        var actions = plans.Single(p => p.Command.Sql.Contains("FROM \"TreatyActions\" AS a\n", StringComparison.Ordinal));
        Assert.Contains("(a.\"DateStart\", a.\"Id\") >", actions.Command.Sql, StringComparison.Ordinal);
        Assert.Contains(actions.Plan, line => line.Contains("IX_TreatyActions_DateStart_Id", StringComparison.Ordinal));
        Assert.DoesNotContain(actions.Plan, Sorts);
        foreach (var (command, plan) in plans)
            Assert.Empty(Problems(command, plan));
    }

    [Theory]
    [MemberData(nameof(Urls))]
    public async Task Get_UsesIndexesForEveryFilterAndOrder(string url)
    {
        var problems = new List<string>();
        foreach (var (command, plan) in await PlansAsync(url))
            problems.AddRange(Problems(command, plan));

        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
    }

    /// <summary>
    /// One resource and what it shows (actors, sources, related events, quotes, the commitments made in it...): its row by
    /// its key, and each part by the resource's id, never a walk of a growing table (an event's actors, read as EF Core's
    /// LEFT JOIN of a filtered subquery, were a scan of every event's actors: 24 s an event at 1,000,000 events).
    /// </summary>
    [Theory]
    [InlineData("/api/v1/events/{event}")]
    [InlineData("/events/{event}")]
    [InlineData("/api/v1/events/{event}/changes")]
    [InlineData("/api/v1/commitments/{commitment}")]
    [InlineData("/api/v1/commitments/{commitment}/history")]
    [InlineData("/commitments/{commitment}")]
    [InlineData("/api/v1/actors/{actor}")]
    [InlineData("/api/v1/quotes/{quote}")]
    // In another language: the texts of what an event shows besides its own row are read by key too (LoadMentionTextsAsync).
    [InlineData("/api/v1/events/{event}?lang=be")]
    [InlineData("/api/v1/commitments/{commitment}?lang=ru")]
    [InlineData("/api/v1/actors/{actor}?lang=be")]
    [InlineData("/api/v1/timelines/" + Big + "?lang=ru")]
    [InlineData("/events/{event}?lang=be")]
    [InlineData("/commitments/{commitment}?lang=ru")]
    public async Task GetOne_ReadsItsPartsByKey(string template)
    {
        var keys = await archive.Factory.WithDbAsync(async db => new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // An event with actors, sources and relations both ways, as the benchmark's events have.
            ["{event}"] = await db.Events.Where(e => e.Actors.Count > 1 && e.Relations.Count > 0).OrderBy(e => e.Id).Select(e => e.Slug).FirstAsync(),
            ["{commitment}"] = await db.Commitments.OrderBy(c => c.Id).Select(c => c.Slug).FirstAsync(),
            ["{actor}"] = ScaleArchive.Actor,
            ["{quote}"] = await db.Quotes.OrderBy(q => q.Id).Select(q => q.Slug).FirstAsync(),
        });
        var url = keys.Aggregate(template, (u, key) => u.Replace(key.Key, key.Value, StringComparison.Ordinal));
        var problems = new List<string>();
        foreach (var (command, plan) in await PlansAsync(url))
            problems.AddRange(Problems(command, plan));

        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
    }

    /// <summary>
    /// A word too common for a list of ids is checked on the date-ordered walk, which stays an index range with no
    /// sort: on SQLite against the match set read once from the full-text index, on PostgreSQL by key (the archive
    /// here is too small for a word that common, so the statement is built directly).
    /// </summary>
    [Fact]
    public async Task ACommonWordOnAList_IsCheckedOnTheIndexedWalk()
    {
        var (sql, parameters) = await archive.Factory.WithDbAsync(async db =>
        {
            var search = archive.Factory.Services.GetRequiredService<Api.Data.Search.IFullTextSearch>();
            var prepared = await search.PrepareRowCheckAsync(db, "agreement", CancellationToken.None);
            var filter = new Api.Data.Queries.EventPageFilter([], [], From: new DateOnly(1990, 1, 1), To: new DateOnly(1999, 12, 31), Text: prepared);
            return Api.Data.Queries.EventPages.Build(db, search, filter, after: null, descending: false, take: 51);
        });
        var command = new CapturedCommand(sql, [.. parameters.Select(p => new CapturedParameter(
            p.ParameterName, p.Value, p.DbType, p is Npgsql.NpgsqlParameter n ? n.NpgsqlDbType : null))]);

        var plan = await QueryPlans.ExplainAsync(archive.Factory.Database, command);
        foreach (var line in plan)
            output.WriteLine(line);

        Assert.Empty(Problems(command, plan));
    }

    /// <summary>The page of a list ten pages in is found by index as the first page is: the cursor bounds the range.</summary>
    [Theory]
    [InlineData("/api/v1/events?limit=20")]
    [InlineData("/api/v1/events?limit=20&sort=-date&from=1990")]
    [InlineData($"/api/v1/timelines/{Big}/events?limit=20&tag=government-1")]
    public async Task Get_ADeepPage_UsesTheCursorAsAnIndexBound(string url)
    {
        using var client = archive.Factory.CreateClient();
        var next = url;
        for (var page = 0; page < 10; page++)
        {
            using var response = await client.GetAsync(new Uri(next, UriKind.Relative));
            var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            next = $"{url}&cursor={body.GetProperty("nextCursor").GetString()}";
        }

        var plans = await PlansAsync(next);
        var page10 = plans.Single(p => p.Command.Sql.Contains("UNION ALL", StringComparison.Ordinal));
        Assert.Contains(page10.Plan, line => CursorBound().IsMatch(line) || line.Contains("Index Cond", StringComparison.Ordinal) || PostgresIndexScan(line));
        Assert.Empty(Problems(page10.Command, page10.Plan));
    }

    private async Task<List<(CapturedCommand Command, IReadOnlyList<string> Plan)>> PlansAsync(string url)
    {
        using var client = archive.Factory.CreateClient();
        // A unique parameter, so that the output cache does not answer instead of the database.
        var uncached = url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "test-cache=" + Guid.NewGuid().ToString("N");
        var commands = await archive.Sql.RecordAsync(async () =>
        {
            using var response = await client.GetAsync(new Uri(uncached, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        });
        Assert.NotEmpty(commands);
        var plans = new List<(CapturedCommand, IReadOnlyList<string>)>();
        foreach (var command in commands)
        {
            var plan = await QueryPlans.ExplainAsync(archive.Factory.Database, command);
            output.WriteLine(command.Sql);
            foreach (var line in plan)
                output.WriteLine("  " + line);
            plans.Add((command, plan));
        }

        return plans;
    }

    /// <summary>What is wrong with a plan: whole-table reads and unbounded sorts of growing tables.</summary>
    private static List<string> Problems(CapturedCommand command, IReadOnlyList<string> plan)
    {
        var tables = Tables(command.Sql);
        var growing = tables.Values.Any(Growing.Contains);
        var boundedSort = BoundedSorts.Any(b => b.Query.IsMatch(command.Sql));
        var boundedScan = BoundedScans.Any(b => b.Query.IsMatch(command.Sql.Trim()));
        var problems = new List<string>();
        // SQLite plans with a bound LIMIT's (or OFFSET's) value, so binding one makes the compiled statement stale on
        // every execution, and it is compiled again each time (see SqliteCompiledReads): the page size is written in.
        if (!TestDatabase.IsPostgres && BoundLimit().IsMatch(command.Sql))
            problems.Add($"binds its LIMIT or OFFSET (compiled again on every execution) in:\n{command.Sql}");
        foreach (var line in plan)
        {
            var scanned = ScannedTable(line, tables);
            if (scanned is not null && Growing.Contains(scanned) && !boundedScan)
                problems.Add($"reads all of {scanned} ('{line}') in:\n{command.Sql}");
            if (Sorts(line) && growing && !boundedSort)
                problems.Add($"sorts ('{line}') in:\n{command.Sql}");
        }

        return problems;
    }

    /// <summary>The table a plan step reads whole, if it is such a step.</summary>
    private static string? ScannedTable(string line, Dictionary<string, string> tables)
    {
        if (line.StartsWith("Seq Scan on ", StringComparison.Ordinal))
            return line["Seq Scan on ".Length..].Split(' ')[0];
        var scan = SqliteScan().Match(line);
        if (!scan.Success)
            return null;
        var table = tables.GetValueOrDefault(scan.Groups[1].Value, scan.Groups[1].Value);
        // FTS5 shows every query as a virtual-table scan: its index string names a MATCH ('M') or a rowid look-up ('=').
        return table == "SearchIndex" && FullTextMatch().IsMatch(line) ? null : table;
    }

    /// <summary>The tables a statement names, by alias (and by name).</summary>
    private static Dictionary<string, string> Tables(string sql)
    {
        var tables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in TableReference().Matches(sql))
        {
            tables[m.Groups["table"].Value] = m.Groups["table"].Value;
            if (m.Groups["alias"].Success)
                tables[m.Groups["alias"].Value] = m.Groups["table"].Value;
        }

        return tables;
    }

    private static bool Sorts(string line) =>
        line.Contains("USE TEMP B-TREE", StringComparison.Ordinal)
        || line.StartsWith("Sort", StringComparison.Ordinal) || line.StartsWith("Incremental Sort", StringComparison.Ordinal);

    private static bool PostgresIndexScan(string line) => line.StartsWith("Index", StringComparison.Ordinal);

    [GeneratedRegex(@"\b(LIMIT|OFFSET)\s+@", RegexOptions.IgnoreCase)]
    private static partial Regex BoundLimit();

    [GeneratedRegex(@"^SCAN (\S+)")]
    private static partial Regex SqliteScan();

    [GeneratedRegex(@"VIRTUAL TABLE INDEX \d+:\S*[M=]")]
    private static partial Regex FullTextMatch();

    [GeneratedRegex(@"(?:FROM|JOIN)\s+""?(?<table>[A-Za-z_]\w*)""?(?:\s+AS\s+""?(?<alias>\w+)""?)?", RegexOptions.IgnoreCase)]
    private static partial Regex TableReference();

    [GeneratedRegex(@"\(DateStart,(Event)?Id\)[<>]|DateStart[<>]\?")]
    private static partial Regex CursorBound();
}
