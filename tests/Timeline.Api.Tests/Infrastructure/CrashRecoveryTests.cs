using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Tests.Features.Editing;
using Xunit.Abstractions;

namespace Timeline.Api.Tests.Infrastructure;

/// <summary>
/// <c>kill -9</c> of the real server (the built dll in a child process) while many clients POST events with
/// <c>Idempotency-Key</c>, three rounds on the same database: after each restart every write that was acknowledged is
/// there, once; every key whose answer the crash swallowed, retried with the same body, ends in the one committed
/// outcome (replayed) or a fresh success, never in a 409 once its lease is over; and every committed event is found
/// by <c>/search</c>.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output) : IDisposable
{
    private const int Clients = 32;
    private const int LeaseSeconds = 3;
    private static readonly int[] KillAfter = [1_000, 1_200, 1_400];

    private readonly string _folder = Directory.CreateTempSubdirectory("timeline-crash-").FullName;
    private TestDatabase? _database;

    private TestDatabase Database => _database ??= new TestDatabase(_folder);

    [Fact]
    public async Task Kill9_DuringConcurrentIdempotentWrites_LosesNoAcknowledgedWrite_AndEveryRetryEndsInTheCommittedOutcome()
    {
        var key = await CreateKeyAsync();
        var acknowledged = new ConcurrentDictionary<string, string>(); // idempotency key -> the Location of its 201
        var summary = new StringBuilder();

        for (var round = 0; round < KillAfter.Length; round++)
        {
            // Each round writes into a server that starts on the database the previous round's crash left behind.
            var unanswered = new ConcurrentDictionary<string, JsonObject>();
            var sent = new ConcurrentDictionary<string, JsonObject>();
            var roundAcknowledged = 0;
            var next = 0;
            var killedAt = DateTimeOffset.MaxValue;
            await using (var api = await StartAsync())
            {
                using var client = Client(api.BaseUri, key);
                using var stop = new CancellationTokenSource();
                var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var writers = Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
                {
                    while (!killed.Task.IsCompleted && next < 20_000)
                    {
                        var n = Interlocked.Increment(ref next);
                        var idempotencyKey = $"round-{round}-write-{n}";
                        var body = Body(round, n);
                        sent[idempotencyKey] = body;
                        try
                        {
                            using var response = await client.SendAsync(HttpMethod.Post, "/api/v1/events", body, idempotencyKey: idempotencyKey);
                            if (response.StatusCode == HttpStatusCode.Created)
                            {
                                acknowledged[idempotencyKey] = response.Headers.Location!.ToString();
                                if (Interlocked.Increment(ref roundAcknowledged) == KillAfter[round])
                                {
                                    api.Process.KillHard();
                                    killedAt = DateTimeOffset.UtcNow;
                                    killed.TrySetResult();
                                }
                            }
                            else
                            {
                                unanswered[idempotencyKey] = body;
                                Assert.Fail($"{idempotencyKey}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n"
                                    + $"The server's last lines:\n{string.Join('\n', api.Process.Lines.TakeLast(60))}");
                            }
                        }
                        catch (HttpRequestException)
                        {
                            unanswered[idempotencyKey] = body; // the crash took its answer (or it never arrived)
                        }
                        catch (TaskCanceledException)
                        {
                            unanswered[idempotencyKey] = body;
                        }
                    }
                })).ToList();
                await Task.WhenAll(writers);
                await api.Process.WaitForExitAsync();
            }

            // Restart on the same file; retry every key whose answer was lost, with the same key and body, as a client would.
            await using var restarted = await StartAsync();
            using var retrier = Client(restarted.BaseUri, key);
            // A 409 (another request holds the key) is to be waited out as its Retry-After says, but only while the lease of
            // a claim taken before the crash can still run: one after that is a key stuck for good.
            var statuses = new ConcurrentDictionary<string, HttpStatusCode>();
            var replayed = 0;
            var waited = 0;
            var leaseOver = killedAt + TimeSpan.FromSeconds(LeaseSeconds + 1);
            await Parallel.ForEachAsync(unanswered, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (write, _) =>
            {
                HttpResponseMessage response;
                while (true)
                {
                    response = await retrier.SendAsync(HttpMethod.Post, "/api/v1/events", write.Value, idempotencyKey: write.Key);
                    if (response.StatusCode != HttpStatusCode.Conflict || DateTimeOffset.UtcNow > leaseOver)
                        break;
                    Interlocked.Increment(ref waited);
                    var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                    response.Dispose();
                    await Task.Delay(wait, CancellationToken.None);
                }

                using var answered = response;
                statuses[write.Key] = response.StatusCode;
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    acknowledged[write.Key] = response.Headers.Location!.ToString();
                    if (response.Headers.Contains("Idempotent-Replayed"))
                        Interlocked.Increment(ref replayed);
                }
            });

            // A sample of the acknowledged keys answers its committed outcome again, and creates nothing more.
            foreach (var (idempotencyKey, location) in acknowledged.Where(a => a.Key.StartsWith($"round-{round}-", StringComparison.Ordinal)).Take(20))
            {
                using var again = await retrier.SendAsync(HttpMethod.Post, "/api/v1/events", sent[idempotencyKey], idempotencyKey: idempotencyKey);
                Assert.Equal(HttpStatusCode.Created, again.StatusCode);
                Assert.Equal(location, again.Headers.Location?.ToString());
                Assert.True(again.Headers.Contains("Idempotent-Replayed"));
            }

            var line = $"round {round + 1}: killed after {KillAfter[round]} acknowledgements ({sent.Count} writes sent by {Clients} clients); "
                + $"{unanswered.Count} answers lost in the crash, retried: {statuses.Count(s => s.Value == HttpStatusCode.Created)} 201 "
                + $"({replayed} replayed committed outcomes, {statuses.Count(s => s.Value == HttpStatusCode.Created) - replayed} fresh), "
                + $"{statuses.Count(s => s.Value == HttpStatusCode.Conflict)} 409 after the lease ({waited} waits within it), "
                + $"{statuses.Count(s => (int)s.Value >= 500)} 5xx";
            output.WriteLine(line);
            summary.AppendLine(line);
            Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s.Value));

            // Nothing acknowledged is lost, nothing is written twice, and search finds every event there is.
            var slugs = acknowledged.Values.Select(location => location[(location.LastIndexOf('/') + 1)..]).ToList();
            await using (var db = Database.CreateContext())
            {
                var stored = await db.Events.Where(e => e.Slug.StartsWith("crash-")).Select(e => e.Slug).ToListAsync();
                Assert.Empty(slugs.Except(stored));
                Assert.Equal(stored.Count, stored.Distinct().Count());
                Assert.Equal(acknowledged.Count, stored.Count); // every key that committed was answered, after the retries
                Assert.Equal(0, await db.IdempotencyRecords.CountAsync(r => r.StatusCode == 0));
            }

            // Every committed event is in the search index: the events list filtered by the word reads its matches from the
            // index to the end (/search itself ranks only the newest matches of each kind, so it cannot list thousands);
            // and /search finds the events committed last before the kill, each by the word of its own.
            var found = await MatchingEventsAsync(retrier, "quarkwell");
            Assert.Empty(slugs.Except(found));
            foreach (var slug in acknowledged.Where(a => a.Key.StartsWith($"round-{round}-", StringComparison.Ordinal))
                         .Select(a => a.Value[(a.Value.LastIndexOf('/') + 1)..]).Order(StringComparer.Ordinal).TakeLast(20))
            {
                var hits = JsonNode.Parse(await retrier.GetStringAsync(new Uri($"/api/v1/search?q={OwnWord(slug)}&kind=event", UriKind.Relative)))!;
                Assert.Contains(slug, hits["items"]!.AsArray().Select(i => i!["slug"]!.GetValue<string>()));
            }

            output.WriteLine($"  {slugs.Count} events committed in all, {found.Count} found in the search index");
        }
    }

    private static JsonObject Body(int round, int n)
    {
        var body = WriteClient.EventBody($"crash-{round}-{n}");
        body["summary"] = $"A quarkwell event written before a crash, round {round}, write {n}, {OwnWord($"crash-{round}-{n}")}.";
        body["related"] = new JsonArray();
        // Each write cites a source of its own: writes racing to create one new source are another test's matter.
        body["sources"] = new JsonArray(new JsonObject { ["url"] = $"https://example.org/news/crash-{round}-{n}" });
        return body;
    }

    private static HttpClient Client(Uri baseUri, string key)
    {
        var client = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return client;
    }

    /// <summary>A word no other event has: "crash-1-17" → "zq1x17".</summary>
    private static string OwnWord(string slug) => "zq" + slug["crash-".Length..].Replace('-', 'x');

    private static async Task<HashSet<string>> MatchingEventsAsync(HttpClient client, string word)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var url = $"/api/v1/events?q={word}&limit=200" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = JsonNode.Parse(await client.GetStringAsync(new Uri(url, UriKind.Relative)))!;
            foreach (var item in page["items"]!.AsArray())
                found.Add(item!["slug"]!.GetValue<string>());
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        return found;
    }

    private async Task<RunningApi> StartAsync()
    {
        var process = ApiProcess.Start(
        [
            "--urls", "http://127.0.0.1:0",
            .. Database.Arguments,
            $"--Database:DataPath={TimelineApiFactory.DataFolder}",
            "--Limits:ReadsPerMinute=1000000",
            "--Limits:WritesPerMinute=1000000",
            $"--Idempotency:LeaseSeconds={LeaseSeconds}",
        ], _folder);
        var baseUri = await process.ListeningAsync();
        await process.WaitForLineAsync(l => l.Contains("Swagger UI:", StringComparison.Ordinal));
        return new RunningApi(process, baseUri);
    }

    private async Task<string> CreateKeyAsync()
    {
        var (code, verb) = await ApiProcess.RunAsync(["keys", "create", "--name", "crash-test", "--role", "editor", .. Database.Arguments], _folder);
        await using (verb)
        {
            Assert.True(code == 0, verb.Output);
            return verb.StandardOutput.Single(l => l.StartsWith("tl_", StringComparison.Ordinal));
        }
    }

    public void Dispose()
    {
        _database?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private sealed record RunningApi(ApiProcess Process, Uri BaseUri) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Process.DisposeAsync();
    }
}
