using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Timeline.Api.Infrastructure.Auth;
using Timeline.Api.Tests.Features.Editing;

namespace Timeline.Api.Tests.Contract;

/// <summary>
/// Every client of <see cref="TimelineApiFactory"/> checks its exchanges against the committed openapi.yaml, so the whole
/// suite is the contract test. These tests show that the check can fail: the same exchanges against a document broken on
/// purpose in one place each are refused, naming what differs, and pass against the committed one.
/// </summary>
public sealed class OpenApiContractTests(TimelineApiFactory factory) : IClassFixture<TimelineApiFactory>
{
    private static readonly string Committed = File.ReadAllText(Path.Combine(Path.GetDirectoryName(TimelineApiFactory.DataFolder)!, "openapi.yaml"));

    [Fact]
    public async Task CreateEvent_IsDescribedByTheCommittedDocument()
    {
        using var client = await EditorAsync(OpenApiContract.FromYaml(Committed));

        using var created = await client.SendAsync(HttpMethod.Post, "/api/v1/events", WriteClient.EventBody(WriteClient.NewSlug("contract")));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task AnUndocumentedStatus_FailsTheExchange()
    {
        // createEvent's 201 renamed to 200: the document no longer says what the code answers.
        var broken = Break(Committed, "operationId: createEvent", "        '201':\n          description: Created", "        '299':\n          description: Created");
        using var client = await EditorAsync(OpenApiContract.FromYaml(broken));

        var error = await Assert.ThrowsAsync<ContractViolationException>(() =>
            client.SendAsync(HttpMethod.Post, "/api/v1/events", WriteClient.EventBody(WriteClient.NewSlug("contract"))));

        Assert.Contains(error.Problems, p => p.Contains("createEvent", StringComparison.Ordinal) && p.Contains("status 201 is not documented", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AResponseBodyTheSchemaRefuses_FailsTheExchange()
    {
        // The event's schema requires a member the code never sends.
        var broken = Break(Committed, "    EventResponse:", "      required:\n      - slug", "      required:\n      - slug\n      - shelfMark");
        using var client = await EditorAsync(OpenApiContract.FromYaml(broken));

        var error = await Assert.ThrowsAsync<ContractViolationException>(() =>
            client.GetAsync(new Uri("/api/v1/events/1999-12-08-union-state-treaty", UriKind.Relative)));

        Assert.Contains(error.Problems, p => p.Contains("getEvent", StringComparison.Ordinal) && p.Contains("shelfMark", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAcceptedRequestBodyTheSchemaRefuses_FailsTheExchange()
    {
        // The write schema loses `summary`, which the request sends and the code accepts.
        var broken = Break(Committed, "    EventWriteRequest:", "        summary:", "        summaryText:");
        using var client = await EditorAsync(OpenApiContract.FromYaml(broken));

        var error = await Assert.ThrowsAsync<ContractViolationException>(() =>
            client.SendAsync(HttpMethod.Post, "/api/v1/events", WriteClient.EventBody(WriteClient.NewSlug("contract"))));

        Assert.Contains(error.Problems, p => p.Contains("request body", StringComparison.Ordinal) && p.Contains("summary", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMissingRequiredResponseHeader_FailsTheExchange()
    {
        // The list is declared to answer with a header it does not send.
        var broken = Break(Committed, "operationId: listEvents", "        '200':\n          description: Success\n          headers:\n",
            "        '200':\n          description: Success\n          headers:\n            X-Shelf:\n              required: true\n              schema:\n                type: string\n");
        using var client = await EditorAsync(OpenApiContract.FromYaml(broken));

        var error = await Assert.ThrowsAsync<ContractViolationException>(() =>
            client.GetAsync(new Uri("/api/v1/events?limit=2", UriKind.Relative)));

        Assert.Contains(error.Problems, p => p.Contains("X-Shelf is missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUndocumentedQueryParameterOnAnAcceptedRequest_FailsTheExchange()
    {
        using var client = await EditorAsync(OpenApiContract.FromYaml(Committed));

        var error = await Assert.ThrowsAsync<ContractViolationException>(() =>
            client.GetAsync(new Uri("/api/v1/events?limit=2&shelf=3", UriKind.Relative)));

        Assert.Contains(error.Problems, p => p.Contains("'shelf'", StringComparison.Ordinal));
    }

    /// <summary>The document with one text replaced in the section that starts at <paramref name="anchor"/>.</summary>
    private static string Break(string yaml, string anchor, string find, string replace)
    {
        var start = yaml.IndexOf(anchor, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{anchor}' is not in openapi.yaml");
        var at = yaml.IndexOf(find, start, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{find}' is not after '{anchor}' in openapi.yaml");
        return string.Concat(yaml.AsSpan(0, at), replace, yaml.AsSpan(at + find.Length));
    }

    private async Task<HttpClient> EditorAsync(OpenApiContract contract)
    {
        var client = factory.CreateDefaultClient(new ContractCheckingHandler(contract));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await factory.CreateKeyAsync(ApiKeyRole.Editor));
        return client;
    }
}
