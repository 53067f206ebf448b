using System.Net;
using System.Text.Json;

namespace Timeline.Api.Tests.Infrastructure;

/// <summary>With Redis configured, replicas count against one limit; with Redis gone, each counts for itself and serves on.</summary>
public sealed class SharedRateLimitTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task TwoReplicasOnOneRedis_ShareEachClientsReadLimit()
    {
        var instance = $"shared-{Guid.NewGuid():N}:";
        using var a = Replica(redis.ConnectionString, instance, readsPerMinute: 3);
        using var b = Replica(redis.ConnectionString, instance, readsPerMinute: 3);
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();

        var statuses = new[]
        {
            await StatusAsync(clientA), await StatusAsync(clientB), await StatusAsync(clientA), await StatusAsync(clientB),
        };
        using var limited = await clientA.GetAsync(new Uri($"/api/v1/timelines?limit={Interlocked.Increment(ref _reads) % 200 + 1}", UriKind.Relative));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        await ErrorResponseTests.AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task ReplicasWithDifferentInstanceNames_DoNotShare()
    {
        using var a = Replica(redis.ConnectionString, $"one-{Guid.NewGuid():N}:", readsPerMinute: 1);
        using var b = Replica(redis.ConnectionString, $"two-{Guid.NewGuid():N}:", readsPerMinute: 1);
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(clientA));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(clientB));
        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(clientA));
    }

    [Fact]
    public async Task RedisDown_RequestsAreServedAndLimitedPerProcess_AndReadinessNamesRedis()
    {
        // Nothing listens on this port: every Redis call fails at once.
        using var app = Replica($"127.0.0.1:{ApiProcess.FreePort()},connectTimeout=200", $"down-{Guid.NewGuid():N}:", readsPerMinute: 2);
        using var client = app.CreateClient();

        var statuses = new[] { await StatusAsync(client), await StatusAsync(client), await StatusAsync(client) };
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var health = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        var check = health.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "redis");
        Assert.Equal("Unhealthy", check.GetProperty("status").GetString());
        Assert.Equal("Redis does not answer.", check.GetProperty("description").GetString());
    }

    private static TimelineApiFactory Replica(string redisConnection, string instance, int readsPerMinute) => new()
    {
        ReadsPerMinute = readsPerMinute,
        Settings = new Dictionary<string, string> { ["ConnectionStrings:Redis"] = redisConnection, ["Cache:InstanceName"] = instance },
    };

    /// <summary>A read of a URL not read before (limit 1, 2, ...): a repeated one would be answered by the output cache, which is not counted.</summary>
    private static int _reads;

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri($"/api/v1/timelines?limit={Interlocked.Increment(ref _reads) % 200 + 1}", UriKind.Relative));
        return response.StatusCode;
    }
}
