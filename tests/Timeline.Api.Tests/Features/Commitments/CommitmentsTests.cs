using System.Text.Json;
using Timeline.Api.Tests.Infrastructure;

namespace Timeline.Api.Tests.Features.Commitments;

[Collection(BundledData.Name)]
public sealed class CommitmentsTests(TimelineApiFactory factory)
{
    private static readonly string[] TreatyCommitments =
    [
        "single-constitution", "single-currency", "union-state-court", "union-parliament",
        "joint-defence", "coordinated-foreign-policy", "coordinated-economic-policy",
    ];

    [Fact]
    public async Task ListCommitments_TheTreatysPromises_AreListedWithTheirCurrentStatus()
    {
        var page = await factory.GetJsonAsync<JsonElement>("/api/v1/timelines/union-state/commitments?limit=200");
        var bySlug = page.Items().ToDictionary(c => c.Str("slug"));

        foreach (var slug in TreatyCommitments)
            Assert.True(bySlug.ContainsKey(slug), $"{slug} is missing");

        // The current status is the latest assessment of each commitment's history.
        Assert.Equal("stalled", bySlug["single-currency"].Str("status"));
        Assert.Equal("stalled", bySlug["single-constitution"].Str("status"));
        Assert.Equal("materialised", bySlug["joint-defence"].Str("status"));
        Assert.Equal("1999-12-08-union-state-treaty", bySlug["single-currency"].GetProperty("madeIn").Str("slug"));
        foreach (var commitment in bySlug.Values)
        {
            var history = await factory.GetJsonAsync<JsonElement>($"/api/v1/commitments/{commitment.Str("slug")}/history");
            var latest = history.Items().Last();
            Assert.Equal(latest.Str("status"), commitment.Str("status"));
            Assert.Equal(latest.GetProperty("date").Str("edtf"), commitment.GetProperty("statusDate").Str("edtf"));
        }
    }

    [Fact]
    public async Task ListCommitments_AsOf8December2019_ReturnsEachStatusAsRecordedUpToThatDay()
    {
        var page = await factory.GetJsonAsync<JsonElement>("/api/v1/timelines/union-state/commitments?asOf=2019-12-08&limit=200");
        var bySlug = page.Items().ToDictionary(c => c.Str("slug"));

        Assert.Equal("stalled", bySlug["single-currency"].Str("status"));
        Assert.Equal("2019-09-16", bySlug["single-currency"].GetProperty("statusDate").Str("edtf"));
        // Nothing about the Normandy commitments had been recorded before the 9 December summit made them.
        Assert.Equal(JsonValueKind.Null, bySlug["normandy-commitments-2019"].GetProperty("status").ValueKind);

        foreach (var slug in TreatyCommitments)
        {
            var history = await factory.GetJsonAsync<JsonElement>($"/api/v1/commitments/{slug}/history");
            var expected = history.Items()
                .Where(a => string.CompareOrdinal(a.GetProperty("date").Str("end"), "2019-12-08") <= 0)
                .Last();
            Assert.Equal(expected.Str("status"), bySlug[slug].Str("status"));
        }
    }

    [Theory]
    [InlineData("2004-12-31", "in-progress")]
    [InlineData("2019-12-08", "stalled")]
    [InlineData("2002-08-13", "not-started")]
    [InlineData("1999-12-07", null)]
    public async Task GetCommitment_SingleCurrencyAsOf_ReturnsTheStatusRecordedByThen(string asOf, string? status)
    {
        var commitment = await factory.GetJsonAsync<JsonElement>($"/api/v1/commitments/single-currency?asOf={asOf}");
        Assert.Equal(status, commitment.GetProperty("status").GetString());
        Assert.True(commitment.GetProperty("history").GetArrayLength() >= 5, "the full history comes with the commitment");
    }

    [Theory]
    [InlineData("2002-08-13", null, null)]
    [InlineData("2002-08-14", "abandoned", "2002-08-14")]
    [InlineData("2003-01-01", "abandoned", "2002-08-14")]
    [InlineData("2005-01-01", "abandoned", "2002-08-14")]
    public async Task GetCommitment_JointPresidentialElectionsAsOf_IsAbandonedFromTheDayLukashenkaRejectedIt(string asOf, string? status, string? since)
    {
        var commitment = await factory.GetJsonAsync<JsonElement>($"/api/v1/commitments/joint-presidential-elections?asOf={asOf}");

        Assert.Equal(status, commitment.GetProperty("status").GetString());
        var statusDate = commitment.GetProperty("statusDate");
        Assert.Equal(since, statusDate.ValueKind == JsonValueKind.Null ? null : statusDate.Str("edtf"));
    }

    [Fact]
    public async Task ListCommitments_ByStatusCategoryAndParty_Filters()
    {
        var stalled = await factory.GetJsonAsync<JsonElement>("/api/v1/commitments?status=stalled&limit=200");
        Assert.NotEmpty(stalled.Items());
        Assert.All(stalled.Items(), c => Assert.Equal("stalled", c.Str("status")));

        var monetary = await factory.GetJsonAsync<JsonElement>("/api/v1/commitments?category=monetary");
        Assert.Equal(["single-currency"], monetary.Items().Select(c => c.Str("slug")));

        var russia = await factory.GetJsonAsync<JsonElement>("/api/v1/commitments?party=russia&limit=200");
        Assert.Contains(russia.Items(), c => c.Str("slug") == "single-currency");
        Assert.All(russia.Items(), c => Assert.Contains(c.GetProperty("parties").EnumerateArray(), p => p.Str("slug") == "russia"));

        var asOfStalled = await factory.GetJsonAsync<JsonElement>("/api/v1/commitments?status=in-progress&asOf=2004-12-31&limit=200");
        Assert.Contains(asOfStalled.Items(), c => c.Str("slug") == "single-currency");
    }

    [Fact]
    public async Task ListCommitments_PagesKeepTheOrderTheyWereMadeIn()
    {
        var whole = await factory.GetJsonAsync<JsonElement>("/api/v1/commitments?limit=200");
        var first = await factory.GetJsonAsync<JsonElement>("/api/v1/commitments?limit=4");
        var second = await factory.GetJsonAsync<JsonElement>($"/api/v1/commitments?limit=4&cursor={first.Str("nextCursor")}");
        Assert.Equal(
            whole.Items().Take(8).Select(c => c.Str("slug")),
            first.Items().Concat(second.Items()).Select(c => c.Str("slug")));
    }

    [Fact]
    public async Task GetCommitmentHistory_IsOldestFirstAndSourced()
    {
        var history = await factory.GetJsonAsync<JsonElement>("/api/v1/commitments/single-currency/history");
        var items = history.Items().ToList();
        Assert.Equal("not-started", items[0].Str("status"));
        Assert.Equal("1999-12-08", items[0].GetProperty("date").Str("edtf"));
        var ends = items.Select(a => a.GetProperty("date").Str("end")).ToList();
        Assert.Equal(ends.Order(StringComparer.Ordinal), ends);
        Assert.All(items, a => Assert.NotEmpty(a.GetProperty("sources").EnumerateArray()));
    }
}
