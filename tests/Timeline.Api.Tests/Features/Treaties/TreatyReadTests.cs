using System.Net;
using System.Text.Json;
using Timeline.Api.Tests.Infrastructure;

namespace Timeline.Api.Tests.Features.Treaties;

/// <summary>The treaty reads over HTTP on the bundled data: the parties table as of any date, a state's record, lists and their paging.</summary>
[Collection(BundledData.Name)]
public sealed class TreatyReadTests(TimelineApiFactory factory)
{
    private static string StatusOf(JsonElement body, string party) =>
        body.GetProperty("parties").EnumerateArray().Single(p => p.GetProperty("party").Str("slug") == party).Str("status");

    [Fact]
    public async Task UnionStateTreatyActions_AsOfTheEndOf1999_ShowRussiaRatifiedAndBelarusNotYet()
    {
        var actions = await factory.GetJsonAsync<JsonElement>("/api/v1/treaties/union-state-treaty-1999/actions?asOf=1999-12-31");

        Assert.Equal("ratified", StatusOf(actions, "russia"));
        Assert.Equal("signed", StatusOf(actions, "belarus"));
        Assert.False(actions.GetProperty("inForce").GetBoolean());
        Assert.Equal("1999-12-31", actions.Str("asOf"));
        var listed = actions.GetProperty("actions").EnumerateArray().Select(a => (a.GetProperty("party").ValueKind == JsonValueKind.Null ? "treaty" : a.GetProperty("party").Str("slug"), a.Str("kind"))).ToList();
        Assert.Contains(("russia", "ratification"), listed);
        Assert.DoesNotContain(("belarus", "ratification"), listed);
        var duma = actions.GetProperty("actions").EnumerateArray().Single(a => a.Str("kind") == "ratification");
        Assert.Equal("State Duma", duma.Str("body"));
        Assert.Equal("1999-12-22", duma.GetProperty("date").Str("edtf"));
        Assert.NotEmpty(duma.GetProperty("sources").EnumerateArray());
    }

