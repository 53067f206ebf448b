using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Timeline.Api.Tests.Infrastructure;

/// <summary>
/// SIGTERM to the real server (the built dll in a child process) while uploads are half sent and readers and writers
/// keep going: it stops accepting connections, answers every request it had started, keeps every write it acknowledged,
/// and exits 0. Which requests the server had started is read from its own log ("Request starting ..."), so nothing
/// here depends on timing.
/// </summary>
public sealed partial class GracefulShutdownTests(ITestOutputHelper output) : IDisposable
{
    private const int Uploads = 8;
    private const int Readers = 3;
    private const int Writers = 2;

    private readonly string _folder = Directory.CreateTempSubdirectory("timeline-shutdown-").FullName;
    private TestDatabase? _database;

    private TestDatabase Database => _database ??= new TestDatabase(_folder);

    [Fact]
    public async Task Sigterm_DuringUploadsReadsAndWrites_AnswersEveryStartedRequestKeepsEveryAcknowledgedWriteAndExits0()
    {
        var key = await CreateKeyAsync();
        await using var api = ApiProcess.Start([.. ServerArguments, "--shutdownTimeoutSeconds=120"], _folder);
        var baseUri = await api.ListeningAsync();
        await api.WaitForLineAsync(l => l.Contains("Swagger UI:", StringComparison.Ordinal));
        using var client = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(3) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);

        // Uploads: headers and half of each body sent, the rest held back until after SIGTERM.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var uploads = Enumerable.Range(0, Uploads).Select(i => UploadAsync(client, i, release.Task)).ToList();

        // A stream of reads and writes, each request tagged n=<id> so the server's log says which ones it started.
        var outcomes = new ConcurrentDictionary<int, string>();
        var next = 0;
        using var stop = new CancellationTokenSource();
        var loops = Enumerable.Range(0, Readers).Select(r => LoopAsync(() => ReadAsync(client, Interlocked.Increment(ref next), r, outcomes), stop.Token))
            .Concat(Enumerable.Range(0, Writers).Select(_ => LoopAsync(() => WriteAsync(client, Interlocked.Increment(ref next), outcomes), stop.Token)))
            .ToList();

        // Every upload is in the server's hands, and the stream is flowing.
        foreach (var i in Enumerable.Range(0, Uploads))
            await api.WaitForLineAsync(l => l.Contains("Request starting", StringComparison.Ordinal) && l.Contains($"/api/v1/actors?upload={i} ", StringComparison.Ordinal));
        while (outcomes.Count < 20)
            await Task.Delay(20);

        api.Terminate();
        await api.WaitForLineAsync(l => l.Contains("Stopping: no new connections; requests in flight have up to 120 s", StringComparison.Ordinal));
        await WaitUntilRefusedAsync(baseUri);

        // The server no longer accepts connections; the uploads it had started still finish.
        release.SetResult();
        var uploaded = await Task.WhenAll(uploads);
        await stop.CancelAsync();
        await Task.WhenAll(loops);
        var exitCode = await api.WaitForExitAsync();

        var started = StartedRequests(api.Lines);
        var unanswered = outcomes.Where(o => started.Contains(o.Key) && !o.Value.StartsWith("HTTP ", StringComparison.Ordinal)).ToList();
        var acknowledged = outcomes.Where(o => o.Value == "HTTP 201").Select(o => o.Key).ToList();
        output.WriteLine($"uploads: {uploaded.Count(s => s == HttpStatusCode.Created)}/{Uploads} answered 201; stream: {outcomes.Count} requests, "
            + $"{outcomes.Count(o => started.Contains(o.Key))} started by the server, {unanswered.Count} of those unanswered, "
            + $"{outcomes.Count(o => !started.Contains(o.Key))} never reached it (connection refused or closed while idle); "
            + $"{acknowledged.Count} writes acknowledged; exit code {exitCode}");

