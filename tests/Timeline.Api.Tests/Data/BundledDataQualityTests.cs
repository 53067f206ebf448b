using Timeline.Api.Data.Import;
using Timeline.Api.Domain;

namespace Timeline.Api.Tests.Data;

/// <summary>The fact-check desk's gate on data/: what a reader sees first must be sourced and consistent.</summary>
public sealed class BundledDataQualityTests
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

    private static void AssertHttpUrl(string url)
    {
        Assert.True(Uri.TryCreate(url, UriKind.Absolute, out var uri), $"'{url}' is not an absolute URL");
        Assert.True(uri.Scheme is "http" or "https", $"'{url}' is not http(s)");
    }
}
