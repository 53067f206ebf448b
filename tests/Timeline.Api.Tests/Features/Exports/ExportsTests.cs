using System.Net;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using CsvHelper;
using Ical.Net;
using Timeline.Api.Tests.Infrastructure;

namespace Timeline.Api.Tests.Features.Exports;

[Collection(BundledData.Name)]
public sealed class ExportsTests(TimelineApiFactory factory)
{
    private const string Base = "/api/v1/timelines/union-state";

    [Fact]
    public async Task Calendar_ParsesWithIcalNet_OneStableVEventPerEventAndDueDate()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri($"{Base}/calendar.ics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var calendar = Calendar.Load(text)!;

        var eventCount = (await AllEventsAsync(client)).Count;
        var vevents = calendar.Events.ToList();
        Assert.Equal(eventCount, vevents.Count(e => e.Uid!.StartsWith("event-", StringComparison.Ordinal)));
        Assert.Equal(5, vevents.Count(e => e.Uid!.StartsWith("commitment-due-", StringComparison.Ordinal)));
        Assert.Equal(vevents.Count, vevents.Select(e => e.Uid).Distinct(StringComparer.Ordinal).Count());

        // Day precision: an all-day event on that day.
        var treaty = vevents.Single(e => e.Uid == "event-1999-12-08-union-state-treaty@timeline");
        Assert.False(treaty.DtStart!.HasTime);
        Assert.Equal(new DateOnly(1999, 12, 8), treaty.DtStart.Date);
        Assert.Equal(new DateOnly(1999, 12, 9), treaty.DtEnd!.Date);
        Assert.Equal("CONFIRMED", treaty.Status);
        Assert.Equal(new Uri("http://localhost/events/1999-12-08-union-state-treaty"), treaty.Url);

        // The signing announced for 8 December 2019 never happened: tentative, and said so.
        var signing = vevents.Single(e => e.Uid == "event-2019-12-08-integration-plan-signing@timeline");
        Assert.Equal("TENTATIVE", signing.Status);
        Assert.Contains("never held", signing.Description, StringComparison.Ordinal);

        // Month precision (and approximate): spans the whole month, is not "busy", and says how well the date is known.
        var rouble = vevents.Single(e => e.Uid == "event-2003-04-rouble-common-currency@timeline");
        Assert.Equal(new DateOnly(2003, 4, 1), rouble.DtStart!.Date);
        Assert.Equal(new DateOnly(2003, 5, 1), rouble.DtEnd!.Date);
        Assert.Equal("TRANSPARENT", rouble.Transparency);
        Assert.Contains("known only to the month", rouble.Summary, StringComparison.Ordinal);
        Assert.Equal("2003-04~", rouble.Properties["X-TIMELINE-DATE"]?.Value);

        // Stable: the same bytes (UIDs and DTSTAMPs included) on every request.
        Assert.Equal(text, await client.GetStringAsync(new Uri($"{Base}/calendar.ics", UriKind.Relative)));
    }

