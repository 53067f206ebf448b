using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Timeline.Bench;

/// <summary>A child process (the API server or a verb) whose resident memory is sampled while it runs.</summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer _sampler;
    private long _peakKb;
    private long _cpuTicks;

    private ChildProcess(Process process)
    {
        _process = process;
        _sampler = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));
    }

    public int Id => _process.Id;

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Peak resident set size seen so far (VmHWM), in MiB.</summary>
    public double PeakMiB
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _peakKb) / 1024.0;
        }
    }

    /// <summary>
    /// Processor time the process has used (user and system, every thread), as last sampled: unlike the wall clock,
    /// it does not grow when other work on a shared machine takes the cores.
    /// </summary>
    public double CpuSeconds
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _cpuTicks) / 100.0; // USER_HZ is 100 on Linux
        }
    }

    /// <summary>Resident set size now (VmRSS), in MiB.</summary>
    public double ResidentMiB => ReadStatusKb(_process.Id, "VmRSS:") / 1024.0;

    public static ChildProcess Start(string assembly, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        info.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.Output(e.Data, Console.Out);
        process.ErrorDataReceived += (_, e) => child.Output(e.Data, Console.Error);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public async Task<int> WaitAsync()
    {
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Asks the process to stop (SIGTERM, a graceful shutdown) and waits for it.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
            return;
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _sampler.Dispose();
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private void Sample()
    {
        try
        {
            var ticks = ReadCpuTicks(_process.Id);
            if (ticks > 0)
                Interlocked.Exchange(ref _cpuTicks, ticks);
            var kb = ReadStatusKb(_process.Id, "VmHWM:");
            long seen;
            while (kb > (seen = Interlocked.Read(ref _peakKb)) && Interlocked.CompareExchange(ref _peakKb, kb, seen) != seen)
            {
            }
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            // The process has just exited: the last sample stands.
        }
    }

    private void Output(string? line, TextWriter writer)
    {
        if (line is not null)
            writer.WriteLine($"  [{_clock.Elapsed.TotalSeconds,7:F1}s] {line}");
    }

    /// <summary>utime + stime from /proc/pid/stat (fields 14 and 15, counted after the parenthesised command name).</summary>
    private static long ReadCpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    private static long ReadStatusKb(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }

        return 0;
    }
}
