using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Infrastructure.Auth;
using Timeline.Api.Tests.Features.Editing;
using Timeline.Api.Tests.Infrastructure;

namespace Timeline.Api.Tests.Features.Treaties;

/// <summary>Treaty writes over HTTP: validation, If-Match, idempotency, the change log, soft delete and search, and the record's rules.</summary>
public sealed class TreatyWriteTests(TimelineApiFactory factory) : IClassFixture<TimelineApiFactory>
{
    private static JsonObject TreatyBody(string slug) => new()
    {
        ["slug"] = slug,
        ["title"] = "Agreement on joint weather stations",
        ["shortTitle"] = "Weather agreement",
        ["kind"] = "agreement",
        ["signedOn"] = "2026-05-01",
        ["place"] = "Vitebsk",
        ["parties"] = new JsonArray("belarus", "russia"),
        ["commitments"] = new JsonArray("single-currency"),
        ["timelines"] = new JsonArray("union-state"),
    };

    private static JsonObject Action(string? party, string kind, string date)
    {
        var body = new JsonObject
        {
            ["kind"] = kind,
            ["date"] = date,
            ["body"] = "House of Representatives",
            ["sources"] = new JsonArray(new JsonObject { ["url"] = $"https://example.org/treaty/{kind}-{date}", ["publisher"] = "Example News" }),
        };
        if (party is not null)
            body["party"] = party;
        return body;
    }

    private async Task<(HttpClient Client, string Slug)> CreatedAsync()
    {
        var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        var slug = WriteClient.NewSlug("weather-agreement");
        using var created = await client.SendAsync(HttpMethod.Post, "/api/v1/treaties", TreatyBody(slug));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (client, slug);
    }

    [Fact]
    public async Task CreateTreaty_Answers201WithLocationAndETag_AndIsReadSearchedAndLogged()
    {
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        var slug = WriteClient.NewSlug("weather-agreement");

        using var created = await client.SendAsync(HttpMethod.Post, "/api/v1/treaties", TreatyBody(slug));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/treaties/{slug}", created.Headers.Location?.ToString());
        Assert.Equal(created.Headers.ETag!.ToString(), await client.ETagOfAsync($"/api/v1/treaties/{slug}"));
        var body = await created.JsonAsync();
        Assert.Equal("not-signed", body.GetProperty("parties")[0].Str("status"));
        Assert.Equal("single-currency", body.GetProperty("commitments")[0].Str("slug"));
        Assert.True(await factory.WithDbAsync(db => db.Treaties.AnyAsync(t => t.Slug == slug && t.Version == 1)));
        var search = await factory.GetJsonAsync<JsonElement>("/api/v1/search?q=weather%20stations&kind=treaty");
        Assert.Contains(search.Items(), h => h.Str("slug") == slug);
        var changes = await factory.GetJsonAsync<JsonElement>($"/api/v1/treaties/{slug}/changes");
        Assert.Equal("create", changes.Items().Single().Str("operation"));
    }

    [Fact]
    public async Task RecordAction_ARatificationDatedBeforeTheSignature_Is400NamingDate_AndRecordsNothing()
    {
        var (client, slug) = await CreatedAsync();
        using var signed = await client.SendAsync(HttpMethod.Post, $"/api/v1/treaties/{slug}/actions", Action("belarus", "signature", "2026-05-01"));
        Assert.Equal(HttpStatusCode.Created, signed.StatusCode);
        var count = await factory.WithDbAsync(db => db.TreatyActions.CountAsync());

        using var early = await client.SendAsync(HttpMethod.Post, $"/api/v1/treaties/{slug}/actions", Action("belarus", "ratification", "2026-04-30"));

        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Equal("application/problem+json", early.Content.Headers.ContentType?.MediaType);
        var error = Assert.Single((await early.JsonAsync()).FieldErrors());
        Assert.Equal("date", error.Name);
        Assert.Contains("before the party's signature", error.Reason, StringComparison.Ordinal);
        Assert.Equal(count, await factory.WithDbAsync(db => db.TreatyActions.CountAsync()));
        client.Dispose();
    }

