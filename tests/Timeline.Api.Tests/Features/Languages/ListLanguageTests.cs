using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Timeline.Api.Tests.Features.Languages;

/// <summary>Stored texts in the language asked for on the lists of commitments and actors, and in the commitments CSV.</summary>
public sealed class ListLanguageTests(TranslatedApp app) : IClassFixture<TranslatedApp>
{
    private async Task<(HttpResponseMessage Response, string Text)> GetAsync(string url, string? acceptLanguage = null)
    {
        using var client = app.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptLanguage is not null)
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        var response = await client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private static JsonElement Item(JsonElement page, string slug, out int index)
    {
        var items = page.GetProperty("items").EnumerateArray().ToList();
        index = items.FindIndex(i => i.GetProperty("slug").GetString() == slug);
        Assert.True(index >= 0, $"{slug} is not on the page");
        return items[index];
    }

    private static List<(string Field, string Language)> Fallbacks(JsonElement body) =>
        [.. body.GetProperty("fallbacks").EnumerateArray().Select(f => (f.GetProperty("field").GetString()!, f.GetProperty("language").GetString()!))];

    [Fact]
    public async Task CommitmentList_LangBe_GivesTheBelarusianTitle_AndListsWhatFellBackByItsPlaceOnThePage()
    {
        var (response, text) = await GetAsync("/api/v1/timelines/union-state/commitments?limit=200&lang=be");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Accept-Language", response.Headers.Vary);
        var page = JsonDocument.Parse(text).RootElement;
        var currency = Item(page, "single-currency", out var at);
        Assert.Equal(TranslatedApp.BelarusianTitle, currency.GetProperty("title").GetString());
        var parties = currency.GetProperty("parties").EnumerateArray().ToList();
        Assert.Contains(parties, p => p.GetProperty("name").GetString() == TranslatedApp.BelarusianName);

        var fallbacks = Fallbacks(page);
        Assert.DoesNotContain(fallbacks, f => f.Field == $"/items/{at}/title");
        // Russia's name has no Belarusian version here: it is English, and the page says where.
        var russia = parties.FindIndex(p => p.GetProperty("slug").GetString() == "russia");
        Assert.Contains(($"/items/{at}/parties/{russia}/name", "en"), fallbacks);
    }

    [Fact]
    public async Task CommitmentList_AcceptLanguageRu_IsRussian_AndWithoutALanguageIsTheOriginalWithNoFallbacks()
    {
        var (_, russian) = await GetAsync("/api/v1/commitments?limit=200", "ru, en;q=0.5");
        Assert.Equal(TranslatedApp.RussianTitle, Item(JsonDocument.Parse(russian).RootElement, "single-currency", out _).GetProperty("title").GetString());

        var (response, original) = await GetAsync("/api/v1/commitments?limit=200");
        var page = JsonDocument.Parse(original).RootElement;
        Assert.Equal("Single currency", Item(page, "single-currency", out _).GetProperty("title").GetString());
        Assert.False(page.TryGetProperty("fallbacks", out _));
        Assert.Contains("Accept-Language", response.Headers.Vary);
    }

