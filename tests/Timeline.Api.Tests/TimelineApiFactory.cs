using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;
using Timeline.Api.Tests.Contract;

namespace Timeline.Api.Tests;

/// <summary>
/// The real app over HTTP on its own database, migrated and seeded from the repository's data/ folder
/// exactly as on a first start: a SQLite file, or a fresh PostgreSQL database when TIMELINE_TEST_POSTGRES
/// is set (see <see cref="TestDatabase"/>).
/// </summary>
public sealed class TimelineApiFactory : WebApplicationFactory<Program>
{
    private readonly string _folder;
    private readonly Lazy<TestDatabase> _database;

    public TimelineApiFactory()
    {
        _folder = Directory.CreateTempSubdirectory("timeline-tests-").FullName;
        _database = new(() => new TestDatabase(_folder, sqlite: ForceSqlite));
    }

    /// <summary>This factory's own database, made on first use.</summary>
    public TestDatabase Database => _database.Value;

    /// <summary>Stay on SQLite even when TIMELINE_TEST_POSTGRES is set (to compare the providers).</summary>
    public bool ForceSqlite { get; init; }

    /// <summary>Keywords added to the SQLite connection string (e.g. <c>Default Timeout=1</c>); ignored on PostgreSQL.</summary>
    public string? SqliteOptions { get; init; }

    /// <summary>The SQLite file (on SQLite runs only).</summary>
    public string DatabasePath => Path.Combine(_folder, "timeline.db");

    /// <summary>The folder to seed from on start; the repository's data/ unless a test gives its own.</summary>
    public string SeedFolder { get; init; } = DataFolder;

    public static string DataFolder { get; } = DatabaseSetup.FindDataFolder(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("The repository's data/ folder was not found above the test binaries.");

    public static JsonSerializerOptions Json { get; } = CreateJsonOptions();

    public int ReadsPerMinute { get; init; } = 1_000_000;

    public int WritesPerMinute { get; init; } = 1_000_000;

    /// <summary>More settings for this app (they win over the ones above), e.g. <c>ConnectionStrings:Redis</c>.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Services a test adds or replaces, after the app's own (they win: a FakeTimeProvider, an interceptor that records the SQL sent).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>Creates an API key the way the <c>keys create</c> verb does and returns it.</summary>
    public async Task<string> CreateKeyAsync(ApiKeyRole role, string? name = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
        return await keys.CreateAsync(name ?? $"{role}-{Guid.NewGuid():N}", role, CancellationToken.None);
    }

    /// <summary>
    /// The document every exchange of this factory's clients is checked against (<see cref="ContractCheckingHandler"/>);
    /// null for none, as for a test that sends what no client generated from the document could.
    /// </summary>
    public OpenApiContract? Contract { get; init; } = OpenApiContract.Committed;

    /// <summary>A client that follows redirects and keeps cookies, as the base one does, with each exchange checked against <see cref="Contract"/>.</summary>
    public new HttpClient CreateClient() => CreateClient(ClientOptions);

    /// <inheritdoc cref="CreateClient()"/>
    public new HttpClient CreateClient(WebApplicationFactoryClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // WebApplicationFactoryClientOptions.CreateHandlers is internal: the same chain, built here, with the contract last.
        var handlers = new List<DelegatingHandler>();
        if (options.AllowAutoRedirect)
            handlers.Add(new RedirectHandler(options.MaxAutomaticRedirections));
        if (options.HandleCookies)
            handlers.Add(new CookieContainerHandler());
        if (Contract is not null)
            handlers.Add(new ContractCheckingHandler(Contract));
        return CreateDefaultClient(options.BaseAddress, [.. handlers]);
    }

    /// <summary>A client that sends an API key with every request.</summary>
    public HttpClient CreateClient(string apiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("ConnectionStrings:Timeline", SqliteOptions is not null && Database.Provider == DatabaseOptions.Sqlite
            ? $"{Database.ConnectionString};{SqliteOptions}" : Database.ConnectionString);
        builder.UseSetting("Database:DataPath", SeedFolder);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Tests make many requests from one address; the limiter has its own tests with low limits.
        builder.UseSetting("Limits:ReadsPerMinute", ReadsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Limits:WritesPerMinute", WritesPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        if (TestServices is not null)
            builder.ConfigureTestServices(TestServices);
    }

    /// <summary>A fresh scope's DbContext, for asserting on database state.</summary>
    public async Task<T> WithDbAsync<T>(Func<TimelineDbContext, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TimelineDbContext>());
    }

    public async Task<T> GetJsonAsync<T>(string url)
    {
        using var client = CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (_database.IsValueCreated)
            _database.Value.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        TimelineApp.ConfigureJson(options);
        return options;
    }
}

/// <summary>Read-only tests of the bundled data share one app and database.</summary>
[CollectionDefinition(Name)]
public sealed class BundledData : ICollectionFixture<TimelineApiFactory>
{
    public const string Name = "bundled data";
}