    [Fact]
    public async Task Feed_ParsesAsAtom_NewestFirstWithStableIdsAndLinks()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri($"{Base}/feed.atom", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var reader = XmlReader.Create(stream);
        var formatter = new Atom10FeedFormatter();
        Assert.True(formatter.CanRead(reader));
        formatter.ReadFrom(reader);
        var feed = formatter.Feed;

        Assert.Equal("urn:timeline:timeline:union-state", feed.Id);
        var items = feed.Items.ToList();
        Assert.InRange(items.Count, 50, 100);
        var times = items.Select(i => i.LastUpdatedTime).ToList();
        Assert.Equal(times.OrderDescending(), times);
        Assert.Equal(items.Count, items.Select(i => i.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(items, i => i.Id.StartsWith("urn:timeline:commitment:", StringComparison.Ordinal));
        Assert.All(items, i =>
        {
            Assert.Contains(i.Links, l => l.RelationshipType == "alternate" && l.MediaType == "application/json" && l.Uri.AbsolutePath.StartsWith("/api/v1/", StringComparison.Ordinal));
            Assert.Contains(i.Links, l => l.RelationshipType == "related" && l.Uri.AbsolutePath == "/embed/union-state");
        });
        // Readers follow an entry to its public page (a treaty action's: the widget's treaties view).
        Assert.All(items.Where(i => i.Id.StartsWith("urn:timeline:treaty:", StringComparison.Ordinal)), i =>
            Assert.Contains(i.Links, l => l.RelationshipType == "alternate" && l.MediaType == "text/html" && l.Uri.PathAndQuery == "/embed/union-state?view=treaties"));
        Assert.All(items.Where(i => !i.Id.StartsWith("urn:timeline:change:", StringComparison.Ordinal) && !i.Id.StartsWith("urn:timeline:treaty:", StringComparison.Ordinal)), i =>
            Assert.Contains(i.Links, l => l.RelationshipType == "alternate" && l.MediaType == "text/html"
                && (l.Uri.AbsolutePath.StartsWith("/events/", StringComparison.Ordinal) || l.Uri.AbsolutePath.StartsWith("/commitments/", StringComparison.Ordinal))));
        Assert.Contains(feed.Links, l => l.RelationshipType == "alternate" && l.Uri.AbsolutePath == "/timelines/union-state");
        Assert.Contains(feed.Links, l => l.RelationshipType == "self" && l.Uri.AbsolutePath == $"{Base}/feed.atom");
    }

    [Fact]
    public async Task Feed_EventEntries_KeepTheirIdAcrossRequests()
    {
        using var client = factory.CreateClient();
        var first = await client.GetStringAsync(new Uri($"{Base}/feed.atom", UriKind.Relative));
        var second = await client.GetStringAsync(new Uri($"{Base}/feed.atom", UriKind.Relative));
        Assert.Equal(first, second);
        Assert.Contains("<id>urn:timeline:event:", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventsCsv_RoundTripsThroughACsvReader_WithTheListFilters()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri($"{Base}/events.csv?from=2019-12-01&to=2019-12-31", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var rows = ReadCsv(await response.Content.ReadAsByteArrayAsync());

        var json = (await (await client.GetAsync(new Uri($"{Base}/events?from=2019-12-01&to=2019-12-31&limit=200", UriKind.Relative))).JsonAsync())
            .Items().ToList();
        Assert.Equal(json.Select(e => e.Str("slug")), rows.Select(r => r["slug"]));
        Assert.Equal(json.Select(e => e.Str("title")), rows.Select(r => r["title"]));
        var signing = rows.Single(r => r["slug"] == "2019-12-08-integration-plan-signing");
        Assert.Equal("planned", signing["status"]);
        Assert.Equal("2019-12-08", signing["date"]);
        Assert.Contains("Dmitry Medvedev (", rows.Single(r => r["slug"] == "2019-12-06-prime-ministers-sochi")["actors"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommitmentsCsv_HasTheStatusAsOfADate()
    {
        using var client = factory.CreateClient();
        var rows = ReadCsv(await client.GetByteArrayAsync(new Uri($"{Base}/commitments.csv?asOf=2019-12-08", UriKind.Relative)));
        var json = (await (await client.GetAsync(new Uri($"{Base}/commitments?asOf=2019-12-08&limit=200", UriKind.Relative))).JsonAsync())
            .Items().ToList();
        Assert.Equal(json.Select(c => c.Str("slug")), rows.Select(r => r["slug"]));
        Assert.Equal(
            json.Select(c => c.GetProperty("status").ValueKind == System.Text.Json.JsonValueKind.Null ? "" : c.Str("status")),
            rows.Select(r => r["status"]));
    }

    [Fact]
    public async Task TreatiesCsv_HasEachPartysStatusAsOfADate_AndTreatyActionsCsv_EveryActionWithItsSources()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri($"{Base}/treaties.csv?asOf=2025-03-03", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var treaties = ReadCsv(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(10, treaties.Count);
        var security = treaties.Single(r => r["slug"] == "security-guarantees-treaty-2024");
        Assert.Equal("belarus: signed; russia: ratified", security["party_statuses"]);
        Assert.Equal("2024-12-06", security["signed_on"]);
        var union = treaties.Single(r => r["slug"] == "union-state-treaty-1999");
        Assert.Equal("true", union["in_force"]);
        Assert.Equal("2000-01-26", union["in_force_since"]);

        var actions = ReadCsv(await client.GetByteArrayAsync(new Uri($"{Base}/treaty-actions.csv", UriKind.Relative)));
        Assert.Equal(26, actions.Count);
        Assert.All(actions, a => Assert.StartsWith("http", a["sources"], StringComparison.Ordinal));
        var duma = actions.Single(a => a["treaty"] == "union-state-treaty-1999" && a["kind"] == "ratification" && a["party"] == "russia");
        Assert.Equal("State Duma", duma["body"]);
        Assert.Equal("1999-12-22", duma["date"]);
        var whole = actions.Single(a => a["treaty"] == "union-state-treaty-1999" && a["kind"] == "entry-into-force");
        Assert.Equal("", whole["party"]);
        var interval = actions.Single(a => a["treaty"] == "security-guarantees-treaty-2024" && a["party"] == "russia" && a["kind"] == "ratification");
        Assert.Equal(("2025-02-18", "2025-03-03"), (interval["date_start"], interval["date_end"]));
    }

    [Theory]
    [InlineData("/events.csv?from=2019-13-01", "from")]
    [InlineData("/commitments.csv?status=done", "status")]
    [InlineData("/treaties.csv?asOf=2025-02-30", "asOf")]
    public async Task Csv_BadFilter_Returns400NamingIt(string path, string field)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri(Base + path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((await response.JsonAsync()).FieldErrors(), e => e.Name == field);
    }

    [Theory]
    [InlineData("/api/v1/timelines/nope/events.csv")]
    [InlineData("/api/v1/timelines/nope/commitments.csv")]
    [InlineData("/api/v1/timelines/nope/treaties.csv")]
    [InlineData("/api/v1/timelines/nope/treaty-actions.csv")]
    [InlineData("/api/v1/timelines/nope/calendar.ics")]
    [InlineData("/api/v1/timelines/nope/feed.atom")]
    [InlineData("/api/v1/timelines/nope/timelinejs")]
    [InlineData("/embed/nope")]
    public async Task Export_UnknownTimeline_Returns404Problem(string url)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TimelineJs_HasATitleSlideAndOneSlidePerEventHonouringPrecision()
    {
        using var client = factory.CreateClient();
        var doc = await (await client.GetAsync(new Uri($"{Base}/timelinejs", UriKind.Relative))).JsonAsync();
        var slides = doc.GetProperty("events").EnumerateArray().ToList();
        // Event slides, then one slide per dated treaty action (their ids say which).
        var events = slides.Where(e => !e.Str("unique_id").StartsWith("treaty-", StringComparison.Ordinal)).ToList();
        Assert.Equal((await AllEventsAsync(client)).Count, events.Count);
        Assert.Equal("Belarus–Russia Union State", doc.GetProperty("title").GetProperty("text").Str("headline"));
        var actions = slides.Except(events).ToList();
        Assert.Equal(26, actions.Count);
        Assert.All(actions, a => Assert.Equal("Treaty actions", a.Str("group")));
        var russia = actions.Single(a => a.GetProperty("text").Str("headline") == "Security guarantees treaty: Russia, ratification");
        Assert.Equal(18, russia.GetProperty("start_date").GetProperty("day").GetInt32());
        Assert.Equal(3, russia.GetProperty("end_date").GetProperty("day").GetInt32());
        Assert.Contains("<a href=\"https://soyuz.by/", russia.GetProperty("text").Str("text"), StringComparison.Ordinal);

        var treaty = events.Single(e => e.Str("unique_id") == "1999-12-08-union-state-treaty");
        Assert.Equal(8, treaty.GetProperty("start_date").GetProperty("day").GetInt32());
        Assert.Equal("Treaty", treaty.Str("group"));

        var month = events.Single(e => e.Str("unique_id") == "2003-04-rouble-common-currency");
        Assert.Equal(4, month.GetProperty("start_date").GetProperty("month").GetInt32());
        Assert.False(month.GetProperty("start_date").TryGetProperty("day", out _));
        Assert.Equal("c. April 2003", month.Str("display_date"));

        var interval = events.Single(e => e.Str("unique_id").StartsWith("2000-06-26", StringComparison.Ordinal));
        Assert.Equal(27, interval.GetProperty("end_date").GetProperty("day").GetInt32());

        var signing = events.Single(e => e.Str("unique_id") == "2019-12-08-integration-plan-signing");
        Assert.Contains("never held", signing.GetProperty("text").Str("text"), StringComparison.Ordinal);
        // Every slide points its reader to the event's public page, where the sources are.
        Assert.All(events, e => Assert.Contains($"<a href=\"http://localhost/events/{e.Str("unique_id")}\">", e.GetProperty("text").Str("text"), StringComparison.Ordinal));
    }

    internal static async Task<List<string>> AllEventsAsync(HttpClient client)
    {
        var page = await (await client.GetAsync(new Uri($"{Base}/events?limit=200", UriKind.Relative))).JsonAsync();
        return [.. page.Items().Select(e => e.Str("slug"))];
    }

    internal static List<Dictionary<string, string>> ReadCsv(byte[] bytes)
    {
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes.Take(3));
        using var reader = CsvReader.Create(new MemoryStream(bytes), null, leaveOpen: false);
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            var headers = reader.Headers.ToList();
            rows.Add(headers.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => reader.GetString(x.i), StringComparer.Ordinal));
        }

        return rows;
    }
}
