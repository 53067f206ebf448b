using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Infrastructure.Auth;
using Timeline.Api.Tests.Features.Editing;
using Timeline.Api.Tests.Infrastructure;

namespace Timeline.Api.Tests.Features.Commitments;

/// <summary>Commitment writes name the treaties that made them (<c>treaties</c>): create, replace, patch, unknown slugs, the change log and ETags.</summary>
public sealed class CommitmentTreatyWriteTests(TimelineApiFactory factory) : IClassFixture<TimelineApiFactory>
{
    private const string UnionState = "union-state-treaty-1999";
    private const string Guarantees = "security-guarantees-treaty-2024";

    private static JsonObject Body(string slug, params string[] treaties) => new()
    {
        ["slug"] = slug,
        ["title"] = "Joint weather service",
        ["category"] = "social",
        ["parties"] = new JsonArray("belarus", "russia"),
        ["timelines"] = new JsonArray("union-state"),
        ["treaties"] = new JsonArray([.. treaties.Select(t => (JsonNode)t)]),
    };

    private Task<List<string>> TreatiesInDbAsync(string slug) =>
        factory.WithDbAsync(db => db.Commitments.Where(c => c.Slug == slug).SelectMany(c => c.Treaties).Select(t => t.Slug).OrderBy(t => t).ToListAsync());

    private static IEnumerable<string> TreatySlugs(JsonElement commitment) => commitment.GetProperty("treaties").EnumerateArray().Select(t => t.Str("slug"));

    [Fact]
    public async Task Create_WithTreaties_LinksThem_BothWays_AndLogsThem()
    {
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        var slug = WriteClient.NewSlug("weather-service");

        using var created = await client.SendAsync(HttpMethod.Post, "/api/v1/commitments", Body(slug, UnionState));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        Assert.Equal([UnionState], TreatySlugs(body));
        Assert.Equal("Treaty on the Creation of a Union State", body.GetProperty("treaties")[0].Str("title"));
        Assert.Equal([UnionState], await TreatiesInDbAsync(slug));
        Assert.Equal(created.Headers.ETag!.ToString(), await client.ETagOfAsync($"/api/v1/commitments/{slug}"));
        var treaty = await factory.GetJsonAsync<JsonElement>($"/api/v1/treaties/{UnionState}");
        Assert.Contains(treaty.GetProperty("commitments").EnumerateArray(), c => c.Str("slug") == slug);
        var change = (await factory.GetJsonAsync<JsonElement>($"/api/v1/commitments/{slug}/changes")).Items().Single();
        Assert.Equal("create", change.Str("operation"));
    }

    [Fact]
    public async Task PatchAndReplace_ChangeTheTreaties_WithANewETagAndAChangeLogEntryNamingTheField()
    {
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        var slug = WriteClient.NewSlug("weather-service");
        var url = $"/api/v1/commitments/{slug}";
        using var created = await client.SendAsync(HttpMethod.Post, "/api/v1/commitments", Body(slug, UnionState));
        var etag = created.Headers.ETag!.ToString();

        using var patched = await client.SendAsync(HttpMethod.Patch, url,
            new JsonObject { ["treaties"] = new JsonArray(UnionState, Guarantees) }, etag, "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.NotEqual(etag, patched.Headers.ETag!.ToString());
        Assert.Equal([UnionState, Guarantees], TreatySlugs(await patched.JsonAsync()));
        Assert.Equal([Guarantees, UnionState], await TreatiesInDbAsync(slug));
        var change = (await factory.GetJsonAsync<JsonElement>($"{url}/changes")).Items().First();
        Assert.Equal("update", change.Str("operation"));
        var field = Assert.Single(change.GetProperty("changes").EnumerateArray());
        Assert.Equal("treaties", field.Str("field"));
        Assert.Equal([UnionState], field.GetProperty("before").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal([Guarantees, UnionState], field.GetProperty("after").EnumerateArray().Select(t => t.GetString()));
        var guarantees = await factory.GetJsonAsync<JsonElement>($"/api/v1/treaties/{Guarantees}");
        Assert.Contains(guarantees.GetProperty("commitments").EnumerateArray(), c => c.Str("slug") == slug);

        using var replaced = await client.SendAsync(HttpMethod.Put, url, Body(slug), patched.Headers.ETag!.ToString());

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Empty(TreatySlugs(await replaced.JsonAsync()));
        Assert.Empty(await TreatiesInDbAsync(slug));
        guarantees = await factory.GetJsonAsync<JsonElement>($"/api/v1/treaties/{Guarantees}");
        Assert.DoesNotContain(guarantees.GetProperty("commitments").EnumerateArray(), c => c.Str("slug") == slug);
        Assert.Equal(3, (await factory.GetJsonAsync<JsonElement>($"{url}/changes")).Items().Count());

        // Writing the same treaties again changes nothing: no new version, no log entry.
        using var same = await client.SendAsync(HttpMethod.Patch, url,
            new JsonObject { ["treaties"] = new JsonArray() }, replaced.Headers.ETag!.ToString(), "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(replaced.Headers.ETag!.ToString(), same.Headers.ETag!.ToString());
        Assert.Equal(3, (await factory.GetJsonAsync<JsonElement>($"{url}/changes")).Items().Count());
    }

    [Fact]
    public async Task UnknownTreaty_Is400NamingTheField_AndChangesNothing()
    {
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        var slug = WriteClient.NewSlug("weather-service");
        var url = $"/api/v1/commitments/{slug}";

        using var refusedCreate = await client.SendAsync(HttpMethod.Post, "/api/v1/commitments", Body(slug, "no-such-treaty"));
        Assert.Equal(HttpStatusCode.BadRequest, refusedCreate.StatusCode);
        Assert.Equal("application/problem+json", refusedCreate.Content.Headers.ContentType?.MediaType);
        Assert.Contains((await refusedCreate.JsonAsync()).FieldErrors(), e => e.Name == "treaties[0]" && e.Reason.Contains("no-such-treaty", StringComparison.Ordinal));
        Assert.False(await factory.WithDbAsync(db => db.Commitments.IgnoreQueryFilters().AnyAsync(c => c.Slug == slug)));

        using var created = await client.SendAsync(HttpMethod.Post, "/api/v1/commitments", Body(slug, UnionState));
        var etag = created.Headers.ETag!.ToString();
        using var refusedPatch = await client.SendAsync(HttpMethod.Patch, url,
            new JsonObject { ["treaties"] = new JsonArray(UnionState, "no-such-treaty") }, etag, "application/merge-patch+json");
        using var refusedPut = await client.SendAsync(HttpMethod.Put, url, Body(slug, "Not A Slug"), etag);
        using var wrongType = await client.SendAsync(HttpMethod.Patch, url,
            new JsonObject { ["treaties"] = UnionState }, etag, "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.BadRequest, refusedPatch.StatusCode);
        Assert.Contains((await refusedPatch.JsonAsync()).FieldErrors(), e => e.Name == "treaties[1]");
        Assert.Equal(HttpStatusCode.BadRequest, refusedPut.StatusCode);
        Assert.Contains((await refusedPut.JsonAsync()).FieldErrors(), e => e.Name.StartsWith("treaties", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Equal("application/problem+json", wrongType.Content.Headers.ContentType?.MediaType);
        Assert.Equal(etag, await client.ETagOfAsync(url));
        Assert.Equal([UnionState], await TreatiesInDbAsync(slug));
        Assert.Single((await factory.GetJsonAsync<JsonElement>($"{url}/changes")).Items());
    }
}
