using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Domain;

namespace Timeline.Api.Tests.Features.Languages;

/// <summary>One app whose database this class gives its own translations (so that the texts asserted are the test's).</summary>
public sealed class TranslatedApp : IAsyncLifetime
{
    public const string BelarusianTitle = "Адзіная валюта (тэст)";
    public const string RussianTitle = "Единая валюта (тест)";
    public const string BelarusianSummary = "Абяцана ў дагаворы (тэст).";
    public const string BelarusianName = "Беларусь (тэст)";
    public const string BelarusianEvent = "Падпісанне праграмы інтэграцыі (тэст)";

    public TimelineApiFactory Factory { get; } = new();

    private static TextTranslations Of(params (string Language, string Field, string Text)[] texts) => new(texts.GroupBy(t => t.Language).Select(g =>
        KeyValuePair.Create(g.Key, new TextVersion("tests", TextOrigin.Translation, g.ToDictionary(t => t.Field, t => t.Text, StringComparer.Ordinal)))));

    public async Task InitializeAsync()
    {
        await Factory.WithDbAsync(async db =>
        {
            var commitment = await db.Commitments.Include(c => c.Assessments).SingleAsync(c => c.Slug == "single-currency");
            commitment.Translations = Of(("be", "title", BelarusianTitle), ("be", "description", "Агульная валюта (тэст)."), ("ru", "title", RussianTitle));
            // Only what this class sets is translated: the bundled translations of the rest are taken away, so that what
            // falls back is known.
            foreach (var assessment in commitment.Assessments)
                assessment.Translations = null;
            commitment.Assessments.OrderBy(a => a.DateEnd).ThenBy(a => a.Id).First().Translations = Of(("be", "summary", BelarusianSummary));
            (await db.Actors.SingleAsync(a => a.Slug == "russia")).Translations = null;
            (await db.Actors.SingleAsync(a => a.Slug == "vladimir-putin")).Translations = null;
            (await db.Actors.SingleAsync(a => a.Slug == "belarus")).Translations = Of(("be", "name", BelarusianName), ("ru", "name", "Беларусь (тест)"));
            (await db.Actors.SingleAsync(a => a.Slug == "alyaksandr-lukashenka")).Translations = Of(("be", "name", "Аляксандр Лукашэнка (тэст)"));
            (await db.Events.SingleAsync(e => e.Slug == "2019-12-08-integration-plan-signing")).Translations = Of(("be", "title", BelarusianEvent));
            (await db.Timelines.SingleAsync(t => t.Slug == "union-state")).Translations = Of(("be", "title", "Саюзная дзяржава (тэст)"));
            return await db.SaveChangesAsync();
        });
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Stored texts in the language asked for, with honest fallback, on the JSON API's single resources.</summary>
public sealed class ContentLanguageTests(TranslatedApp app) : IClassFixture<TranslatedApp>
{
    private const string Commitment = "/api/v1/commitments/single-currency";

    private async Task<(HttpResponseMessage Response, JsonElement Body)> GetAsync(string url, string? acceptLanguage = null, EntityTagHeaderValue? ifNoneMatch = null)
    {
        using var client = app.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptLanguage is not null)
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        if (ifNoneMatch is not null)
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static string ContentLanguage(HttpResponseMessage response) => string.Join(",", response.Content.Headers.ContentLanguage);

    private static List<(string Field, string Language)> Fallbacks(JsonElement body) =>
        [.. body.GetProperty("fallbacks").EnumerateArray().Select(f => (f.GetProperty("field").GetString()!, f.GetProperty("language").GetString()!))];

    [Fact]
    public async Task GetCommitment_LangBe_ReturnsTheBelarusianTexts_AndListsWhatFellBack()
    {
        var (response, body) = await GetAsync($"{Commitment}?lang=be");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("be", ContentLanguage(response));
        Assert.Contains("Accept-Language", response.Headers.Vary);
        Assert.False(response.Headers.Contains("Timeline-Language-Fallback"));
        Assert.Equal(TranslatedApp.BelarusianTitle, body.GetProperty("title").GetString());
        Assert.Equal("Агульная валюта (тэст).", body.GetProperty("description").GetString());
        var history = body.GetProperty("history");
        Assert.Equal(TranslatedApp.BelarusianSummary, history[0].GetProperty("summary").GetString());
        var parties = body.GetProperty("parties").EnumerateArray().ToList();
        var belarus = parties.FindIndex(p => p.GetProperty("slug").GetString() == "belarus");
        Assert.Equal(TranslatedApp.BelarusianName, parties[belarus].GetProperty("name").GetString());

        var fallbacks = Fallbacks(body);
        Assert.DoesNotContain(fallbacks, f => f.Field is "/title" or "/description" or "/history/0/summary" || f.Field == $"/parties/{belarus}/name");
        // What has no Belarusian version is in English, and the response says so, text by text.
        Assert.Contains(("/history/1/summary", "en"), fallbacks);
        Assert.Contains(($"/parties/{1 - belarus}/name", "en"), fallbacks);
        Assert.Equal(history[1].GetProperty("summary").GetString(), await app.Factory.WithDbAsync(db => db.Assessments
            .Where(a => a.CommitmentId == db.Commitments.Single(c => c.Slug == "single-currency").Id)
            .OrderBy(a => a.DateEnd).ThenBy(a => a.Id).Skip(1).Select(a => a.Summary).FirstAsync()));
    }

    [Fact]
    public async Task GetCommitment_AcceptLanguageRuThenEn_ReturnsRussian_AndTheRestInEnglish()
    {
        var (response, body) = await GetAsync(Commitment, "ru, en;q=0.5");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ru", ContentLanguage(response));
        Assert.Equal(TranslatedApp.RussianTitle, body.GetProperty("title").GetString());
        Assert.Contains(("/description", "en"), Fallbacks(body));
    }

    [Theory]
    [InlineData("?lang=de", null)]
    [InlineData("?lang=zh-Hant-TW", null)]
    [InlineData("", "de, fr;q=0.5")]
    public async Task GetCommitment_InALanguageItHasNoTextsIn_FallsBackToTheOriginalEnglish_AndSaysSo(string query, string? acceptLanguage)
    {
        var (response, body) = await GetAsync(Commitment + query, acceptLanguage);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("en", ContentLanguage(response));
        Assert.Equal("Single currency", body.GetProperty("title").GetString());
        var fallbacks = Fallbacks(body);
        Assert.Contains(("/title", "en"), fallbacks);
        Assert.Contains(("/description", "en"), fallbacks);
        Assert.Contains(("/history/0/summary", "en"), fallbacks);
        Assert.All(fallbacks, f => Assert.Equal("en", f.Language));
        if (query.Length > 0)
            Assert.Equal(query[6..], Assert.Single(response.Headers.GetValues("Timeline-Language-Fallback")));
    }

    [Fact]
    public async Task GetCommitment_WithoutALanguage_IsTheOriginal_WithNoFallbacksMember()
    {
        var (response, body) = await GetAsync(Commitment);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("en", ContentLanguage(response));
        Assert.Contains("Accept-Language", response.Headers.Vary);
        Assert.Equal("Single currency", body.GetProperty("title").GetString());
        Assert.False(body.TryGetProperty("fallbacks", out _));
    }

    [Fact]
    public async Task SameUrl_TwoLanguages_TwoETags_AndACachedEnglishAnswerIsNeverServedToARussianReader()
    {
        var url = $"{Commitment}?asOf=2020-01-01";
        var (english, englishBody) = await GetAsync(url, "en");
        var (again, _) = await GetAsync(url, "en"); // now in the output cache
        var (russian, russianBody) = await GetAsync(url, "ru");

        Assert.Equal(english.Headers.ETag, again.Headers.ETag);
        Assert.NotEqual(english.Headers.ETag, russian.Headers.ETag);
        Assert.Equal("Single currency", englishBody.GetProperty("title").GetString());
        Assert.Equal(TranslatedApp.RussianTitle, russianBody.GetProperty("title").GetString());
        Assert.Equal("ru", ContentLanguage(russian));

        // The English ETag does not validate the Russian representation.
        var (revalidated, body) = await GetAsync(url, "ru", english.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, revalidated.StatusCode);
        Assert.Equal(TranslatedApp.RussianTitle, body.GetProperty("title").GetString());
        var (notModified, _) = await GetAsync(url, "ru", russian.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/commitments/single-currency?lang=not%20a%20tag")]
    [InlineData("/api/v1/timelines/union-state?lang=12345678901234567890123456789012345678")]
    [InlineData("/api/v1/actors/belarus?lang=be_BY")]
    [InlineData("/api/v1/events/2019-12-08-integration-plan-signing?lang=-")]
    public async Task Get_AMalformedLang_Is400ProblemJsonNamingLang(string url)
    {
        var (response, body) = await GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("lang", body.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GetTimelineActorAndEvent_LangBe_ReturnTheirBelarusianTexts()
    {
        var (timeline, timelineBody) = await GetAsync("/api/v1/timelines/union-state?lang=be");
        Assert.Equal("be", ContentLanguage(timeline));
        Assert.Equal("Саюзная дзяржава (тэст)", timelineBody.GetProperty("title").GetString());
        Assert.Equal("en", timelineBody.GetProperty("language").GetString());
        Assert.Contains(("/description", "en"), Fallbacks(timelineBody));

        var (actor, actorBody) = await GetAsync("/api/v1/actors/belarus", "be-BY, be;q=0.9");
        Assert.Equal("be", ContentLanguage(actor));
        Assert.Equal(TranslatedApp.BelarusianName, actorBody.GetProperty("name").GetString());

        var (e, eventBody) = await GetAsync("/api/v1/events/2019-12-08-integration-plan-signing?lang=be");
        Assert.Equal(HttpStatusCode.OK, e.StatusCode);
        Assert.Equal("be", ContentLanguage(e));
        Assert.Equal(TranslatedApp.BelarusianEvent, eventBody.GetProperty("title").GetString());
        var actors = eventBody.GetProperty("actors").EnumerateArray().ToList();
        var lukashenka = actors.FindIndex(a => a.GetProperty("slug").GetString() == "alyaksandr-lukashenka");
        Assert.Equal("Аляксандр Лукашэнка (тэст)", actors[lukashenka].GetProperty("name").GetString());
        var fallbacks = Fallbacks(eventBody);
        Assert.Contains(("/summary", "en"), fallbacks);
        Assert.Contains(($"/actors/{1 - lukashenka}/name", "en"), fallbacks);
        Assert.DoesNotContain(fallbacks, f => f.Field == "/title" || f.Field == $"/actors/{lukashenka}/name");

        // A commitment made or assessed in an event shows its translated title there too.
        var (made, madeBody) = await GetAsync("/api/v1/events/1999-12-08-union-state-treaty?lang=be");
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        var commitments = madeBody.GetProperty("commitments").EnumerateArray().ToList();
        Assert.Contains(commitments, c => c.GetProperty("title").GetString() == TranslatedApp.BelarusianTitle);
    }
}
