using Microsoft.Extensions.Time.Testing;
using Timeline.Api.Domain;

namespace Timeline.Api.Tests.Domain;

public sealed class EventOutcomeTests
{
    [Theory]
    [InlineData(EventStatus.Planned, "2019-12-08", "2019-12-08", EventOutcome.Planned)]
    [InlineData(EventStatus.Planned, "2019-12-08", "2019-12-09", EventOutcome.NeverHeld)]
    [InlineData(EventStatus.Planned, "2019-12", "2019-12-31", EventOutcome.Planned)]
    [InlineData(EventStatus.Planned, "2019-12", "2020-01-01", EventOutcome.NeverHeld)]
    [InlineData(EventStatus.Planned, "2019-12-06/..", "2090-01-01", EventOutcome.Planned)]
    [InlineData(EventStatus.Occurred, "2019-12-08", "2030-01-01", EventOutcome.Occurred)]
    [InlineData(EventStatus.Cancelled, "2019-12-08", "2019-01-01", EventOutcome.Cancelled)]
    [InlineData(EventStatus.Postponed, "2019-12-08", "2030-01-01", EventOutcome.Postponed)]
    public void Of_APlannedEventWhoseLatestDayHasPassed_WasNeverHeld(EventStatus status, string date, string today, EventOutcome expected) =>
        Assert.Equal(expected, EventOutcomes.Of(status, EdtfDate.Parse(date), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Today_IsTheUtcDayOfTheInjectedClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2019, 12, 8, 23, 30, 0, TimeSpan.FromHours(-3)));
        Assert.Equal(new DateOnly(2019, 12, 9), clock.Today());
    }
}
