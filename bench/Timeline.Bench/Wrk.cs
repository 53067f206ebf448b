using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Timeline.Bench;

/// <summary>What wrk measured for one scenario.</summary>
public sealed record WrkResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Errors, long BytesPerResponse);

/// <summary>
/// Runs wrk (the load generator the issue's measurements used) over a list of paths: each request takes a
/// path at random (each wrk thread with its own fixed seed), and with <c>uncached</c> gets a unique query
/// parameter so that it misses the output cache and runs the whole query path.
/// </summary>
public static class Wrk
{
    public static async Task<WrkResult> RunAsync(string baseUrl, IReadOnlyList<string> paths, bool uncached, int seconds, int connections, string scratch)
    {
        var script = Path.Combine(scratch, $"scenario-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, Script(paths, uncached));
        try
        {
            var info = new ProcessStartInfo("wrk")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "-t", "2", "-c", connections.ToString(CultureInfo.InvariantCulture),
                "-d", $"{seconds}s", "--timeout", "30s", "-s", script, baseUrl,
            })
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start (apt-get install wrk)");
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var json = output.Split('\n').LastOrDefault(l => l.StartsWith("{\"requests\"", StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"wrk gave no result: {output} {error}");
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var requests = root.GetProperty("requests").GetInt64();
            var duration = root.GetProperty("duration").GetDouble() / 1e6;
            var errors = root.GetProperty("status").GetInt64() + root.GetProperty("timeout").GetInt64()
                + root.GetProperty("connect").GetInt64() + root.GetProperty("read").GetInt64() + root.GetProperty("write").GetInt64();
            return new WrkResult(
                requests / duration,
                root.GetProperty("p50").GetDouble() / 1000,
                root.GetProperty("p99").GetDouble() / 1000,
                requests,
                errors,
                requests == 0 ? 0 : root.GetProperty("bytes").GetInt64() / requests);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static string Script(IReadOnlyList<string> paths, bool uncached)
    {
        var lua = new StringBuilder();
        lua.AppendLine("local paths = {");
        foreach (var path in paths)
            lua.Append("  \"").Append(path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).AppendLine("\",");
        lua.AppendLine("}");
        lua.AppendLine(CultureInfo.InvariantCulture, $"local uncached = {(uncached ? "true" : "false")}");
        lua.AppendLine("""
            local threads = {}
            local counter = 0
            local thread_id = 0
            local next_id = 0

            function setup(thread)
              next_id = next_id + 1
              thread:set("thread_id", next_id)
              table.insert(threads, thread)
            end

            function init(args)
              math.randomseed(7151 + thread_id)
            end

            function request()
              counter = counter + 1
              local path = paths[math.random(#paths)]
              if uncached then
                local separator = string.find(path, "?", 1, true) and "&" or "?"
                path = path .. separator .. "nocache=" .. thread_id .. "-" .. counter
              end
              return wrk.format("GET", path)
            end

            function done(summary, latency, requests)
              io.write(string.format('{"requests":%d,"duration":%d,"bytes":%d,"p50":%d,"p99":%d,"status":%d,"timeout":%d,"connect":%d,"read":%d,"write":%d}\n',
                summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(99),
                summary.errors.status, summary.errors.timeout, summary.errors.connect, summary.errors.read, summary.errors.write))
            end
            """);
        return lua.ToString();
    }
}
