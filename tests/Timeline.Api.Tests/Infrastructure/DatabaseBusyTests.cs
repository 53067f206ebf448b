using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Infrastructure.Auth;
using Timeline.Api.Tests.Features.Editing;

namespace Timeline.Api.Tests.Infrastructure;

/// <summary>
/// SQLite lets one writer in at a time. A write that waits its whole timeout for the lock is overload, not a fault:
/// it answers 503 with Retry-After, changes nothing and leaves its Idempotency-Key free for the retry. The test holds
/// the write lock itself from a second connection, as a long write of another process would.
/// </summary>
public sealed class DatabaseBusyTests
{
    [Fact]
    public async Task Write_WhileAnotherConnectionHoldsTheWriteLock_Is503WithRetryAfter_ChangesNothing_AndTheRetrySucceeds()
    {
        using var factory = new TimelineApiFactory { ForceSqlite = true, SqliteOptions = "Default Timeout=1" };
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        var slug = WriteClient.NewSlug("2026-11-20-busy");
        var key = Guid.NewGuid().ToString();

        await using (var other = new SqliteConnection($"Data Source={factory.DatabasePath}"))
        {
            await other.OpenAsync();
            await using var hold = other.CreateCommand();
            hold.CommandText = "BEGIN IMMEDIATE";
            await hold.ExecuteNonQueryAsync();

            using var busy = await client.SendAsync(HttpMethod.Post, "/api/v1/events", WriteClient.EventBody(slug), idempotencyKey: key);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
            Assert.Equal("application/problem+json", busy.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(1), busy.Headers.RetryAfter?.Delta);
            Assert.Contains("nothing was changed", await busy.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            hold.CommandText = "ROLLBACK";
            await hold.ExecuteNonQueryAsync();
        }

        Assert.False(await factory.WithDbAsync(db => db.Events.IgnoreQueryFilters().AnyAsync(e => e.Slug == slug)));

        using var retry = await client.SendAsync(HttpMethod.Post, "/api/v1/events", WriteClient.EventBody(slug), idempotencyKey: key);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        using var read = await client.GetAsync(new Uri($"/api/v1/events/{slug}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }
}