    [Fact]
    public async Task RecordAction_AnEntryIntoForceBeforeTheLastRatification_Is400_ButProvisionalApplicationIsNot()
    {
        var (client, slug) = await CreatedAsync();
        foreach (var (party, kind, date) in new[] { ("belarus", "signature", "2026-05-01"), ("russia", "signature", "2026-05-01"), ("russia", "ratification", "2026-06-10") })
        {
            using var ok = await client.SendAsync(HttpMethod.Post, $"/api/v1/treaties/{slug}/actions", Action(party, kind, date));
            Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        }

        using var early = await client.SendAsync(HttpMethod.Post, $"/api/v1/treaties/{slug}/actions", Action(null, "entry-into-force", "2026-06-01"));
        using var provisional = await client.SendAsync(HttpMethod.Post, $"/api/v1/treaties/{slug}/actions", Action(null, "provisional-application", "2026-06-01"));

        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Equal("date", Assert.Single((await early.JsonAsync()).FieldErrors()).Name);
        Assert.Equal(HttpStatusCode.Created, provisional.StatusCode);
        var treaty = await factory.GetJsonAsync<JsonElement>($"/api/v1/treaties/{slug}?asOf=2026-06-02");
        Assert.True(treaty.GetProperty("inForce").GetBoolean());
        Assert.True(treaty.GetProperty("provisional").GetBoolean());
        client.Dispose();
    }

