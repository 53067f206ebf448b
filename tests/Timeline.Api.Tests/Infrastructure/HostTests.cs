using System.Net;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Tests.Infrastructure;

[Collection(BundledData.Name)]
public sealed class HostTests(TimelineApiFactory factory)
{
    [Theory]
    [InlineData("/health/live", new string[0])]
    [InlineData("/health/ready", new[] { "database", "migrations" })]
    public async Task Health_IsHealthyJsonNamingEachCheck(string url, string[] checks)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await response.JsonAsync();
        Assert.Equal("Healthy", body.Str("status"));
        var named = body.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(checks, named.Select(c => c.Str("name")));
        Assert.All(named, c => Assert.Equal("Healthy", c.Str("status")));
    }

    [Fact]
    public async Task SwaggerUi_IsServedOverTheGeneratedDocument()
    {
        using var client = factory.CreateClient();
        using var page = await client.GetAsync(new Uri("/swagger/index.html", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("swagger-ui", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var config = await client.GetAsync(new Uri("/swagger/index.js", UriKind.Relative));
        Assert.Contains(OpenApi.JsonPath, await config.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var document = await client.GetAsync(new Uri(OpenApi.JsonPath, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        using var json = System.Text.Json.JsonDocument.Parse(await document.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("paths").TryGetProperty("/api/v1/timelines/{slug}/scorecard", out _));
        // No host is baked into the document: it works wherever the API is served.
        var server = Assert.Single(json.RootElement.GetProperty("servers").EnumerateArray());
        Assert.Equal("/", server.GetProperty("url").GetString());
    }

    [Fact]
    public async Task EveryOperationTag_IsDescribedInTheDocumentsTagList()
    {
        using var client = factory.CreateClient();
        using var document = await client.GetAsync(new Uri(OpenApi.JsonPath, UriKind.Relative));
        using var json = System.Text.Json.JsonDocument.Parse(await document.Content.ReadAsStringAsync());
        var described = json.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToHashSet();
        var used = json.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject())
            .Where(operation => operation.Value.ValueKind == System.Text.Json.JsonValueKind.Object && operation.Value.TryGetProperty("tags", out _))
            .SelectMany(operation => operation.Value.GetProperty("tags").EnumerateArray().Select(t => t.GetString()))
            .ToHashSet();

        // Swagger UI groups operations by tag and shows the tag's description; an undescribed tag is a bare heading.
        Assert.Empty(used.Except(described));
    }

    [Fact]
    public async Task OpenApiYaml_MatchesTheCode()
    {
        var generated = await OpenApi.GenerateYamlAsync(factory.Services);
        var path = Path.Combine(Path.GetDirectoryName(TimelineApiFactory.DataFolder)!, "openapi.yaml");
        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
            await File.WriteAllTextAsync(path, generated);

        Assert.True(File.Exists(path), "openapi.yaml is missing: run `dotnet run --project src/Timeline.Api -- openapi`");
        var committed = (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n");
        Assert.True(
            committed == generated,
            "openapi.yaml differs from what the code generates: run `dotnet run --project src/Timeline.Api -- openapi` and commit the result.");
    }
}
