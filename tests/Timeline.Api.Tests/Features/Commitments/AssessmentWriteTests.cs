using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Domain;
using Timeline.Api.Tests.Features.Editing;
using Timeline.Api.Tests.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Tests.Features.Commitments;

public sealed class AssessmentWriteTests(TimelineApiFactory factory) : IClassFixture<TimelineApiFactory>
{
    private static JsonObject Assessment(string status, string date) => new()
    {
        ["status"] = status,
        ["date"] = date,
        ["summary"] = "The two central banks announced a common currency board.",
        ["event"] = "1999-12-08-union-state-treaty",
        ["sources"] = new JsonArray(new JsonObject { ["url"] = "https://example.org/news/currency-board", ["publisher"] = "Example News" }),
    };

    [Fact]
    public async Task RecordAssessment_MovesTheCurrentStatusAndScorecard_WhileAsOfEarlierKeepsTheOldStatus()
    {
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        var commitmentETag = await client.ETagOfAsync("/api/v1/commitments/single-currency");
        var scorecardBefore = await factory.GetJsonAsync<JsonElement>("/api/v1/timelines/union-state/scorecard");

        using var recorded = await client.SendAsync(HttpMethod.Post, "/api/v1/commitments/single-currency/assessments", Assessment("in-progress", "2026-11-27"));

        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var assessment = await recorded.JsonAsync();
        Assert.Equal("in-progress", assessment.Str("status"));
        Assert.StartsWith("Editor-", assessment.Str("recordedBy"), StringComparison.Ordinal);

        var now = await factory.GetJsonAsync<JsonElement>("/api/v1/commitments/single-currency");
        Assert.Equal("in-progress", now.Str("status"));
        Assert.Equal("2026-11-27", now.GetProperty("statusDate").Str("edtf"));
        Assert.NotEqual(commitmentETag, await client.ETagOfAsync("/api/v1/commitments/single-currency"));

        var earlier = await factory.GetJsonAsync<JsonElement>("/api/v1/commitments/single-currency?asOf=2019-12-08");
        Assert.Equal("stalled", earlier.Str("status"));

        var scorecard = await factory.GetJsonAsync<JsonElement>("/api/v1/timelines/union-state/scorecard");
        Assert.Equal(Count(scorecardBefore, "in-progress") + 1, Count(scorecard, "in-progress"));
        Assert.Equal(Count(scorecardBefore, "stalled") - 1, Count(scorecard, "stalled"));

        var changes = await factory.GetJsonAsync<JsonElement>("/api/v1/commitments/single-currency/changes");
        Assert.Equal("assess", changes.Items().First().Str("operation"));
    }

