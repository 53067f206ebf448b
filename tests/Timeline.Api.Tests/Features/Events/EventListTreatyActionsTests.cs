using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Tests.Infrastructure;

namespace Timeline.Api.Tests.Features.Events;

/// <summary>
/// Treaty actions listed among a timeline's events (<c>include=treaty-actions</c>) over HTTP on the bundled data: the same
/// date order and one cursor over both, the filters that apply to them, the ones refused, and the default list unchanged.
/// </summary>
[Collection(BundledData.Name)]
public sealed class EventListTreatyActionsTests(TimelineApiFactory factory)
{
    /// <summary>One item of a merged page: its day, whether it is a treaty action, and its key (event slug or action id).</summary>
    private sealed record Listed(DateOnly Day, bool IsAction, string Key);

    private static IEnumerable<Listed> Merged(JsonElement page) =>
        page.Items().Select(e => new Listed(Day(e), false, e.Str("slug")))
            .Concat(page.GetProperty("treatyActions").EnumerateArray().Select(a => new Listed(Day(a), true, a.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture))));

    private static DateOnly Day(JsonElement item) => DateOnly.Parse(item.GetProperty("date").Str("start"), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task TimelineEvents_WithTreatyActions_ListTheUnionStateTreatysRecordAmongItsEvents()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/v1/timelines/union-state/events?include=treaty-actions&from=1999-12&to=2000-01&limit=200", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        Assert.NotNull(response.Headers.CacheControl);
        var page = await response.JsonAsync();
        Assert.Contains(page.Items(), e => e.Str("slug") == "1999-12-08-union-state-treaty");
        var actions = page.GetProperty("treatyActions").EnumerateArray().Where(a => a.GetProperty("treaty").Str("slug") == "union-state-treaty-1999").ToList();
        var record = actions.Select(a => (a.GetProperty("party").ValueKind == JsonValueKind.Null ? "treaty" : a.GetProperty("party").Str("slug"), a.Str("kind"), a.GetProperty("date").Str("edtf"))).ToList();
        Assert.Contains(("russia", "signature", "1999-12-08"), record);
        Assert.Contains(("belarus", "signature", "1999-12-08"), record);
        Assert.Contains(("russia", "ratification", "1999-12-22"), record);
        Assert.Contains(("belarus", "ratification", "2000-01-26"), record);
        Assert.Contains(("treaty", "entry-into-force", "2000-01-26"), record);
        var duma = actions.Single(a => a.Str("kind") == "ratification" && a.GetProperty("party").Str("slug") == "russia");
        Assert.Equal("State Duma", duma.Str("body"));
        Assert.Equal("Treaty on the Creation of a Union State", duma.GetProperty("treaty").Str("title"));
        Assert.NotEmpty(duma.GetProperty("sources").EnumerateArray());
        Assert.All(duma.GetProperty("sources").EnumerateArray(), s => Assert.StartsWith("http", s.Str("url"), StringComparison.Ordinal));
        var signature = actions.First(a => a.Str("kind") == "signature");
        Assert.Equal("1999-12-08-union-state-treaty", signature.GetProperty("event").Str("slug"));

        // Within the window, and in the list's date order.
        var merged = Merged(page).ToList();
        Assert.All(merged, m => Assert.InRange(m.Day, new DateOnly(1999, 12, 1), new DateOnly(2000, 1, 31)));
        var days = page.GetProperty("treatyActions").EnumerateArray().Select(Day).ToList();
        Assert.Equal(days.Order(), days);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/timelines/union-state/events?include=treaty-actions&from=1999-12&to=2000-01&limit=200");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var notModified = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task EventList_WithoutInclude_HasNoTreatyActions_AndTheSameETagAsBefore()
    {
        using var client = factory.CreateClient();
        using var plain = await client.GetAsync(new Uri("/api/v1/timelines/union-state/events?from=1999-12&to=2000-01", UriKind.Relative));
        using var with = await client.GetAsync(new Uri("/api/v1/timelines/union-state/events?from=1999-12&to=2000-01&include=treaty-actions", UriKind.Relative));

        var body = await plain.Content.ReadAsStringAsync();
        Assert.DoesNotContain("treatyActions", body, StringComparison.Ordinal);
        Assert.NotEqual(plain.Headers.ETag, with.Headers.ETag);
        var included = await with.JsonAsync();
        Assert.Equal((await plain.JsonAsync()).Items().Select(e => e.Str("slug")), included.Items().Select(e => e.Str("slug")));
    }

    [Theory]
    [InlineData("/api/v1/events?include=treaty-actions", 7)]
    [InlineData("/api/v1/events?include=treaty-actions&sort=-date", 5)]
    [InlineData("/api/v1/timelines/union-state/events?include=treaty-actions&from=1996&to=2000", 3)]
    public async Task Paging_WithTreatyActions_WalksBothListsUnderOneCursor_WithoutRepeatsOrGaps(string url, int limit)
    {
        using var client = factory.CreateClient();
        var descending = url.Contains("-date", StringComparison.Ordinal);
        var walked = new List<Listed>();
        var next = $"{url}&limit={limit}";
        for (var i = 0; i < 500 && next is not null; i++)
        {
            using var response = await client.GetAsync(new Uri(next, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.JsonAsync();
            var items = Merged(page).ToList();
            Assert.InRange(items.Count, 0, limit);
            var cursor = page.GetProperty("nextCursor");
            Assert.Equal(cursor.ValueKind != JsonValueKind.Null, response.Headers.Contains("Link"));
            if (cursor.ValueKind != JsonValueKind.Null)
                Assert.Equal(limit, items.Count);
            // A page in list order: by day, a day's events before its actions (the reverse with -date).
            walked.AddRange(descending
                ? items.OrderByDescending(m => m.Day).ThenByDescending(m => m.IsAction)
                : items.OrderBy(m => m.Day).ThenBy(m => m.IsAction));
            next = cursor.ValueKind == JsonValueKind.Null ? null : $"{url}&limit={limit}&cursor={cursor.GetString()}";
        }

        Assert.Null(next);
        Assert.Equal(walked.Count, walked.Distinct().Count());
        var days = walked.Select(w => w.Day).ToList();
        Assert.Equal(descending ? days.OrderDescending() : days.Order(), days);

        // Everything the list covers, once: the same events as the list without treaty actions, and every counted action in scope.
        var plain = url.Replace("include=treaty-actions", "limit=200", StringComparison.Ordinal);
        var events = new List<string>();
        for (var page = await factory.GetJsonAsync<JsonElement>(plain); ; page = await factory.GetJsonAsync<JsonElement>($"{plain}&cursor={page.Str("nextCursor")}"))
        {
            events.AddRange(page.Items().Select(e => e.Str("slug")));
            if (page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null)
                break;
        }

        Assert.Equal(events.Order(StringComparer.Ordinal), walked.Where(w => !w.IsAction).Select(w => w.Key).Order(StringComparer.Ordinal));
        var windowed = url.Contains("from=1996", StringComparison.Ordinal);
        var actions = await factory.WithDbAsync(db => db.TreatyActions
            .Where(a => a.RetractedAt == null && db.Treaties.Any(t => t.Id == a.TreatyId))
            .Where(a => !windowed || (a.DateEnd >= new DateOnly(1996, 1, 1) && a.DateStart <= new DateOnly(2000, 12, 31)))
            .Select(a => a.Id).ToListAsync());
        Assert.NotEmpty(actions);
        Assert.Equal(actions.Order(), walked.Where(w => w.IsAction).Select(w => long.Parse(w.Key, System.Globalization.CultureInfo.InvariantCulture)).Order());
    }

    [Fact]
    public async Task WithActor_TheActionsAreThoseThatActorTookAsAParty()
    {
        var page = await factory.GetJsonAsync<JsonElement>("/api/v1/events?include=treaty-actions&actor=belarus&from=2025&to=2025&limit=200");
        var actions = page.GetProperty("treatyActions").EnumerateArray().ToList();

        Assert.NotEmpty(actions);
        Assert.All(actions, a => Assert.Equal("belarus", a.GetProperty("party").Str("slug")));
        Assert.Contains(actions, a => a.GetProperty("treaty").Str("slug") == "security-guarantees-treaty-2024" && a.Str("kind") == "ratification"
            && a.GetProperty("date").Str("edtf") == "2025-03-04");

        var ofActor = await factory.GetJsonAsync<JsonElement>("/api/v1/actors/russia/events?include=treaty-actions&from=2025&to=2025&limit=200");
        Assert.NotEmpty(ofActor.GetProperty("treatyActions").EnumerateArray());
        Assert.All(ofActor.GetProperty("treatyActions").EnumerateArray(), a => Assert.Equal("russia", a.GetProperty("party").Str("slug")));
    }

    [Theory]
    [InlineData("/api/v1/events?include=everything", "include")]
    [InlineData("/api/v1/events?include=treaty-actions&kind=summit", "kind")]
    [InlineData("/api/v1/events?include=treaty-actions&status=planned", "status")]
    [InlineData("/api/v1/timelines/union-state/events?include=treaty-actions&tag=nuclear", "tag")]
    [InlineData("/api/v1/actors/belarus/events?include=treaty-actions&q=treaty", "q")]
    [InlineData("/api/v1/events?include=treaty-actions&cursor=nope", "cursor")]
    public async Task BadInput_Is400ProblemJsonNamingTheField(string url, string field)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.JsonAsync()).FieldErrors();
        Assert.Contains(errors, e => string.Equals(e.Name, field, StringComparison.OrdinalIgnoreCase) && e.Reason.Length > 0);
    }

    [Fact]
    public async Task ACursorOfOneKindOfList_IsRefusedByTheOther()
    {
        var plain = await factory.GetJsonAsync<JsonElement>("/api/v1/events?limit=2");
        var mixed = await factory.GetJsonAsync<JsonElement>("/api/v1/events?limit=2&include=treaty-actions");
        using var client = factory.CreateClient();

        using var plainCursorWithInclude = await client.GetAsync(new Uri($"/api/v1/events?limit=2&include=treaty-actions&cursor={plain.Str("nextCursor")}", UriKind.Relative));
        using var mixedCursorWithout = await client.GetAsync(new Uri($"/api/v1/events?limit=2&cursor={mixed.Str("nextCursor")}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, plainCursorWithInclude.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, mixedCursorWithout.StatusCode);
        Assert.Contains((await mixedCursorWithout.JsonAsync()).FieldErrors(), e => e.Name == "cursor");
    }
}