    [Theory]
    [InlineData("kind", "\"ratify\"", "kind")]
    [InlineData("date", "\"2026-02-30\"", "date")]
    [InlineData("sources", "[]", "sources")]
    [InlineData("party", "\"ukraine\"", "party")]
    [InlineData("event", "\"no-such-event\"", "event")]
    public async Task RecordAction_Invalid_Is400NamingTheField_AndRecordsNothing(string field, string json, string errorName)
    {
        var (client, slug) = await CreatedAsync();
        var body = Action("belarus", "signature", "2026-05-01");
        body[field] = JsonNode.Parse(json);
        var count = await factory.WithDbAsync(db => db.TreatyActions.CountAsync());

        using var response = await client.SendAsync(HttpMethod.Post, $"/api/v1/treaties/{slug}/actions", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((await response.JsonAsync()).FieldErrors(), e => string.Equals(e.Name, errorName, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(count, await factory.WithDbAsync(db => db.TreatyActions.CountAsync()));
        client.Dispose();
    }

    [Fact]
    public async Task RecordAndRetractAction_MoveThePartysStatus_KeepTheRecord_AndAreLogged()
    {
        var (editor, slug) = await CreatedAsync();
        using var admin = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Admin));
        var url = $"/api/v1/treaties/{slug}";
        var etag = await editor.ETagOfAsync(url);

        using var signed = await editor.SendAsync(HttpMethod.Post, $"{url}/actions", Action("russia", "signature", "2026-05-01"), etag);
        Assert.Equal(HttpStatusCode.Created, signed.StatusCode);
        Assert.Equal($"{url}/actions", signed.Headers.Location?.ToString());
        var id = (await signed.JsonAsync()).GetProperty("id").GetInt64();
        using var stale = await editor.SendAsync(HttpMethod.Post, $"{url}/actions", Action("belarus", "signature", "2026-05-01"), etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        using var duplicate = await editor.SendAsync(HttpMethod.Post, $"{url}/actions", Action("russia", "signature", "2026-05-01"));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);

        var treaty = await factory.GetJsonAsync<JsonElement>(url);
        Assert.Equal("signed", treaty.GetProperty("parties").EnumerateArray().Single(p => p.GetProperty("party").Str("slug") == "russia").Str("status"));

        using var byEditor = await editor.SendAsync(HttpMethod.Post, $"{url}/actions/{id}/retraction", new JsonObject { ["reason"] = "Wrong" });
        using var retracted = await admin.SendAsync(HttpMethod.Post, $"{url}/actions/{id}/retraction", new JsonObject { ["reason"] = "Misread the report." });
        using var twice = await admin.SendAsync(HttpMethod.Post, $"{url}/actions/{id}/retraction", new JsonObject { ["reason"] = "Again" });

        Assert.Equal(HttpStatusCode.Forbidden, byEditor.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retracted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        treaty = await factory.GetJsonAsync<JsonElement>(url);
        Assert.Equal("not-signed", treaty.GetProperty("parties").EnumerateArray().Single(p => p.GetProperty("party").Str("slug") == "russia").Str("status"));
        var kept = Assert.Single(treaty.GetProperty("actions").EnumerateArray(), a => a.GetProperty("id").GetInt64() == id);
        Assert.Equal("Misread the report.", kept.GetProperty("retraction").Str("reason"));
        Assert.True(await factory.WithDbAsync(db => db.TreatyActions.AnyAsync(a => a.Id == id && a.RetractedAt != null)));
        var changes = await factory.GetJsonAsync<JsonElement>($"{url}/changes");
        Assert.Equal(["retract", "record", "create"], changes.Items().Select(c => c.Str("operation")));
        editor.Dispose();
    }

    [Fact]
    public async Task RecordAction_IsListedAmongTheTimelinesEvents_UntilRetractedOrItsTreatyDeleted()
    {
        var (editor, slug) = await CreatedAsync();
        using var admin = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Admin));
        const string list = "/api/v1/timelines/union-state/events?include=treaty-actions&from=2026-05-01&to=2026-05-01&limit=200";
        IEnumerable<JsonElement> Listed(JsonElement page) => page.GetProperty("treatyActions").EnumerateArray().Where(a => a.GetProperty("treaty").Str("slug") == slug);
        var before = await editor.ETagOfAsync(list);
        Assert.Empty(Listed(await factory.GetJsonAsync<JsonElement>(list)));

        using var signed = await editor.SendAsync(HttpMethod.Post, $"/api/v1/treaties/{slug}/actions", Action("belarus", "signature", "2026-05-01"));
        Assert.Equal(HttpStatusCode.Created, signed.StatusCode);
        var id = (await signed.JsonAsync()).GetProperty("id").GetInt64();

        Assert.NotEqual(before, await editor.ETagOfAsync(list));
        var listed = Assert.Single(Listed(await factory.GetJsonAsync<JsonElement>(list)));
        Assert.Equal(id, listed.GetProperty("id").GetInt64());
        Assert.Equal("belarus", listed.GetProperty("party").Str("slug"));
        Assert.Equal("signature", listed.Str("kind"));
        Assert.Equal("2026-05-01", listed.GetProperty("date").Str("edtf"));
        Assert.Equal("House of Representatives", listed.Str("body"));
        Assert.Equal("Agreement on joint weather stations", listed.GetProperty("treaty").Str("title"));
        Assert.Equal("https://example.org/treaty/signature-2026-05-01", Assert.Single(listed.GetProperty("sources").EnumerateArray()).Str("url"));
        var ofBelarus = await factory.GetJsonAsync<JsonElement>("/api/v1/actors/belarus/events?include=treaty-actions&from=2026-05-01&to=2026-05-01");
        Assert.Single(Listed(ofBelarus));
        var ofRussia = await factory.GetJsonAsync<JsonElement>("/api/v1/actors/russia/events?include=treaty-actions&from=2026-05-01&to=2026-05-01");
        Assert.Empty(Listed(ofRussia));

        using var retracted = await admin.SendAsync(HttpMethod.Post, $"/api/v1/treaties/{slug}/actions/{id}/retraction", new JsonObject { ["reason"] = "Misread the report." });
        Assert.Equal(HttpStatusCode.OK, retracted.StatusCode);
        Assert.Empty(Listed(await factory.GetJsonAsync<JsonElement>(list)));

        using var again = await editor.SendAsync(HttpMethod.Post, $"/api/v1/treaties/{slug}/actions", Action("russia", "signature", "2026-05-01"));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Single(Listed(await factory.GetJsonAsync<JsonElement>(list)));
        using var deleted = await editor.SendAsync(HttpMethod.Delete, $"/api/v1/treaties/{slug}", ifMatch: await editor.ETagOfAsync($"/api/v1/treaties/{slug}"));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(Listed(await factory.GetJsonAsync<JsonElement>(list)));
        Assert.True(await factory.WithDbAsync(db => db.TreatyActions.AnyAsync(a => a.Id == id && a.RetractedAt != null)));
        editor.Dispose();
    }

    [Fact]
    public async Task RecordAction_IsANewAtomEntry_AndADayInTheCalendar()
    {
        var (client, slug) = await CreatedAsync();
        using var signed = await client.SendAsync(HttpMethod.Post, $"/api/v1/treaties/{slug}/actions", Action("belarus", "signature", "2026-05-01"));
        var id = (await signed.JsonAsync()).GetProperty("id").GetInt64();

        var atom = await client.GetStringAsync(new Uri("/api/v1/timelines/union-state/feed.atom", UriKind.Relative));
        Assert.Contains($"<id>urn:timeline:treaty:{slug}:action:{id}</id>", atom, StringComparison.Ordinal);
        Assert.Contains("Agreement on joint weather stations: Belarus, signature (2026-05-01)", atom, StringComparison.Ordinal);
        Assert.Contains($"/api/v1/treaties/{slug}/actions", atom, StringComparison.Ordinal);

        var ics = await client.GetStringAsync(new Uri("/api/v1/timelines/union-state/calendar.ics", UriKind.Relative));
        var vevent = ics.Split("BEGIN:VEVENT").Single(v => v.Contains($"UID:treaty-action-{id}@timeline", StringComparison.Ordinal));
        Assert.Contains("DTSTART;VALUE=DATE:20260501", vevent, StringComparison.Ordinal);
        Assert.Contains("SUMMARY;LANGUAGE=en:Weather agreement: Belarus\\, signature", vevent, StringComparison.Ordinal);
        Assert.Contains("CATEGORIES:treaty-action,signature", vevent, StringComparison.Ordinal);
        client.Dispose();
    }

