using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Timeline.Api.Tests.Infrastructure;

namespace Timeline.Api.Tests.Features.Reader;

/// <summary>
/// "Planned and past means never held" is decided once, by the injected clock: the widget, the event page's JSON-LD,
/// iCalendar and TimelineJS all change their words on the same day, with the app's TimeProvider set by the test.
/// </summary>
public sealed class NeverHeldTests : IDisposable
{
    private const string Signing = "2019-12-08-integration-plan-signing";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2019, 12, 8, 12, 0, 0, TimeSpan.Zero));
    private readonly TimelineApiFactory _factory;

    public NeverHeldTests() => _factory = new TimelineApiFactory { TestServices = services => services.AddSingleton<TimeProvider>(_clock) };

    [Fact]
    public async Task APlannedEvent_OnItsDayIsPlanned_AndTheDayAfterIsNeverHeldEverywhere()
    {
        Assert.Equal(("planned", false), await WordsAsync());

        _clock.Advance(TimeSpan.FromDays(1));

        Assert.Equal(("never-held", true), await WordsAsync());
    }

    /// <summary>The widget's badge, and whether the page, the calendar and TimelineJS all say "never held".</summary>
    private async Task<(string Badge, bool NeverHeld)> WordsAsync()
    {
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.CacheControl = new() { NoCache = true };
        var widget = await client.GetStringAsync(new Uri($"/embed/union-state?from=2019-12-08&to=2019-12-08&test-cache={_clock.GetUtcNow().Ticks}", UriKind.Relative));
        var badge = widget.Contains("tl-badge-never-held", StringComparison.Ordinal) ? "never-held"
            : widget.Contains("tl-badge-planned", StringComparison.Ordinal) ? "planned" : "none";
        var page = await client.GetStringAsync(new Uri($"/events/{Signing}?test-cache={_clock.GetUtcNow().Ticks}", UriKind.Relative));
        var calendar = await client.GetStringAsync(new Uri($"/api/v1/timelines/union-state/calendar.ics?test-cache={_clock.GetUtcNow().Ticks}", UriKind.Relative));
        var timelineJs = await client.GetStringAsync(new Uri($"/api/v1/timelines/union-state/timelinejs?test-cache={_clock.GetUtcNow().Ticks}", UriKind.Relative));
        var slide = JsonDocument.Parse(timelineJs).RootElement.GetProperty("events").EnumerateArray()
            .Single(e => e.GetProperty("unique_id").GetString() == Signing).GetProperty("text").Str("text");
        var uid = calendar.IndexOf($"UID:event-{Signing}", StringComparison.Ordinal);
        var begin = calendar.LastIndexOf("BEGIN:VEVENT", uid, StringComparison.Ordinal);
        var calendarEntry = calendar[begin..calendar.IndexOf("END:VEVENT", uid, StringComparison.Ordinal)];
        var said = new[]
        {
            EventStatusOnPage(page) == "https://schema.org/EventCancelled",
            calendarEntry.Replace("\r\n ", "", StringComparison.Ordinal).Contains("never held", StringComparison.Ordinal),
            slide.Contains("never held", StringComparison.Ordinal),
        };
        Assert.True(said.All(s => s) || said.All(s => !s), $"page, calendar and TimelineJS disagree: {string.Join(", ", said)}");
        return (badge, said[0]);
    }

    /// <summary>The schema.org status the event page's JSON-LD gives the event itself.</summary>
    private static string? EventStatusOnPage(string html)
    {
        const string open = "<script type=\"application/ld+json\">";
        var start = html.IndexOf(open, StringComparison.Ordinal) + open.Length;
        var json = html[start..html.IndexOf("</script>", start, StringComparison.Ordinal)];
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("eventStatus").GetString();
    }

    public void Dispose() => _factory.Dispose();
}
