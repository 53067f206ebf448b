using System.Globalization;
using System.Net;
using System.Text.Json;
using Timeline.Api.Data.Import;
using Timeline.Api.Domain;
using Timeline.Api.Tests.Infrastructure;

namespace Timeline.Api.Tests.Data;

/// <summary>The fact-check desk's gate on data/: what a reader sees first must be sourced and consistent.</summary>
[Collection(BundledData.Name)]
public sealed class BundledDataQualityTests(TimelineApiFactory factory)
{
    private static readonly IReadOnlyList<DataFile> Files = DataSetReader.Read(TimelineApiFactory.DataFolder, KnownSlugs.None);

    private static IEnumerable<EventData> Events => Files.SelectMany(f => f.Content.Events ?? []);

    private static IEnumerable<CommitmentData> Commitments => Files.SelectMany(f => f.Content.Commitments ?? []);

    [Fact]
    public void EveryEvent_HasASourceWithAnAbsoluteHttpUrl()
    {
        Assert.All(Events, e =>
        {
            Assert.NotEmpty(e.Sources);
            Assert.All(e.Sources, s => AssertHttpUrl(s.Url));
        });
    }

    [Fact]
    public void EveryCommitment_HasAHistoryOfSourcedAssessmentsInDateOrder()
    {
        Assert.All(Commitments, c =>
        {
            Assert.NotEmpty(c.Assessments);
            Assert.All(c.Assessments, a => Assert.All(a.Sources, s => AssertHttpUrl(s.Url)));
            var ends = c.Assessments.Select(a => EdtfDate.Parse(a.Date).End).ToList();
            Assert.Equal(ends.Order(), ends);
        });
    }

    [Fact]
    public void LowConfidenceFacts_SayWhy()
    {
        var low = Events.Where(e => e.Confidence == "low").Select(e => (e.Slug, e.Note))
            .Concat(Commitments.SelectMany(c => c.Assessments.Where(a => a.Confidence == "low").Select(a => ($"{c.Slug}@{a.Date}", a.Note))));
        Assert.All(low, fact => Assert.False(string.IsNullOrWhiteSpace(fact.Note), $"{fact.Item1} is low-confidence without a note"));
    }

    [Fact]
    public void TheArticlesEventsAndPromises_AreAllThere()
    {
        var events = Events.Select(e => e.Slug).ToHashSet();
        Assert.Contains("1999-12-08-union-state-treaty", events);
        Assert.Contains("2019-12-06-prime-ministers-sochi", events);
        Assert.Contains("2019-12-08-integration-plan-signing", events);
        Assert.Contains("2019-12-09-normandy-summit-paris", events);
        Assert.Contains("2019-04-02-vtsiom-poll", events);

        var commitments = Commitments.Select(c => c.Slug).ToHashSet();
        string[] promised = ["single-constitution", "single-currency", "union-state-court", "union-parliament", "joint-defence", "joint-presidential-elections"];
        Assert.All(promised, slug => Assert.Contains(slug, commitments));

        var poll = Events.Single(e => e.Slug == "2019-04-02-vtsiom-poll");
        Assert.Contains("35%", poll.Summary, StringComparison.Ordinal);
    }

    /// <summary>
    /// Every commitment of /work/shared/facts/union-state.md section 2 with its "Status (latest)", mapped to the
    /// status vocabulary: not materialised (also "postponed indefinitely", "partial harmonisation instead")
    /// → stalled; materialised (and deepened, or in another form) → materialised; partially materialised →
    /// partially-materialised; abandoned → abandoned. The 2019 integration plan ("not met on the date; later partly
    /// through the 2021 programmes") and the Normandy commitments ("prisoner exchange materialised; the rest
    /// failed") are read as partially-materialised. One reading departs from the sheet's own label: the single
    /// energy policy is "partially materialised" there, but the evidence it lists has nothing in force or operating
    /// (an electricity treaty signed, a Belarusian ratification bill, gas and oil still to come), which data/README.md
    /// calls in-progress.
    /// </summary>
    public static TheoryData<string, string> FactSheetStatuses => new()
    {
        { "single-constitution", "stalled" },
        { "single-currency", "stalled" },
        { "union-state-court", "stalled" },
        { "union-parliament", "stalled" },
        { "joint-defence", "materialised" },
        { "coordinated-foreign-policy", "partially-materialised" },
        { "coordinated-economic-policy", "partially-materialised" },
        { "joint-presidential-elections", "abandoned" },
        { "single-tax-code", "stalled" },
        { "unified-customs", "partially-materialised" },
        { "single-energy-policy", "in-progress" },
        { "eu-food-embargo", "materialised" },
        { "tax-manoeuvre-compensation", "partially-materialised" },
        { "integration-plan-2019", "partially-materialised" },
        { "normandy-commitments-2019", "partially-materialised" },
    };

    [Fact]
    public async Task Scorecard_Today_HasExactlyTheFactSheetsFifteenCommitments()
    {
        var scorecard = await factory.GetJsonAsync<JsonElement>("/api/v1/timelines/union-state/scorecard");

        var slugs = scorecard.GetProperty("commitments").EnumerateArray().Select(c => c.Str("slug")).Order(StringComparer.Ordinal);
        Assert.Equal(FactSheetStatuses.Select(row => (string)row[0]).Order(StringComparer.Ordinal), slugs);
        Assert.Equal(15, scorecard.GetProperty("total").GetInt32());
    }