    [Fact]
    public async Task UnionStateTreatyActions_AsOf26January2000_ShowItInForceForBoth()
    {
        var actions = await factory.GetJsonAsync<JsonElement>("/api/v1/treaties/union-state-treaty-1999/actions?asOf=2000-01-26");

        Assert.True(actions.GetProperty("inForce").GetBoolean());
        Assert.Equal("2000-01-26", actions.GetProperty("inForceSince").Str("edtf"));
        Assert.Equal("in-force", StatusOf(actions, "russia"));
        Assert.Equal("in-force", StatusOf(actions, "belarus"));
        Assert.Contains(actions.GetProperty("actions").EnumerateArray(), a => a.Str("kind") == "entry-into-force" && a.GetProperty("party").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task UnionStateTreatyActions_TheDayBefore_AreNotInForce()
    {
        var actions = await factory.GetJsonAsync<JsonElement>("/api/v1/treaties/union-state-treaty-1999/actions?asOf=2000-01-25");

        Assert.False(actions.GetProperty("inForce").GetBoolean());
        Assert.Equal(JsonValueKind.Null, actions.GetProperty("inForceSince").ValueKind);
    }

    [Theory]
    [InlineData("2025-03-03", "ratified", "signed")]
    [InlineData("2025-03-05", "ratified", "ratified")]
    [InlineData("2025-02-17", "signed", "signed")]
    public async Task SecurityGuaranteesTreaty_AsOf_ShowsEachPartysStatus(string asOf, string russia, string belarus)
    {
        var actions = await factory.GetJsonAsync<JsonElement>($"/api/v1/treaties/security-guarantees-treaty-2024/actions?asOf={asOf}");

        Assert.Equal(russia, StatusOf(actions, "russia"));
        Assert.Equal(belarus, StatusOf(actions, "belarus"));
        Assert.False(actions.GetProperty("inForce").GetBoolean());
    }

    [Fact]
    public async Task GetTreaty_HasItsPartiesTableCommitmentsAndWholeRecord_WithAnETag()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/v1/treaties/union-state-treaty-1999", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        var treaty = await response.JsonAsync();
        Assert.Equal("Treaty on the Creation of a Union State", treaty.Str("title"));
        Assert.Equal("1999-12-08", treaty.GetProperty("signedOn").Str("edtf"));
        Assert.Equal("1999-12-08-union-state-treaty", treaty.GetProperty("event").Str("slug"));
        Assert.True(treaty.GetProperty("inForce").GetBoolean());
        Assert.Equal("in-force", StatusOf(treaty, "belarus"));
        Assert.Equal(5, treaty.GetProperty("actions").GetArrayLength());
        Assert.Contains(treaty.GetProperty("commitments").EnumerateArray(), c => c.Str("slug") == "single-currency");

        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/treaties/union-state-treaty-1999");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var notModified = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task ActorTreaties_ForBelarus_ListsEveryBundledTreatyWithBelarussStatus()
    {
        var page = await factory.GetJsonAsync<JsonElement>("/api/v1/actors/belarus/treaties?limit=200");

        var statuses = page.Items().ToDictionary(t => t.Str("slug"), t => t.Str("status"), StringComparer.Ordinal);
        Assert.Equal(10, statuses.Count);
        Assert.Equal("in-force", statuses["union-state-treaty-1999"]);
        Assert.Equal("in-force", statuses["visa-recognition-agreement-2020"]);
        Assert.Equal("ratified", statuses["security-guarantees-treaty-2024"]);
        Assert.Equal("signed", statuses["electricity-market-treaty-2024"]);
        Assert.Equal("signed", statuses["community-treaty-1996"]);
        Assert.Equal("not-signed", statuses["customs-harmonisation-agreement-2022"]);
        Assert.Equal("2025-03-04", page.Items().Single(t => t.Str("slug") == "security-guarantees-treaty-2024").GetProperty("statusSince").Str("edtf"));
    }

    [Fact]
    public async Task ActorTreaties_AsOfAndStatus_FilterOnThatActorsStatusThen()
    {
        var page = await factory.GetJsonAsync<JsonElement>("/api/v1/actors/russia/treaties?asOf=1999-12-31&status=ratified");

        Assert.Equal(["military-cooperation-treaty-1997", "union-state-treaty-1999"], page.Items().Select(t => t.Str("slug")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ActorTreaties_OfAnUnknownActor_Is404ProblemJson()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/v1/actors/no-such-state/treaties", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ListTreaties_PagesByCursor_WithoutRepeatsOrGaps()
    {
        using var client = factory.CreateClient();
        var seen = new List<string>();
        var url = "/api/v1/treaties?limit=3";
        for (var i = 0; i < 10 && url is not null; i++)
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.JsonAsync();
            seen.AddRange(page.Items().Select(t => t.Str("slug")));
            var next = page.GetProperty("nextCursor");
            Assert.Equal(next.ValueKind != JsonValueKind.Null, response.Headers.Contains("Link"));
            url = next.ValueKind == JsonValueKind.Null ? null : $"/api/v1/treaties?limit=3&cursor={next.GetString()}";
        }

        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Contains("union-state-treaty-1999", seen);
        Assert.True(seen.Count >= 10);
    }

    [Fact]
    public async Task ListTreaties_Filters_ByStatusAsOfSigningDatesPartyAndText()
    {
        var inForce2001 = await factory.GetJsonAsync<JsonElement>("/api/v1/treaties?status=in-force&asOf=2001&timeline=union-state");
        Assert.Equal(["union-state-treaty-1999"], inForce2001.Items().Select(t => t.Str("slug")));

        var signed2024 = await factory.GetJsonAsync<JsonElement>("/api/v1/treaties?from=2024&to=2024&party=russia");
        Assert.Equal(["electricity-market-treaty-2024", "security-guarantees-treaty-2024"], signed2024.Items().Select(t => t.Str("slug")).Order(StringComparer.Ordinal));

        var text = await factory.GetJsonAsync<JsonElement>("/api/v1/treaties?q=visas");
        Assert.Equal(["visa-recognition-agreement-2020"], text.Items().Select(t => t.Str("slug")));
    }

    [Theory]
    [InlineData("/api/v1/treaties?status=ratifyed", "status")]
    [InlineData("/api/v1/treaties?asOf=2025-02-30", "asOf")]
    [InlineData("/api/v1/treaties?from=2025&to=2024", "to")]
    [InlineData("/api/v1/treaties?cursor=nope", "cursor")]
    [InlineData("/api/v1/treaties/union-state-treaty-1999/actions?asOf=1999-13", "asOf")]
    [InlineData("/api/v1/actors/belarus/treaties?limit=0", "limit")]
    public async Task TreatyReads_WithBadInput_Are400ProblemJsonNamingTheField(string url, string field)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains((await response.JsonAsync()).FieldErrors(), e => string.Equals(e.Name, field, StringComparison.OrdinalIgnoreCase));
    }
}
