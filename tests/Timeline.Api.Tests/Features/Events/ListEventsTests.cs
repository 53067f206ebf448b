using System.Net;
using System.Text.Json;
using Timeline.Api.Tests.Infrastructure;

namespace Timeline.Api.Tests.Features.Events;

[Collection(BundledData.Name)]
public sealed class ListEventsTests(TimelineApiFactory factory)
{
    [Fact]
    public async Task ListEvents_ByActor_ReturnsOnlyEventsTheyTookPartIn()
    {
        var page = await factory.GetJsonAsync<JsonElement>("/api/v1/events?actor=boris-yeltsin&limit=200");
        var events = page.Items().ToList();
        Assert.Contains(events, e => e.Str("slug") == "1999-12-08-union-state-treaty");
        Assert.All(events, e => Assert.Contains(e.GetProperty("actors").EnumerateArray(), a => a.Str("slug") == "boris-yeltsin"));
    }

    [Fact]
    public async Task ListEvents_ByTagKindAndStatus_CombinesTheFilters()
    {
        var page = await factory.GetJsonAsync<JsonElement>("/api/v1/events?timeline=union-state&kind=treaty&status=occurred&limit=200");
        var events = page.Items().ToList();
        Assert.NotEmpty(events);
        Assert.All(events, e =>
        {
            Assert.Equal("treaty", e.Str("kind"));
            Assert.Equal("occurred", e.Str("status"));
        });

        var planned = await factory.GetJsonAsync<JsonElement>("/api/v1/events?status=planned&limit=200");
        Assert.Contains(planned.Items(), e => e.Str("slug") == "2019-12-08-integration-plan-signing");

        var tagged = await factory.GetJsonAsync<JsonElement>("/api/v1/events?tag=nuclear&limit=200");
        Assert.NotEmpty(tagged.Items());
        Assert.All(tagged.Items(), e => Assert.Contains("nuclear", e.GetProperty("tags").EnumerateArray().Select(t => t.GetString())));
    }

    [Fact]
    public async Task ListEvents_YearPrecisionRange_KeepsEventsThatOverlapIt()
    {
        var page = await factory.GetJsonAsync<JsonElement>("/api/v1/events?from=1999&to=1999&limit=200");
        var slugs = page.Items().Select(e => e.Str("slug")).ToList();
        Assert.Contains("1999-12-08-union-state-treaty", slugs);
        Assert.All(page.Items(), e => Assert.True(
            string.CompareOrdinal(e.GetProperty("date").Str("start"), "1999-12-31") <= 0
            && string.CompareOrdinal(e.GetProperty("date").Str("end"), "1999-01-01") >= 0));
    }

    [Fact]
    public async Task ListEvents_TextQuery_FindsByWordsIgnoringCase()
    {
        var page = await factory.GetJsonAsync<JsonElement>("/api/v1/events?q=normandy&limit=200");
        Assert.Contains(page.Items(), e => e.Str("slug") == "2019-12-09-normandy-summit-paris");
    }

    [Fact]
    public async Task GetEvent_ReturnsSourcesCommitmentsAndRelatedEvents()
    {
        var treaty = await factory.GetJsonAsync<JsonElement>("/api/v1/events/1999-12-08-union-state-treaty");
        Assert.Equal("1999-12-08", treaty.GetProperty("date").Str("edtf"));
        Assert.Equal("day", treaty.GetProperty("date").Str("precision"));
        Assert.NotEmpty(treaty.GetProperty("sources").EnumerateArray());
        Assert.All(treaty.GetProperty("sources").EnumerateArray(), s => Assert.StartsWith("http", s.Str("url"), StringComparison.Ordinal));
        var made = treaty.GetProperty("commitments").EnumerateArray().Select(c => c.Str("slug")).ToList();
        Assert.Contains("single-currency", made);
        Assert.Contains("single-constitution", made);
        // The 2019 signing was planned for the treaty's anniversary: the link shows from the treaty's side too.
        Assert.Contains(treaty.GetProperty("related").EnumerateArray(), r =>
            r.Str("direction") == "incoming" && r.GetProperty("event").Str("slug") == "2019-12-08-integration-plan-signing");

        var sochi = await factory.GetJsonAsync<JsonElement>("/api/v1/events/2019-12-07-presidents-sochi");
        Assert.Contains(sochi.GetProperty("related").EnumerateArray(), r =>
            r.Str("relation") == "talks-held-instead-of" && r.Str("direction") == "outgoing");
    }

    [Fact]
    public async Task GetEvent_UnknownSlug_Returns404ProblemNamingIt()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/v1/events/never-happened", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Contains("never-happened", problem.Str("detail"), StringComparison.Ordinal);
    }
}