    [Theory]
    [MemberData(nameof(FactSheetStatuses))]
    public async Task Scorecard_Today_MatchesTheFactSheetsLatestStatus(string commitment, string status)
    {
        var scorecard = await factory.GetJsonAsync<JsonElement>("/api/v1/timelines/union-state/scorecard");

        var entry = Assert.Single(scorecard.GetProperty("commitments").EnumerateArray(), c => c.Str("slug") == commitment);
        Assert.Equal(status, entry.Str("status"));
        Assert.Equal(status, Commitments.Single(c => c.Slug == commitment).Assessments[^1].Status);
    }

    [Theory]
    [InlineData("2004-12-31", "in-progress")]
    [InlineData("2019-12-08", "stalled")]
    [InlineData("today", "stalled")]
    public async Task SingleCurrency_AsOf_ReturnsTheStatusRecordedUpToThatDate(string asOf, string expected)
    {
        var day = asOf == "today" ? DateOnly.FromDateTime(DateTime.UtcNow) : DateOnly.Parse(asOf, CultureInfo.InvariantCulture);
        var recorded = Commitments.Single(c => c.Slug == "single-currency").Assessments
            .Where(a => EdtfDate.Parse(a.Date).End <= day)
            .Last();

        var page = await factory.GetJsonAsync<JsonElement>($"/api/v1/timelines/union-state/commitments?limit=200&asOf={day:yyyy-MM-dd}");

        var currency = Assert.Single(page.Items(), c => c.Str("slug") == "single-currency");
        Assert.Equal(expected, recorded.Status);
        Assert.Equal(expected, currency.Str("status"));
        Assert.Equal(recorded.Date, currency.GetProperty("statusDate").Str("edtf"));
    }

    [Fact]
    public async Task EveryRelatedEvent_Resolves_InTheFilesAndOverHttp()
    {
        var slugs = Events.Select(e => e.Slug).ToHashSet(StringComparer.Ordinal);
        var relations = Events.SelectMany(e => (e.Related ?? []).Select(r => (From: e.Slug, To: r.Event, r.Relation))).ToList();
        Assert.NotEmpty(relations);
        Assert.All(relations, r => Assert.True(slugs.Contains(r.To), $"{r.From} is {r.Relation} '{r.To}', which is not an event"));

        foreach (var group in relations.GroupBy(r => r.From))
        {
            var detail = await factory.GetJsonAsync<JsonElement>($"/api/v1/events/{group.Key}");
            var outgoing = detail.GetProperty("related").EnumerateArray()
                .Where(r => r.Str("direction") == "outgoing")
                .Select(r => (r.GetProperty("event").Str("slug"), r.Str("relation")))
                .ToHashSet();
            Assert.All(group, r => Assert.Contains((r.To, r.Relation), outgoing));
        }
    }

    [Fact]
    public async Task EveryQuotesSpeaker_IsAnActor()
    {
        var actors = Files.SelectMany(f => f.Content.Actors ?? []).Select(a => a.Slug).ToHashSet(StringComparer.Ordinal);
        var quotes = Files.SelectMany(f => f.Content.Quotes ?? []).ToList();
        Assert.NotEmpty(quotes);
        Assert.All(quotes, q => Assert.True(actors.Contains(q.Speaker), $"quote {q.Slug}: no actor '{q.Speaker}'"));

        using var client = factory.CreateClient();
        foreach (var speaker in quotes.Select(q => q.Speaker).Distinct())
        {
            using var response = await client.GetAsync(new Uri($"/api/v1/actors/{speaker}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public void EveryDateInTheFiles_IsARealDateAndIntervalsAreOrdered()
    {
        var dates = Events.Select(e => e.Date)
            .Concat(Commitments.SelectMany(c => c.Assessments.Select(a => a.Date)))
            .Concat(Commitments.Select(c => c.Due))
            .Concat(Files.SelectMany(f => f.Content.Quotes ?? []).Select(q => q.Date))
            .OfType<string>()
            .ToList();
        Assert.All(dates, d => Assert.True(EdtfDate.TryParse(d, out var date, out var error) && date.Start <= date.End, $"'{d}': {error}"));
    }

    [Fact]
    public void AFileWithAnIntervalThatEndsBeforeItStarts_IsRejectedAtItsLine()
    {
        var folder = Directory.CreateTempSubdirectory("timeline-quality-").FullName;
        try
        {
            var file = Path.Combine(folder, "reversed.yaml");
            File.WriteAllText(file, """
                timelines:
                  - slug: reversed-story
                    title: A story with a reversed interval
                timeline: reversed-story
                events:
                  - slug: reversed-interval
                    title: Ends before it starts
                    date: 2020/2019
                    kind: meeting
                    status: occurred
                    sources: [{ url: "https://example.org/a" }]
                """.Replace("\r\n", "\n", StringComparison.Ordinal));

            var exception = Assert.Throws<DataImportException>(() => DataSetReader.Read(file, KnownSlugs.None));

            var error = Assert.Single(exception.Errors);
            Assert.Equal($"{file}:8: /events/0/date: The interval ends before it starts.", error.ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void AssertHttpUrl(string url)
    {
        Assert.True(Uri.TryCreate(url, UriKind.Absolute, out var uri), $"'{url}' is not an absolute URL");
        Assert.True(uri.Scheme is "http" or "https", $"'{url}' is not http(s)");
    }
}