        Assert.All(uploaded, status => Assert.Equal(HttpStatusCode.Created, status));
        Assert.Empty(unanswered);
        Assert.Equal(0, exitCode);
        Assert.DoesNotContain(api.Lines, l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal));

        // Every acknowledged write is in the database.
        var slugs = acknowledged.Select(n => $"stream-{n}").Concat(Enumerable.Range(0, Uploads).Select(i => $"upload-{i}")).ToList();
        await using var db = Database.CreateContext();
        Assert.Equal(slugs.Count, await db.Actors.CountAsync(a => slugs.Contains(a.Slug)));
    }

    [Fact]
    public async Task Sigterm_WithAnUploadThatOutlastsTheDrainTime_ExitsAfterItAnyway()
    {
        await using var api = ApiProcess.Start([.. ServerArguments, "--shutdownTimeoutSeconds=1"], _folder);
        var baseUri = await api.ListeningAsync();

        // An upload of ~1 MB sent at ~10 kB/s (above Kestrel's minimum data rate): it would take 100 s.
        using var socket = new TcpClient();
        await socket.ConnectAsync(baseUri.Host, baseUri.Port);
        var stream = socket.GetStream();
        const int length = 1_000_000;
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /api/v1/actors?upload=slow HTTP/1.1\r\nHost: {baseUri.Authority}\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"));
        var sent = 0;
        using var trickle = new CancellationTokenSource();
        var sending = Task.Run(async () =>
        {
            var chunk = new byte[2000];
            Array.Fill(chunk, (byte)' ');
            try
            {
                while (sent < length - chunk.Length && !trickle.IsCancellationRequested)
                {
                    await stream.WriteAsync(chunk);
                    sent += chunk.Length;
                    await Task.Delay(200);
                }
            }
            catch (IOException)
            {
                // The server closed the connection: what this test expects.
            }
        });
        await api.WaitForLineAsync(l => l.Contains("Request starting", StringComparison.Ordinal) && l.Contains("upload=slow", StringComparison.Ordinal));

        api.Terminate();
        var exitCode = await api.WaitForExitAsync(TimeSpan.FromSeconds(90));
        await trickle.CancelAsync();
        await sending;

        Assert.Equal(0, exitCode);
        Assert.Contains(api.Lines, l => l.Contains("requests in flight have up to 1 s", StringComparison.Ordinal));
        Assert.True(sent < length - 2000, $"the upload finished ({sent} of {length} bytes) before the process exited");
    }

    private IReadOnlyList<string> ServerArguments =>
    [
        "--urls", "http://127.0.0.1:0",
        .. Database.Arguments,
        $"--Database:DataPath={TimelineApiFactory.DataFolder}",
        "--Limits:ReadsPerMinute=1000000",
        "--Limits:WritesPerMinute=1000000",
        // "Request starting ..." lines: which requests the server began.
        "--Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Information",
    ];

    private async Task<string> CreateKeyAsync()
    {
        var (code, verb) = await ApiProcess.RunAsync(["keys", "create", "--name", "shutdown-test", "--role", "editor", .. Database.Arguments], _folder);
        await using (verb)
        {
            Assert.True(code == 0, verb.Output);
            return verb.StandardOutput.Single(l => l.StartsWith("tl_", StringComparison.Ordinal));
        }
    }

    private static async Task<HttpStatusCode> UploadAsync(HttpClient client, int i, Task release)
    {
        var body = new JsonObject
        {
            ["slug"] = $"upload-{i}",
            ["name"] = $"Upload {i}",
            ["kind"] = "person",
            ["description"] = new string('u', 900),
            ["aliases"] = new JsonArray($"Upload number {i}"),
        }.ToJsonString();
        // All but the closing brace, then whitespace (valid JSON) trickled until SIGTERM has been sent, then the rest.
        using var content = new HeldBackContent(Encoding.UTF8.GetBytes(body[..^1]), padding: 900_000, "}"u8.ToArray(), release);
        using var response = await client.PostAsync(new Uri($"/api/v1/actors?upload={i}", UriKind.Relative), content);
        return response.StatusCode;
    }

    private static async Task<string> ReadAsync(HttpClient client, int n, int reader, ConcurrentDictionary<int, string> outcomes)
    {
        var url = (reader % 3) switch
        {
            0 => $"/api/v1/events?limit=20&n={n}",
            1 => $"/api/v1/timelines/union-state/events.csv?n={n}",
            _ => $"/api/v1/search?q=union&n={n}",
        };
        return outcomes[n] = await OutcomeAsync(() => client.GetAsync(new Uri(url, UriKind.Relative)), HttpStatusCode.OK);
    }

    private static async Task<string> WriteAsync(HttpClient client, int n, ConcurrentDictionary<int, string> outcomes)
    {
        var body = new JsonObject { ["slug"] = $"stream-{n}", ["name"] = $"Stream writer {n}", ["kind"] = "person" };
        return outcomes[n] = await OutcomeAsync(
            () => client.PostAsync(new Uri($"/api/v1/actors?n={n}", UriKind.Relative), new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json")),
            HttpStatusCode.Created);
    }

    /// <summary>"HTTP 200" once the whole body was read, or what went wrong.</summary>
    private static async Task<string> OutcomeAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode expected)
    {
        try
        {
            using var response = await send();
            await response.Content.ReadAsByteArrayAsync();
            return response.StatusCode == expected ? $"HTTP {(int)response.StatusCode}" : $"HTTP {(int)response.StatusCode} (expected {(int)expected})";
        }
        catch (HttpRequestException exception)
        {
            return $"{exception.HttpRequestError}: {exception.Message}";
        }
    }

    private static async Task LoopAsync(Func<Task<string>> request, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            // Once the server refuses connections each request fails at once: no need to spin on it.
            if (!(await request()).StartsWith("HTTP ", StringComparison.Ordinal))
                await Task.Delay(20, CancellationToken.None);
        }
    }

    private static async Task WaitUntilRefusedAsync(Uri baseUri)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(baseUri.Host, baseUri.Port);
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionRefused)
            {
                return;
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionReset)
            {
                // Queued in the listen backlog as the listener closed: not accepted, but not refused yet either.
            }

            await Task.Delay(50);
        }

        Assert.Fail("The server still accepted connections after SIGTERM.");
    }

    /// <summary>The n=&lt;id&gt; of every request the server logged as started.</summary>
    private static HashSet<int> StartedRequests(IEnumerable<string> lines) =>
    [
        .. lines.Where(l => l.Contains("Request starting", StringComparison.Ordinal))
            .Select(l => RequestId().Match(l))
            .Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)),
    ];

    [GeneratedRegex(@"[?&]n=(\d+)\b")]
    private static partial Regex RequestId();

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

    /// <summary>
    /// A body sent the way a slow client uploads: the start at once, then whitespace a little at a time (fast enough for
    /// Kestrel's minimum data rate, however long the test waits) until <c>release</c> completes, then the rest.
    /// </summary>
    private sealed class HeldBackContent : HttpContent
    {
        private readonly byte[] _start;
        private readonly int _padding;
        private readonly byte[] _end;
        private readonly Task _release;

        public HeldBackContent(byte[] start, int padding, byte[] end, Task release)
        {
            _start = start;
            _padding = padding;
            _end = end;
            _release = release;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var spaces = new byte[16 * 1024];
            Array.Fill(spaces, (byte)' ');
            await stream.WriteAsync(_start);
            await stream.FlushAsync();
            var sent = 0;
            while (!_release.IsCompleted && sent + 512 <= _padding)
            {
                await stream.WriteAsync(spaces.AsMemory(0, 512));
                await stream.FlushAsync();
                sent += 512;
                await Task.WhenAny(_release, Task.Delay(100));
            }

            while (sent < _padding)
            {
                var count = Math.Min(spaces.Length, _padding - sent);
                await stream.WriteAsync(spaces.AsMemory(0, count));
                sent += count;
            }

            await stream.WriteAsync(_end);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _start.Length + _padding + _end.Length;
            return true;
        }
    }
}
