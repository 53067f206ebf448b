using System.Net;
using System.Text.Json;
using Timeline.Api.Tests.Infrastructure;

namespace Timeline.Api.Tests.Features.Timelines;

[Collection(BundledData.Name)]
public sealed class ScorecardTests(TimelineApiFactory factory)
{
    [Theory]
    [InlineData("")]
    [InlineData("?asOf=2019-12-08")]
    [InlineData("?asOf=2005")]
    public async Task GetScorecard_CountsCommitmentsByStatus(string query)
    {
        var scorecard = await factory.GetJsonAsync<JsonElement>($"/api/v1/timelines/union-state/scorecard{query}");
        var asOf = query.Length == 0 ? "" : "&" + query[1..];
        var commitments = (await factory.GetJsonAsync<JsonElement>($"/api/v1/timelines/union-state/commitments?limit=200{asOf}")).Items().ToList();

        Assert.Equal(commitments.Count, scorecard.GetProperty("total").GetInt32());
        var byStatus = scorecard.GetProperty("byStatus").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(
            ["abandoned", "in-progress", "materialised", "not-started", "partially-materialised", "stalled"],
            byStatus.Keys.Order(StringComparer.Ordinal));
        foreach (var (status, count) in byStatus)
            Assert.Equal(commitments.Count(c => c.GetProperty("status").GetString() == status), count);
        Assert.Equal(commitments.Count(c => c.GetProperty("status").ValueKind == JsonValueKind.Null), scorecard.GetProperty("unassessed").GetInt32());
        Assert.Equal(
            commitments.Count,
            scorecard.GetProperty("byCategory").EnumerateArray().Sum(c => c.GetProperty("total").GetInt32()));

        var materialised = byStatus["materialised"];
        Assert.Equal($"{materialised} of {commitments.Count} commitments materialised", scorecard.Str("headline"));
    }

    [Fact]
    public async Task GetScorecard_BadAsOf_Returns400NamingAsOf()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/v1/timelines/union-state/scorecard?asOf=2019-02-30", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await response.JsonAsync()).FieldErrors());
        Assert.Equal("asOf", error.Name);
        Assert.Contains("February 2019 has 28 days", error.Reason, StringComparison.Ordinal);
    }
}
