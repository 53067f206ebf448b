using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Timeline.Api.Domain;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Tests;

/// <summary>
/// The real app on Kestrel on a loopback port, in-process, on its own database: for what the in-memory test server
/// does not show (the headers Kestrel adds, HEAD and Content-Length on the wire, a browser), and for traffic that should
/// cross a real HTTP stack (the fuzz).
/// </summary>
public sealed class KestrelServer : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("timeline-kestrel-").FullName;
    private readonly TestDatabase _database;
    private readonly WebApplication _app;

    private KestrelServer(string? seedFolder, IEnumerable<string> settings)
    {
        _database = new TestDatabase(_folder);
        _app = TimelineApp.Build([
            "--urls=http://127.0.0.1:0",
            .. _database.Arguments,
            $"--Database:DataPath={seedFolder ?? TimelineApiFactory.DataFolder}",
            "--Limits:ReadsPerMinute=100000000",
            "--Limits:WritesPerMinute=100000000",
            "--Logging:LogLevel:Default=Warning",
            "--environment=Testing",
            .. settings,
        ]);
    }

    public Uri BaseAddress { get; private set; } = null!;

    public string BaseUrl => BaseAddress.ToString().TrimEnd('/');

    public IServiceProvider Services => _app.Services;

    public TestDatabase Database => _database;

    /// <summary>Starts a server seeded from <paramref name="seedFolder"/> (the repository's data/ by default).</summary>
    public static async Task<KestrelServer> StartAsync(string? seedFolder = null, params string[] settings)
    {
        var server = new KestrelServer(seedFolder, settings);
        await server._app.Services.InitialiseDatabaseAsync();
        await server._app.StartAsync();
        server.BaseAddress = new Uri(server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    /// <summary>A client that sees the wire as it is: no automatic decompression, redirects not followed.</summary>
    public HttpClient CreateClient(string? apiKey = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = false })
        {
            BaseAddress = BaseAddress,
        };
        if (apiKey is not null)
            client.DefaultRequestHeaders.Authorization = new("Bearer", apiKey);
        return client;
    }

    public async Task<string> CreateKeyAsync(ApiKeyRole role)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync($"{role}-{Guid.NewGuid():N}", role, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _database.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
