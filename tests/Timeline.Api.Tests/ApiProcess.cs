using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Timeline.Api.Tests;

/// <summary>
/// The built API (<c>Timeline.Api.dll</c>, copied beside the tests) as a child process, for what only a real process
/// shows: the addresses it binds, what it does on SIGTERM, verbs run while it serves. Its standard output and error are
/// collected line by line, so a test can wait for what the server says ("Now listening on: ...") instead of sleeping.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    /// <summary>Settings a developer's or CI's shell may hold that would change what a test means.</summary>
    private static readonly string[] ClearedVariables =
    [
        "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS", "DOTNET_HTTP_PORTS", "DOTNET_HTTPS_PORTS",
        "URLS", "HTTP_PORTS", "HTTPS_PORTS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "OTEL_EXPORTER_OTLP_ENDPOINT",
    ];

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly List<string> _standardOutput = [];
    private readonly List<(Func<string, bool> Predicate, TaskCompletionSource<string> Found)> _waiters = [];
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _openStreams = 2;

    private ApiProcess(Process process) => _process = process;

    public static string DllPath { get; } = Path.Combine(AppContext.BaseDirectory, "Timeline.Api.dll");

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Every line written so far to standard output and error.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
                return [.. _lines];
        }
    }

    public string Output => string.Join('\n', Lines);

    /// <summary>The lines written to standard output only (a verb's result).</summary>
    public IReadOnlyList<string> StandardOutput
    {
        get
        {
            lock (_lines)
                return [.. _standardOutput];
        }
    }

    /// <summary>Runs a verb (<c>keys create ...</c>, <c>backup ...</c>) to its end: its exit code and the process, for its output.</summary>
    public static async Task<(int ExitCode, ApiProcess Process)> RunAsync(IEnumerable<string> arguments, string workingDirectory)
    {
        var process = Start(arguments, workingDirectory);
        return (await process.WaitForExitAsync(), process);
    }

    /// <summary>Starts <c>dotnet Timeline.Api.dll</c> with the arguments, in a working folder of the caller's.</summary>
    public static ApiProcess Start(IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var name in ClearedVariables)
            start.Environment.Remove(name);
        // Plain console lines without colours, so they can be matched.
        start.Environment["DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION"] = "false";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var api = new ApiProcess(process);
        process.OutputDataReceived += (_, e) => api.Receive(e.Data, standardOutput: true);
        process.ErrorDataReceived += (_, e) => api.Receive(e.Data, standardOutput: false);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return api;
    }

    private void Receive(string? line, bool standardOutput)
    {
        if (line is null)
        {
            if (Interlocked.Decrement(ref _openStreams) == 0)
                _outputClosed.TrySetResult();
            return;
        }

        List<TaskCompletionSource<string>> found = [];
        lock (_lines)
        {
            _lines.Add(line);
            if (standardOutput)
                _standardOutput.Add(line);
            foreach (var waiter in _waiters.Where(w => w.Predicate(line)).ToList())
            {
                _waiters.Remove(waiter);
                found.Add(waiter.Found);
            }
        }

        foreach (var waiter in found)
            waiter.TrySetResult(line);
    }

    /// <summary>The first line (already written or still to come) that matches; fails if the process exits first.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lines)
        {
            var line = _lines.FirstOrDefault(predicate);
            if (line is not null)
                return line;
            _waiters.Add((predicate, found));
        }

        var exited = _outputClosed.Task;
        var finished = await Task.WhenAny(found.Task, exited, Task.Delay(timeout ?? TimeSpan.FromSeconds(90)));
        if (finished == found.Task)
            return await found.Task;
        // The last lines may arrive together with the end of the output.
        lock (_lines)
        {
            var line = _lines.FirstOrDefault(predicate);
            if (line is not null)
                return line;
        }

        throw new InvalidOperationException(
            (finished == exited ? "The API process exited" : "The API process did not say it") + $" before the awaited line. Its output:\n{Output}");
    }

    /// <summary>The address Kestrel reports ("Now listening on: http://127.0.0.1:40123").</summary>
    public async Task<Uri> ListeningAsync()
    {
        var line = await WaitForLineAsync(l => l.Contains(ListeningPrefix, StringComparison.Ordinal));
        return new Uri(line[(line.IndexOf(ListeningPrefix, StringComparison.Ordinal) + ListeningPrefix.Length)..].Trim());
    }

    private const string ListeningPrefix = "Now listening on: ";

    /// <summary>Sends SIGTERM, as a process manager or a container runtime does to stop a service.</summary>
    public void Terminate()
    {
        if (Kill(_process.Id, SigTerm) != 0)
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed: {Marshal.GetLastPInvokeErrorMessage()}");
    }

    /// <summary>Sends SIGKILL (<c>kill -9</c>): the process dies at once, with no chance to finish or clean up anything.</summary>
    public void KillHard()
    {
        if (Kill(_process.Id, SigKill) != 0)
            throw new InvalidOperationException($"kill({_process.Id}, SIGKILL) failed: {Marshal.GetLastPInvokeErrorMessage()}");
    }

    /// <summary>Waits for the process to exit (and its output to be read) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(120));
        await _process.WaitForExitAsync(cancel.Token);
        await _outputClosed.Task.WaitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private const int SigTerm = 15;
    private const int SigKill = 9;

    // DllImport rather than LibraryImport: the generated marshalling would need unsafe code enabled for one int call.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
