using System.Net;
using Timeline.Api.Tests.Infrastructure;

namespace Timeline.Api.Tests.Infrastructure;

[Collection(BundledData.Name)]
public sealed class QueryValidationTests(TimelineApiFactory factory)
{
    [Theory]
    [InlineData("/api/v1/events?from=2019-13-01", "from")]
    [InlineData("/api/v1/events?to=2019-02-30", "to")]
    [InlineData("/api/v1/events?from=2020&to=2019", "to")]
    [InlineData("/api/v1/events?limit=0", "limit")]
    [InlineData("/api/v1/events?limit=1000", "limit")]
    [InlineData("/api/v1/events?limit=abc", "limit")]
    [InlineData("/api/v1/events?status=happened", "status")]
    [InlineData("/api/v1/events?kind=party", "kind")]
    [InlineData("/api/v1/events?sort=title", "sort")]
    [InlineData("/api/v1/events?cursor=not-a-cursor", "cursor")]
    [InlineData("/api/v1/events?cursor=eyJ4IjoxfQ", "cursor")]
    [InlineData("/api/v1/timelines/union-state/events?from=yesterday", "from")]
    [InlineData("/api/v1/actors/alyaksandr-lukashenka/events?status=done", "status")]
    [InlineData("/api/v1/commitments?status=done", "status")]
    [InlineData("/api/v1/commitments?category=space", "category")]
    [InlineData("/api/v1/commitments?asOf=2019-12-32", "asOf")]
    [InlineData("/api/v1/timelines/union-state/commitments?limit=201", "limit")]
    [InlineData("/api/v1/commitments/single-currency?asOf=12/08/2019", "asOf")]
    [InlineData("/api/v1/timelines?cursor=%25%25", "cursor")]
    [InlineData("/api/v1/actors?kind=alien", "kind")]
    [InlineData("/api/v1/search?q=x&kind=planet", "kind")]
    public async Task BadQueryValue_Returns400ProblemNamingTheParameter(string url, string parameter)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.Str("title")));
        var errors = problem.FieldErrors();
        Assert.Contains(errors, e => e.Name == parameter && e.Reason.Length > 0);
    }

    [Fact]
    public async Task BadDate_ErrorSaysWhatIsWrong()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/v1/events?from=2019-13-01", UriKind.Relative));
        var error = Assert.Single((await response.JsonAsync()).FieldErrors());
        Assert.Equal("from", error.Name);
        Assert.Contains("2019-13-01", error.Reason, StringComparison.Ordinal);
        Assert.Contains("Month", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/commitments?status=done", "status", "partially-materialised")]
    [InlineData("/api/v1/events?kind=party", "kind", "treaty")]
    [InlineData("/api/v1/treaties?status=pending", "status", "not-signed")]
    public async Task BadEnumValue_ErrorListsTheWireValues(string url, string parameter, string oneAllowedValue)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        var error = Assert.Single((await response.JsonAsync()).FieldErrors());
        Assert.Equal(parameter, error.Name);
        // The kebab-case spelling a client sends, never the .NET enum's name.
        Assert.Contains(oneAllowedValue, error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/commitments?status=partially-materialised&category=economic&asOf=2019-12")]
    [InlineData("/api/v1/treaties?status=not-signed&asOf=2000")]
    [InlineData("/api/v1/events?kind=treaty&status=occurred&from=1999&to=2000-01")]
    public async Task KebabCaseEnumsAndEdtfDates_BindFromTheQuery(string url)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnEmptyQueryValue_CountsAsAbsent()
    {
        // What an HTML form sends for a cleared field; the embed's and pages' as-of forms rely on it.
        using var client = factory.CreateClient();
        var all = await client.GetStringAsync(new Uri("/api/v1/events?limit=5", UriKind.Relative));
        var blank = await client.GetStringAsync(new Uri("/api/v1/events?limit=5&from=&to=&kind=&status=", UriKind.Relative));
        Assert.Equal(all, blank);
    }

    [Fact]
    public async Task TheDocument_ShowsParsedQueryValuesFormats()
    {
        using var client = factory.CreateClient();
        using var document = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var parameters = document.RootElement.GetProperty("paths").GetProperty("/api/v1/events").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("schema"));

        Assert.Equal("edtf", parameters["from"].GetProperty("format").GetString());
        Assert.Equal("edtf", parameters["to"].GetProperty("format").GetString());
        Assert.Contains("EventKind", parameters["kind"].GetRawText(), StringComparison.Ordinal);
        var kinds = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("EventKind").GetProperty("enum");
        Assert.Contains("treaty", kinds.EnumerateArray().Select(k => k.GetString()));
    }

    [Theory]
    [InlineData("/api/v1/events?from=%00")]
    [InlineData("/api/v1/events?from=..%2F..")]
    [InlineData("/api/v1/events?from=9999-12-31&to=9999-12-31")]
    [InlineData("/api/v1/events?from=0001-01-01")]
    [InlineData("/api/v1/events?limit=99999999999999999999")]
    [InlineData("/api/v1/events?limit=-1")]
    [InlineData("/api/v1/events?actor=%F0%9F%98%80&tag=%27%3B%20DROP%20TABLE%20Events%3B")]
    [InlineData("/api/v1/events/%2e%2e")]
    [InlineData("/api/v1/commitments?asOf=..%2F2019")]
    [InlineData("/api/v1/commitments?asOf=2019%2F..")]
    [InlineData("/api/v1/timelines/%27/scorecard")]
    public async Task HostileQueryValues_NeverGive500(string url)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True((int)response.StatusCode < 500, $"{url} answered {(int)response.StatusCode}");
    }
}
