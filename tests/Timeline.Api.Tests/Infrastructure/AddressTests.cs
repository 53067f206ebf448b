using System.Net;
using Microsoft.Extensions.Configuration;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Tests.Infrastructure;

/// <summary>The server binds where the operator says, the ASP.NET Core way, and prints where Swagger UI is.</summary>
public sealed class AddressTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("timeline-addresses-").FullName;

    public static TheoryData<string> Settings => ["ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "--urls", "Urls"];

    [Theory]
    [MemberData(nameof(Settings))]
    public async Task Server_ListensWhereTheSettingSays_AndPrintsTheSwaggerUrl(string setting)
    {
        var port = ApiProcess.FreePort();
        var url = $"http://127.0.0.1:{port}";
        List<string> arguments = ["--Database:SeedOnStart=false", $"--ConnectionStrings:Timeline=Data Source={Path.Combine(_folder, "api.db")}"];
        Dictionary<string, string> environment = [];
        switch (setting)
        {
            case "--urls":
                arguments.AddRange(["--urls", url]);
                break;
            case "ASPNETCORE_HTTP_PORTS":
                environment[setting] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
            default:
                environment[setting] = url;
                break;
        }

        await using var api = ApiProcess.Start(arguments, _folder, environment);
        var listening = await api.ListeningAsync();

        Assert.Equal(port, listening.Port);
        // HTTP_PORTS binds every interface; the printed link is one a browser on this machine can open.
        var swagger = setting == "ASPNETCORE_HTTP_PORTS" ? $"http://localhost:{port}/swagger" : $"{url}/swagger";
        await api.WaitForLineAsync(l => l.EndsWith($"Swagger UI: {swagger}", StringComparison.Ordinal));
        using var client = new HttpClient();
        using var response = await client.GetAsync(new Uri($"{url}/health/live"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void NoSetting_ListensOnLocalhost5185()
    {
        // Started for real, the default would take a port other tests and developers use; the decision is checked instead.
        var none = new ConfigurationBuilder().Build();
        Assert.False(TimelineApp.HasAddressSetting(none));
        Assert.Equal("http://localhost:5185", TimelineApp.DefaultUrl);

        Assert.True(TimelineApp.HasAddressSetting(Config(("urls", "http://0.0.0.0:80"))));
        Assert.True(TimelineApp.HasAddressSetting(Config(("http_ports", "8080"))));
        Assert.True(TimelineApp.HasAddressSetting(Config(("https_ports", "8443"))));
        Assert.True(TimelineApp.HasAddressSetting(Config(("Kestrel:Endpoints:Main:Url", "http://127.0.0.1:9000"))));
    }

    [Fact]
    public async Task NoSetting_TheBuiltAppIsGivenTheDefaultAddress()
    {
        // Built, not started: the wiring of the decision above (the test run's own environment sets no address).
        await using var app = TimelineApp.Build(["--Database:SeedOnStart=false"]);
        Assert.Equal(TimelineApp.DefaultUrl, app.Configuration[Microsoft.AspNetCore.Hosting.WebHostDefaults.ServerUrlsKey]);
    }

    [Theory]
    [InlineData("http://[::]:8080", "http://localhost:8080/")]
    [InlineData("http://0.0.0.0:80", "http://localhost:80/")]
    [InlineData("http://+:5000", "http://localhost:5000/")]
    [InlineData("http://127.0.0.1:5185", "http://127.0.0.1:5185/")]
    [InlineData("https://timeline.example:8443", "https://timeline.example:8443/")]
    public void BrowsableAddress_NamesAHostABrowserCanOpen(string address, string expected) =>
        Assert.Equal(expected, TimelineApp.BrowsableAddress(address));

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    public void Dispose()
    {
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