    [Fact]
    public async Task RetractAssessment_ByAnAdmin_KeepsItInTheHistoryAndRestoresTheStatus()
    {
        using var editor = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        using var admin = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Admin));
        const string url = "/api/v1/commitments/union-state-court";
        var before = (await factory.GetJsonAsync<JsonElement>(url)).Str("status");
        using var recorded = await editor.SendAsync(HttpMethod.Post, $"{url}/assessments", Assessment("materialised", "2026-11-26"));
        var id = (await recorded.JsonAsync()).GetProperty("id").GetInt64();
        Assert.Equal("materialised", (await factory.GetJsonAsync<JsonElement>(url)).Str("status"));

        using var byEditor = await editor.SendAsync(HttpMethod.Post, $"{url}/assessments/{id}/retraction", new JsonObject { ["reason"] = "Wrong" });
        using var retracted = await admin.SendAsync(HttpMethod.Post, $"{url}/assessments/{id}/retraction", new JsonObject { ["reason"] = "The report was a hoax." });
        using var twice = await admin.SendAsync(HttpMethod.Post, $"{url}/assessments/{id}/retraction", new JsonObject { ["reason"] = "Again" });

        Assert.Equal(HttpStatusCode.Forbidden, byEditor.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retracted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        var commitment = await factory.GetJsonAsync<JsonElement>(url);
        Assert.Equal(before, commitment.Str("status"));
        var kept = Assert.Single(commitment.GetProperty("history").EnumerateArray(), a => a.GetProperty("id").GetInt64() == id);
        Assert.Equal("The report was a hoax.", kept.GetProperty("retraction").Str("reason"));
        Assert.True(await factory.WithDbAsync(db => db.Assessments.AnyAsync(a => a.Id == id && a.RetractedAt != null)));
        var changes = await factory.GetJsonAsync<JsonElement>($"{url}/changes");
        Assert.Equal(["retract", "assess"], changes.Items().Take(2).Select(c => c.Str("operation")));

        // The retracted status is gone from the feed's status entries and from the widget's scorecard too.
        using var atom = await editor.GetAsync(new Uri("/api/v1/timelines/union-state/feed.atom", UriKind.Relative));
        var xml = await atom.Content.ReadAsStringAsync();
        Assert.DoesNotContain($"urn:timeline:commitment:union-state-court:assessment:{id}<", xml, StringComparison.Ordinal);
        Assert.Contains("Correction: assessment union-state-court/", xml, StringComparison.Ordinal);
        var headline = (await factory.GetJsonAsync<JsonElement>("/api/v1/timelines/union-state/scorecard")).Str("headline");
        var widget = await editor.GetStringAsync(new Uri("/embed/union-state?view=scorecard", UriKind.Relative));
        Assert.Contains(headline, widget, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssessmentAndRetraction_RacingOnOneETag_OneWinsTheOtherGets412_AsEveryWrite()
    {
        using var alice = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        using var bob = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        using var admin = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Admin));
        const string url = "/api/v1/commitments/union-parliament";
        var etag = await alice.ETagOfAsync(url);
        var count = await factory.WithDbAsync(db => db.Assessments.CountAsync());

        var racing = await Task.WhenAll(
            alice.SendAsync(HttpMethod.Post, $"{url}/assessments", Assessment("in-progress", "2026-11-24"), etag),
            bob.SendAsync(HttpMethod.Post, $"{url}/assessments", Assessment("stalled", "2026-11-24"), etag));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.PreconditionFailed], racing.Select(r => r.StatusCode).Order());
        Assert.Equal(count + 1, await factory.WithDbAsync(db => db.Assessments.CountAsync()));
        var won = racing.Single(r => r.StatusCode == HttpStatusCode.Created);
        var id = (await won.JsonAsync()).GetProperty("id").GetInt64();

        // The retraction checks the same validator: the ETag read before the assessment is stale now.
        using var stale = await admin.SendAsync(HttpMethod.Post, $"{url}/assessments/{id}/retraction", new JsonObject { ["reason"] = "Stale" }, etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        using var retracted = await admin.SendAsync(HttpMethod.Post, $"{url}/assessments/{id}/retraction", new JsonObject { ["reason"] = "Fresh" },
            await admin.ETagOfAsync(url));
        Assert.Equal(HttpStatusCode.OK, retracted.StatusCode);
        foreach (var response in racing)
            response.Dispose();
    }

    [Theory]
    [InlineData("status", "\"done\"", "status")]
    [InlineData("date", "\"2026-02-30\"", "date")]
    [InlineData("summary", "\"\"", "summary")]
    [InlineData("sources", "[]", "sources")]
    [InlineData("event", "\"no-such-event\"", "event")]
    [InlineData("confidence", "\"sure\"", "confidence")]
    [InlineData("recordedBy", "\"someone-else\"", "recordedBy")]
    public async Task RecordAssessment_Invalid_Returns400AndRecordsNothing(string field, string json, string errorName)
    {
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        var body = Assessment("in-progress", "2026-11-25");
        body[field] = JsonNode.Parse(json);
        var count = await factory.WithDbAsync(db => db.Assessments.CountAsync());

        using var response = await client.SendAsync(HttpMethod.Post, "/api/v1/commitments/union-parliament/assessments", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((await response.JsonAsync()).FieldErrors(), e => string.Equals(e.Name, errorName, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(count, await factory.WithDbAsync(db => db.Assessments.CountAsync()));
    }

    [Fact]
    public async Task RecordAssessment_UnknownCommitment_Is404()
    {
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        using var response = await client.SendAsync(HttpMethod.Post, "/api/v1/commitments/no-such-promise/assessments", Assessment("stalled", "2026-11-25"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static int Count(JsonElement scorecard, string status) => scorecard.GetProperty("byStatus").GetProperty(status).GetInt32();
}