    [Fact]
    public async Task CommitmentList_TwoLanguages_TwoETags()
    {
        var (be, _) = await GetAsync("/api/v1/commitments?limit=200", "be");
        var (ru, _) = await GetAsync("/api/v1/commitments?limit=200", "ru");
        var (beAgain, beText) = await GetAsync("/api/v1/commitments?limit=200", "be");

        Assert.NotEqual(be.Headers.ETag, ru.Headers.ETag);
        // The Belarusian answer, cached after the Russian one, is still Belarusian.
        Assert.Equal(be.Headers.ETag, beAgain.Headers.ETag);
        Assert.Contains(TranslatedApp.BelarusianTitle, beText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActorList_LangBe_GivesBelarusianNames_AndFallsBackToTheOriginal()
    {
        var (response, text) = await GetAsync("/api/v1/actors?limit=200&lang=be");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = JsonDocument.Parse(text).RootElement;
        Assert.Equal(TranslatedApp.BelarusianName, Item(page, "belarus", out _).GetProperty("name").GetString());
        Assert.Equal("Russia", Item(page, "russia", out var russia).GetProperty("name").GetString());
        Assert.Contains(($"/items/{russia}/name", "en"), Fallbacks(page));
        // Aliases are spellings, not translations: the same in every language.
        var (_, original) = await GetAsync("/api/v1/actors?limit=200");
        Assert.Equal(
            Item(JsonDocument.Parse(original).RootElement, "alyaksandr-lukashenka", out _).GetProperty("aliases").GetRawText(),
            Item(page, "alyaksandr-lukashenka", out _).GetProperty("aliases").GetRawText());
    }

    [Fact]
    public async Task CommitmentsCsv_LangBe_HasTheBelarusianTitle_AndSaysItsLanguage()
    {
        var (response, csv) = await GetAsync("/api/v1/timelines/union-state/commitments.csv?lang=be");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(TranslatedApp.BelarusianTitle, csv, StringComparison.Ordinal);
        Assert.Contains("Accept-Language", response.Headers.Vary);
        var (_, english) = await GetAsync("/api/v1/timelines/union-state/commitments.csv");
        Assert.DoesNotContain(TranslatedApp.BelarusianTitle, english, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/events?from=2019-12&to=2019-12&limit=200&lang=be")]
    [InlineData("/api/v1/timelines/union-state/events?from=2019-12&to=2019-12&limit=200&lang=be")]
    [InlineData("/api/v1/actors/alyaksandr-lukashenka/events?from=2019-12&to=2019-12&limit=200&lang=be")]
    [InlineData("/api/v1/timelines/union-state/events?from=2019-12&to=2019-12&limit=200&lang=be&include=treaty-actions")]
    public async Task EventLists_LangBe_GiveTheBelarusianTitleAndActorNames_AndListWhatFellBack(string url)
    {
        var (response, text) = await GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Accept-Language", response.Headers.Vary);
        var page = JsonDocument.Parse(text).RootElement;
        var signing = Item(page, "2019-12-08-integration-plan-signing", out var at);
        Assert.Equal(TranslatedApp.BelarusianEvent, signing.GetProperty("title").GetString());
        var actors = signing.GetProperty("actors").EnumerateArray().ToList();
        Assert.Contains(actors, a => a.GetProperty("name").GetString() == "Аляксандр Лукашэнка (тэст)");

        var fallbacks = Fallbacks(page);
        Assert.DoesNotContain(fallbacks, f => f.Field == $"/items/{at}/title");
        // Its summary has no Belarusian version in this app: English, and the page says so.
        Assert.Contains(($"/items/{at}/summary", "en"), fallbacks);
        // Putin's name has no Belarusian version in this app.
        var putin = actors.FindIndex(a => a.GetProperty("slug").GetString() == "vladimir-putin");
        Assert.Equal("Vladimir Putin", actors[putin].GetProperty("name").GetString());
        Assert.Contains(($"/items/{at}/actors/{putin}/name", "en"), fallbacks);
    }

    [Fact]
    public async Task EventList_WithoutALanguage_IsTheStoredOriginal_WithNoFallbacks()
    {
        var (response, text) = await GetAsync("/api/v1/events?from=2019-12&to=2019-12&limit=200");

        var page = JsonDocument.Parse(text).RootElement;
        Assert.NotEqual(TranslatedApp.BelarusianEvent, Item(page, "2019-12-08-integration-plan-signing", out _).GetProperty("title").GetString());
        Assert.False(page.TryGetProperty("fallbacks", out _));
        Assert.Contains("Accept-Language", response.Headers.Vary);
        // The same stored JSON the read model keeps: a list that asks for no language is not re-serialized.
        var stored = await app.Factory.WithDbAsync(db => db.Events.Where(e => e.Slug == "2019-12-08-integration-plan-signing")
            .Select(e => Microsoft.EntityFrameworkCore.EF.Property<string>(e, "ListJson")).SingleAsync());
        Assert.Contains(stored, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListsAndQuoteAndSourceReads_RefuseAMalformedLanguageTag()
    {
        var quote = await app.Factory.WithDbAsync(db => db.Quotes.OrderBy(q => q.Id).Select(q => q.Slug).FirstAsync());
        var source = await app.Factory.WithDbAsync(db => db.Sources.OrderBy(q => q.Id).Select(q => q.Id).FirstAsync());
        foreach (var url in new[]
        {
            "/api/v1/commitments?lang=not_a_tag!", "/api/v1/actors?lang=not_a_tag!", "/api/v1/events?lang=not_a_tag!",
            $"/api/v1/quotes/{quote}?lang=not_a_tag!", $"/api/v1/sources/{source}?lang=not_a_tag!",
        })
        {
            var (response, _) = await GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url} answered {(int)response.StatusCode}");
        }
    }
}
