using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Timeline.Api.Infrastructure.Auth;
using Timeline.Api.Infrastructure.Idempotency;
using Timeline.Api.Tests.Features.Editing;

namespace Timeline.Api.Tests.Infrastructure;

/// <summary>
/// An <c>Idempotency-Key</c> claim is a lease: while it runs a retry is told to wait, once it is over a claim whose
/// write never committed is taken afresh; outcomes are kept for the retention and then purged. Time is the app's
/// injected clock, moved by the test.
/// </summary>
public sealed class IdempotencyLeaseTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly TimelineApiFactory _factory;

    public IdempotencyLeaseTests() => _factory = new TimelineApiFactory { TestServices = services => services.AddSingleton<TimeProvider>(_clock) };

    [Fact]
    public async Task AClaimWhoseWriteNeverCommitted_IsWaitedForDuringItsLease_AndTakenAfresh_AfterIt()
    {
        var keyName = $"editor-{Guid.NewGuid():N}";
        using var client = _factory.CreateClient(await _factory.CreateKeyAsync(ApiKeyRole.Editor, keyName));
        var body = WriteClient.EventBody(WriteClient.NewSlug("2026-12-01-lease"));
        _clock.Advance(TimeSpan.FromSeconds(1)); // after this process started: only the lease can free the claim
        // A claim as a request leaves it when its process dies mid-write: pending, no outcome, nothing committed.
        await _factory.WithDbAsync(async db =>
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                KeyName = keyName, IdempotencyKey = "lease-1", RequestHash = "from-a-request-that-died", StatusCode = IdempotencyRecord.Pending,
                CreatedAt = _clock.GetUtcNow(),
            });
            return await db.SaveChangesAsync();
        });

        _clock.Advance(TimeSpan.FromSeconds(30));
        using var during = await client.SendAsync(HttpMethod.Post, "/api/v1/events", body, idempotencyKey: "lease-1");
        Assert.Equal(HttpStatusCode.Conflict, during.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), during.Headers.RetryAfter?.Delta);

        _clock.Advance(TimeSpan.FromSeconds(31));
        using var after = await client.SendAsync(HttpMethod.Post, "/api/v1/events", body, idempotencyKey: "lease-1");
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
        Assert.False(after.Headers.Contains("Idempotent-Replayed"));

        using var retried = await client.SendAsync(HttpMethod.Post, "/api/v1/events", body, idempotencyKey: "lease-1");
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.True(retried.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(await after.Content.ReadAsStringAsync(), await retried.Content.ReadAsStringAsync());
        Assert.Equal(1, await _factory.WithDbAsync(db => db.Events.CountAsync(e => e.Slug == body["slug"]!.GetValue<string>())));
    }

    [Fact]
    public async Task Outcomes_AreKeptForTheRetention_ThenPurged_AndTheKeyIsFreeAgain()
    {
        var keyName = $"editor-{Guid.NewGuid():N}";
        using var client = _factory.CreateClient(await _factory.CreateKeyAsync(ApiKeyRole.Editor, keyName));
        var first = WriteClient.EventBody(WriteClient.NewSlug("2026-12-01-kept"));
        var second = WriteClient.EventBody(WriteClient.NewSlug("2026-12-01-next"));
        using (var created = await client.SendAsync(HttpMethod.Post, "/api/v1/events", first, idempotencyKey: "kept-1"))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        _clock.Advance(TimeSpan.FromHours(23));
        using (var reused = await client.SendAsync(HttpMethod.Post, "/api/v1/events", second, idempotencyKey: "kept-1"))
            Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode); // still the first request's key

        _clock.Advance(TimeSpan.FromHours(2));
        var purge = _factory.Services.GetServices<IHostedService>().OfType<IdempotencyPurge>().Single();
        await purge.PurgeAsync(CancellationToken.None); // the job's own timer may have been first, on the clock's move
        Assert.False(await _factory.WithDbAsync(db => db.IdempotencyRecords.AnyAsync(r => r.KeyName == keyName)));

        using var fresh = await client.SendAsync(HttpMethod.Post, "/api/v1/events", second, idempotencyKey: "kept-1");
        Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);
        Assert.False(fresh.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task AnExpiredOutcomeNotYetPurged_IsNotReplayed()
    {
        using var client = _factory.CreateClient(await _factory.CreateKeyAsync(ApiKeyRole.Editor));
        var first = WriteClient.EventBody(WriteClient.NewSlug("2026-12-01-old"));
        var second = WriteClient.EventBody(WriteClient.NewSlug("2026-12-01-new"));
        using (var created = await client.SendAsync(HttpMethod.Post, "/api/v1/events", first, idempotencyKey: "old-1"))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        _clock.Advance(TimeSpan.FromHours(24));
        using var fresh = await client.SendAsync(HttpMethod.Post, "/api/v1/events", second, idempotencyKey: "old-1");
        Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);
        Assert.Equal(second["slug"]!.GetValue<string>(), (await fresh.JsonAsync()).Str("slug"));
    }

    public void Dispose() => _factory.Dispose();
}
