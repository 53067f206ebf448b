using System.Net;
using System.Text.Json;
using Timeline.Api.Tests.Infrastructure;

namespace Timeline.Api.Tests.Features.Search;

[Collection(BundledData.Name)]
public sealed class SearchTests(TimelineApiFactory factory)
{
    [Theory]
    [InlineData("Lukashenka")]
    [InlineData("Lukashenko")]
    [InlineData("Лукашенко")]
    [InlineData("Лукашэнка")]
    public async Task Search_AnySpellingOfAnActor_FindsTheSameActor(string q)
    {
        var page = await factory.GetJsonAsync<JsonElement>($"/api/v1/search?kind=actor&q={Uri.EscapeDataString(q)}");
        var hit = Assert.Single(page.Items(), h => h.Str("slug") == "alyaksandr-lukashenka");
        Assert.Equal("/api/v1/actors/alyaksandr-lukashenka", hit.Str("href"));
    }

    [Fact]
    public async Task Search_AcrossKinds_FindsEventsCommitmentsAndQuotes()
    {
        var currency = await factory.GetJsonAsync<JsonElement>("/api/v1/search?q=currency&limit=200");
        Assert.Contains(currency.Items(), h => h.Str("kind") == "commitment" && h.Str("slug") == "single-currency");
        Assert.Contains(currency.Items(), h => h.Str("kind") == "event");

        var quote = await factory.GetJsonAsync<JsonElement>("/api/v1/search?q=declarative&kind=quote");
        Assert.NotEmpty(quote.Items());
        Assert.All(quote.Items(), h => Assert.Equal("quote", h.Str("kind")));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("*")]
    [InlineData("a OR")]
    [InlineData("NEAR(a b")]
    [InlineData("' OR 1=1 --")]
    [InlineData("^^^")]
    [InlineData("col:value")]
    [InlineData("\u0000")]
    [InlineData("😀 🇧🇾")]
    [InlineData("ﷺ")]
    public async Task Search_OddText_NeverFails(string q)
    {
        using var client = factory.CreateClient();
        foreach (var path in new[] { "/api/v1/search", "/api/v1/events", "/api/v1/commitments", "/api/v1/actors" })
        {
            using var response = await client.GetAsync(new Uri($"{path}?q={Uri.EscapeDataString(q)}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Search_WithoutQ_Returns400NamingQ()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/v1/search", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((await response.JsonAsync()).FieldErrors(), e => e.Name == "q");
    }
}
