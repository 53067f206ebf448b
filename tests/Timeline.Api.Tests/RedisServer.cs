using System.Diagnostics;
using System.Net.Sockets;

namespace Timeline.Api.Tests;

/// <summary>
/// A private <c>redis-server</c> on a free loopback port, started for the tests that share state through Redis and
/// stopped with them (nothing is written to disk). The test run's prerequisites install redis-server (see README).
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private Process? _process;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var port = ApiProcess.FreePort();
        var start = new ProcessStartInfo("redis-server", ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("redis-server is not installed: install it with `apt-get install -y redis-server` (running the tests as root does).");
        }

        // Drained so that redis-server never blocks on a full pipe.
        _ = _process.StandardOutput.ReadToEndAsync();
        ConnectionString = $"127.0.0.1:{port}";
        for (var attempt = 0; attempt < 200; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException) when (!_process.HasExited)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException($"redis-server did not listen on port {port}: {await _process.StandardError.ReadToEndAsync()}");
    }

    public async Task DisposeAsync()
    {
        if (_process is null)
            return;
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