    [Fact]
    public async Task RecordAction_WithAnIdempotencyKey_IsRecordedOnce()
    {
        var (client, slug) = await CreatedAsync();
        var key = Guid.NewGuid().ToString("N");

        using var first = await client.SendAsync(HttpMethod.Post, $"/api/v1/treaties/{slug}/actions", Action("belarus", "signature", "2026-05-01"), idempotencyKey: key);
        using var retry = await client.SendAsync(HttpMethod.Post, $"/api/v1/treaties/{slug}/actions", Action("belarus", "signature", "2026-05-01"), idempotencyKey: key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal((await first.JsonAsync()).GetProperty("id").GetInt64(), (await retry.JsonAsync()).GetProperty("id").GetInt64());
        Assert.Equal(1, await factory.WithDbAsync(db => db.Treaties.Where(t => t.Slug == slug).SelectMany(t => t.Actions).CountAsync()));
        client.Dispose();
    }

    [Fact]
    public async Task ReplacePatchAndDelete_NeedIfMatch_AndDeleteHidesTheTreaty()
    {
        var (client, slug) = await CreatedAsync();
        var url = $"/api/v1/treaties/{slug}";

        using var noIfMatch = await client.SendAsync(HttpMethod.Put, url, TreatyBody(slug));
        Assert.Equal(HttpStatusCode.PreconditionRequired, noIfMatch.StatusCode);

        var replaced = TreatyBody(slug);
        replaced["title"] = "Agreement on joint weather and climate stations";
        using var put = await client.SendAsync(HttpMethod.Put, url, replaced, await client.ETagOfAsync(url));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("Agreement on joint weather and climate stations", (await put.JsonAsync()).Str("title"));

        using var patch = await client.SendAsync(HttpMethod.Patch, url, new JsonObject { ["place"] = "Orsha" }, await client.ETagOfAsync(url), "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal("Orsha", (await patch.JsonAsync()).Str("place"));

        using var badPatch = await client.SendAsync(HttpMethod.Patch, url, new JsonObject { ["kind"] = "pact" }, await client.ETagOfAsync(url), "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.BadRequest, badPatch.StatusCode);
        Assert.Contains((await badPatch.JsonAsync()).FieldErrors(), e => e.Name == "kind");

        using var delete = await client.SendAsync(HttpMethod.Delete, url, ifMatch: await client.ETagOfAsync(url));
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var gone = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.Treaties.IgnoreQueryFilters().AnyAsync(t => t.Slug == slug && t.DeletedAt != null)));
        var changes = await factory.GetJsonAsync<JsonElement>($"{url}/changes");
        Assert.Equal(["delete", "update", "update", "create"], changes.Items().Select(c => c.Str("operation")));
        client.Dispose();
    }

    [Fact]
    public async Task ReplaceTreaty_MovingTheSigningAfterARecordedRatification_Is400NamingSignedOn()
    {
        var (client, slug) = await CreatedAsync();
        var url = $"/api/v1/treaties/{slug}";
        using var ratified = await client.SendAsync(HttpMethod.Post, $"{url}/actions", Action("russia", "ratification", "2026-06-10"));
        Assert.Equal(HttpStatusCode.Created, ratified.StatusCode);

        var later = TreatyBody(slug);
        later["signedOn"] = "2026-07-01";
        using var put = await client.SendAsync(HttpMethod.Put, url, later, await client.ETagOfAsync(url));

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains((await put.JsonAsync()).FieldErrors(), e => e.Name == "signedOn");
        Assert.Equal("2026-05-01", (await factory.GetJsonAsync<JsonElement>(url)).GetProperty("signedOn").Str("edtf"));
        client.Dispose();
    }
}
