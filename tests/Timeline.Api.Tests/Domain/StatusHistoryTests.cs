using Timeline.Api.Domain;

namespace Timeline.Api.Tests.Domain;

public sealed class StatusHistoryTests
{
    private static DateOnly Day(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static StatusEntry Entry(long id, CommitmentStatus status, string edtf, bool retracted = false)
    {
        var date = EdtfDate.Parse(edtf);
        return new StatusEntry(id, status, date.Start, date.End, retracted);
    }

    [Fact]
    public void AsOf_BeforeTheFirstEntry_IsNoStatus()
    {
        var history = new StatusHistory([Entry(1, CommitmentStatus.NotStarted, "2019-12-08")]);
        Assert.Null(history.AsOf(Day("2019-12-07")));
        Assert.Null(history.StatusAsOf(Day("2019-12-07")));
        Assert.Equal(CommitmentStatus.NotStarted, history.StatusAsOf(Day("2019-12-08")));
    }

    [Fact]
    public void AsOf_AMonthPrecisionEntry_CountsFromTheLastDayOfItsMonthOnly()
    {
        var history = new StatusHistory([Entry(1, CommitmentStatus.InProgress, "2019-01-10"), Entry(2, CommitmentStatus.Stalled, "2021-09")]);
        Assert.Equal(CommitmentStatus.InProgress, history.StatusAsOf(Day("2021-09-01")));
        Assert.Equal(CommitmentStatus.InProgress, history.StatusAsOf(Day("2021-09-29")));
        Assert.Equal(CommitmentStatus.Stalled, history.StatusAsOf(Day("2021-09-30")));
    }

    [Fact]
    public void AsOf_TheLatestEntryThatCounts_WinsWhateverTheOrderTheyWereGiven()
    {
        var history = new StatusHistory([
            Entry(3, CommitmentStatus.Materialised, "2024-05-01"),
            Entry(1, CommitmentStatus.NotStarted, "2019-12-08"),
            Entry(2, CommitmentStatus.Stalled, "2022"),
        ]);
        Assert.Equal([1L, 2L, 3L], history.Entries.Select(e => e.Id));
        Assert.Equal(CommitmentStatus.NotStarted, history.StatusAsOf(Day("2022-12-30")));
        Assert.Equal(CommitmentStatus.Stalled, history.StatusAsOf(Day("2022-12-31")));
        Assert.Equal(CommitmentStatus.Materialised, history.StatusAsOf(Day("2030-01-01")));
    }

    [Fact]
    public void AsOf_EntriesOnTheSameDay_TakeEffectInTheOrderTheyWereRecorded()
    {
        var history = new StatusHistory([Entry(8, CommitmentStatus.Abandoned, "2020-03-03"), Entry(5, CommitmentStatus.Stalled, "2020-03-03")]);
        Assert.Equal(CommitmentStatus.Abandoned, history.StatusAsOf(Day("2020-03-03")));
    }

    [Fact]
    public void AsOf_ARetractedEntry_StaysInTheHistoryButNeverCounts()
    {
        var history = new StatusHistory([Entry(1, CommitmentStatus.Stalled, "2019"), Entry(2, CommitmentStatus.Materialised, "2024", retracted: true)]);
        Assert.Equal(2, history.Entries.Count);
        Assert.Equal(CommitmentStatus.Stalled, history.StatusAsOf(Day("2025-01-01")));
        Assert.False(StatusHistory.Counts(history.Entries[1], Day("2030-01-01")));
    }

    [Fact]
    public void RunStartAsOf_IsTheFirstEntryOfTheLatestUnbrokenRun()
    {
        var history = new StatusHistory([
            Entry(1, CommitmentStatus.Stalled, "2019-01-01"),
            Entry(2, CommitmentStatus.InProgress, "2020-01-01"),
            Entry(3, CommitmentStatus.Stalled, "2021-01-01"),
            Entry(4, CommitmentStatus.Stalled, "2022-01-01"),
            Entry(5, CommitmentStatus.Materialised, "2023-01-01", retracted: true),
        ]);
        Assert.Equal(3, history.RunStartAsOf(Day("2024-01-01"))?.Id);
        Assert.Equal(2, history.RunStartAsOf(Day("2020-06-01"))?.Id);
        Assert.Null(history.RunStartAsOf(Day("2018-01-01")));
    }

    [Fact]
    public void Current_IsTheLatestEntryThatCounts_WhateverItsDate()
    {
        var history = new StatusHistory([
            Entry(1, CommitmentStatus.NotStarted, "2019"), Entry(2, CommitmentStatus.Materialised, "2090-06-01"),
            Entry(3, CommitmentStatus.Abandoned, "2095", retracted: true),
        ]);
        Assert.Equal(2, history.Current?.Id);
        Assert.Equal(1, history.AsOf(Day("2026-12-01"))?.Id);
    }

    [Fact]
    public void CountsOn_TheQueryForm_AgreesWithTheRuleForEveryEntry()
    {
        var assessments = new[]
        {
            Assessment(1, "2019-12", retracted: false), Assessment(2, "2021-09", retracted: false),
            Assessment(3, "2021-09-30", retracted: true), Assessment(4, "2021-10-01", retracted: false),
        };
        foreach (var day in new[] { Day("2019-12-30"), Day("2019-12-31"), Day("2021-09-30"), Day("2021-10-01") })
        {
            var counts = StatusHistory.CountsOn(day).Compile();
            foreach (var assessment in assessments)
                Assert.Equal(StatusHistory.Counts(StatusHistory.EntryOf(assessment), day), counts(assessment));
        }
    }

    private static Assessment Assessment(long id, string edtf, bool retracted)
    {
        var assessment = new Assessment
        {
            Id = id, Status = CommitmentStatus.Stalled, Summary = "s", RecordedBy = "test",
            RetractedAt = retracted ? DateTimeOffset.UnixEpoch : null,
        };
        assessment.SetDate(EdtfDate.Parse(edtf));
        return assessment;
    }
}
