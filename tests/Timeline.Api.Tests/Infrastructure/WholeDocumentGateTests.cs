using System.Collections.Concurrent;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Timeline.Api.Tests.Infrastructure;

/// <summary>
/// Whole documents (exports, widget, pages) are built a few at a time, so that a burst of uncached exports cannot
/// multiply the process's memory. The tests hold the gate's only permit themselves, as a long build would.
/// </summary>
public sealed class WholeDocumentGateTests
{
    private static TimelineApiFactory Factory(int queue, ConcurrentQueue<ErrorResponseTests.LogEntry>? logs = null) => new()
    {
        Settings = new Dictionary<string, string>
        {
            ["Limits:ConcurrentDocuments"] = "1",
            ["Limits:DocumentQueue"] = queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
        TestServices = logs is null ? null : services => services.AddLogging(logging => logging.AddProvider(new ErrorResponseTests.Capture(logs))),
    };

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        for (var polls = 0; !condition(); polls++)
        {
            Assert.True(polls < 3000, what);
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task Export_WhileTheGateIsFullAndNoQueue_Is503WithRetryAfter_AndOthersStillAnswer()
    {
        using var factory = Factory(queue: 0);
        using var client = factory.CreateClient();
        var cached = new Uri("/api/v1/timelines/union-state/events.csv", UriKind.Relative);
        using (var warm = await client.GetAsync(cached))
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);

        var gate = factory.Services.GetRequiredService<ConcurrencyLimiter>();
        using (var build = gate.AttemptAcquire())
        {
            Assert.True(build.IsAcquired);

            using var refused = await client.GetAsync(new Uri("/api/v1/timelines/union-state/calendar.ics", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
            Assert.True(refused.Headers.CacheControl?.NoStore);
            Assert.Contains("try again", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            using var widget = await client.GetAsync(new Uri("/embed/union-state", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, widget.StatusCode);

            // A document already in the output cache is not built again, so it does not wait for a turn.
            using var fromCache = await client.GetAsync(cached);
            Assert.Equal(HttpStatusCode.OK, fromCache.StatusCode);

            // JSON reads are pages, not whole documents: never gated.
            using var list = await client.GetAsync(new Uri("/api/v1/events?limit=5", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        }

        using var afterwards = await client.GetAsync(new Uri("/api/v1/timelines/union-state/calendar.ics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
        Assert.StartsWith("BEGIN:VCALENDAR", await afterwards.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_WhileTheGateIsFull_WaitsInTheQueue_AndIsBuiltWhenATurnFrees()
    {
        using var factory = Factory(queue: 4);
        using var client = factory.CreateClient();
        var gate = factory.Services.GetRequiredService<ConcurrencyLimiter>();

        var build = gate.AttemptAcquire();
        Assert.True(build.IsAcquired);
        var waiting = client.GetAsync(new Uri("/api/v1/timelines/union-state/feed.atom", UriKind.Relative));
        await UntilAsync(() => gate.GetStatistics()!.CurrentQueuedCount == 1, "the export never joined the queue");

        Assert.False(waiting.IsCompleted);

        build.Dispose();
        using var response = await waiting;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<feed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, gate.GetStatistics()!.CurrentAvailablePermits);
    }

    [Fact]
    public async Task Export_WhoseClientHangsUpWhileQueued_LeavesTheQueue_AndNothingIsLoggedAsAnError()
    {
        var logs = new ConcurrentQueue<ErrorResponseTests.LogEntry>();
        using var factory = Factory(queue: 4, logs);
        using var client = factory.CreateClient();
        var gate = factory.Services.GetRequiredService<ConcurrencyLimiter>();

        using (var build = gate.AttemptAcquire())
        {
            Assert.True(build.IsAcquired);
            using var hangUp = new CancellationTokenSource();
            var waiting = client.GetAsync(new Uri("/api/v1/timelines/union-state/timelinejs", UriKind.Relative), hangUp.Token);
            await UntilAsync(() => gate.GetStatistics()!.CurrentQueuedCount == 1, "the export never joined the queue");
            await hangUp.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
            await UntilAsync(() => gate.GetStatistics()!.CurrentQueuedCount == 0, "the abandoned request stayed in the queue");
        }

        Assert.Equal(1, gate.GetStatistics()!.CurrentAvailablePermits);
        using var next = await client.GetAsync(new Uri("/api/v1/timelines/union-state/timelinejs", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        // The abandoned request's empty answer was not stored by the output cache as the document.
        Assert.Contains("\"events\"", await next.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(next.Headers.ETag);
        Assert.DoesNotContain(logs, entry => entry.Level >= LogLevel.Error);
    }
}
