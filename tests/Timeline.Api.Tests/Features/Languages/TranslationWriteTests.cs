using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data.Configurations;
using Timeline.Api.Infrastructure.Auth;
using Timeline.Api.Tests.Features.Editing;
using Timeline.Api.Tests.Infrastructure;

namespace Timeline.Api.Tests.Features.Languages;

/// <summary>Editors add, replace and remove a record's texts in one language: <c>PUT/DELETE /{resources}/{slug}/translations/{lang}</c>.</summary>
public sealed class TranslationWriteTests(TimelineApiFactory factory) : IClassFixture<TimelineApiFactory>
{
    private static string Commitment(string slug) => $"/api/v1/commitments/{slug}";

    private async Task<HttpClient> EditorAsync() => factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));

    /// <summary>The record's stored translations as JSON (null for none): what the refusals must leave as they were.</summary>
    private Task<string?> StoredAsync(string slug) => factory.WithDbAsync(async db =>
        TranslationColumns.ToJson(await db.Commitments.Where(c => c.Slug == slug).Select(c => c.Translations).SingleAsync()));

    /// <summary>Starts the test's commitment with no translations, so that what it asserts is its own.</summary>
    private Task<int> ClearAsync(string slug) => factory.WithDbAsync(async db =>
        await db.Commitments.Where(c => c.Slug == slug).ExecuteUpdateAsync(s => s.SetProperty(c => c.Translations, (Timeline.Api.Domain.TextTranslations?)null)));

    private static JsonObject Belarusian(string title, string? description = null)
    {
        var body = new JsonObject { ["title"] = title, ["providedBy"] = "Newsroom translators" };
        if (description is not null)
            body["description"] = description;
        return body;
    }

    [Fact]
    public async Task PutTranslation_New_Is201_ThenGetLangBeShowsIt_WithANewETag_AndReplacingIs200()
    {
        const string slug = "tax-manoeuvre-compensation";
        await ClearAsync(slug);
        using var client = await EditorAsync();
        var url = Commitment(slug);
        var before = await client.ETagOfAsync($"{url}?lang=be");

        using var added = await client.SendAsync(HttpMethod.Put, $"{url}/translations/be", Belarusian("Кампенсацыя падатковага манеўру (тэст)"), ifMatch: before);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal("be", string.Join(",", added.Content.Headers.ContentLanguage));
        Assert.Equal($"{url}/translations/be", added.Headers.Location?.OriginalString);
        var body = await added.JsonAsync();
        Assert.Equal("Кампенсацыя падатковага манеўру (тэст)", body.Str("title"));
        Assert.Contains(body.GetProperty("fallbacks").EnumerateArray(), f => f.Str("field") == "/description" && f.Str("language") == "en");

        using var read = await client.GetAsync(new Uri($"{url}?lang=be", UriKind.Relative));
        Assert.Equal("be", string.Join(",", read.Content.Headers.ContentLanguage));
        Assert.Equal("Кампенсацыя падатковага манеўру (тэст)", (await read.JsonAsync()).Str("title"));
        var after = read.Headers.ETag!.ToString();
        Assert.NotEqual(before, after);
        Assert.Equal(added.Headers.ETag!.ToString(), after);
        // The original is untouched.
        Assert.Equal(await factory.WithDbAsync(db => db.Commitments.Where(c => c.Slug == slug).Select(c => c.Title).SingleAsync()),
            (await factory.GetJsonAsync<JsonElement>(url)).Str("title"));

        using var replaced = await client.SendAsync(HttpMethod.Put, $"{url}/translations/be",
            Belarusian("Кампенсацыя (тэст, выпраўлена)", "Апісанне (тэст)."), ifMatch: after);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("Апісанне (тэст).", (await replaced.JsonAsync()).Str("description"));
        var stored = JsonNode.Parse((await StoredAsync(slug))!)!["be"]!;
        Assert.Equal("Кампенсацыя (тэст, выпраўлена)", stored["title"]!.GetValue<string>());
        Assert.Equal("Newsroom translators", stored["providedBy"]!.GetValue<string>());
        Assert.Equal("translation", stored["origin"]!.GetValue<string>());

        var changes = (await factory.GetJsonAsync<JsonElement>($"{url}/changes")).Items().Take(2).ToList();
        Assert.All(changes, c => Assert.Equal("update", c.Str("operation")));
        var latest = Assert.Single(changes[0].GetProperty("changes").EnumerateArray());
        Assert.Equal("translations/be", latest.Str("field"));
        Assert.Equal("Кампенсацыя падатковага манеўру (тэст)", latest.GetProperty("before").Str("title"));
        Assert.Equal("Кампенсацыя (тэст, выпраўлена)", latest.GetProperty("after").Str("title"));
        Assert.Equal(JsonValueKind.Null, changes[1].GetProperty("changes")[0].GetProperty("before").ValueKind);
    }

    [Fact]
    public async Task PutTranslation_WithoutOrWithAStaleIfMatch_Is428Or412_AndChangesNothing()
    {
        const string slug = "eu-food-embargo";
        await ClearAsync(slug);
        using var client = await EditorAsync();
        var url = Commitment(slug);
        var original = await client.ETagOfAsync(url);

        using var missing = await client.SendAsync(HttpMethod.Put, $"{url}/translations/be", Belarusian("Эмбарга (тэст)"));
        using var star = await client.SendAsync(HttpMethod.Put, $"{url}/translations/be", Belarusian("Эмбарга (тэст)"), ifMatch: "*");
        using var stale = await client.SendAsync(HttpMethod.Put, $"{url}/translations/be", Belarusian("Эмбарга (тэст)"), ifMatch: "\"stale\"");
        // The ETag to send is the one of the record in that language: the original's does not show (or guard) its translations.
        using var ofTheOriginal = await client.SendAsync(HttpMethod.Put, $"{url}/translations/be", Belarusian("Эмбарга (тэст)"), ifMatch: original);

        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionRequired, star.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, ofTheOriginal.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.Null(await StoredAsync(slug));

        // A translation written meanwhile makes the ETag read before it stale.
        var read = await client.ETagOfAsync($"{url}?lang=be");
        using var first = await client.SendAsync(HttpMethod.Put, $"{url}/translations/be", Belarusian("Першы (тэст)"), ifMatch: read);
        using var second = await client.SendAsync(HttpMethod.Put, $"{url}/translations/be", Belarusian("Другі (тэст)"), ifMatch: read);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        Assert.Contains("Першы (тэст)", await StoredAsync(slug), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("be", """{"title": "Загаловак", "place": "Мінск"}""", HttpStatusCode.BadRequest, "place")]
    [InlineData("be", """{"summary": "Не той тэкст"}""", HttpStatusCode.BadRequest, "summary")]
    [InlineData("be", """{"title": "Загаловак", "colour": "red"}""", HttpStatusCode.BadRequest, "colour")]
    [InlineData("be", """{"providedBy": "Newsroom"}""", HttpStatusCode.BadRequest, null)]
    [InlineData("be", """{"title": "  "}""", HttpStatusCode.BadRequest, "title")]
    [InlineData("be", """{"title": "Загаловак", "origin": "machine"}""", HttpStatusCode.BadRequest, "origin")]
    [InlineData("not_a_tag", """{"title": "Загаловак"}""", HttpStatusCode.UnprocessableEntity, null)]
    [InlineData("en", """{"title": "Title"}""", HttpStatusCode.UnprocessableEntity, null)]
    [InlineData("en-GB", """{"title": "Title"}""", HttpStatusCode.UnprocessableEntity, null)]
    public async Task PutTranslation_ThatIsNotOne_IsRefusedAsProblemJson_AndChangesNothing(string lang, string json, HttpStatusCode status, string? field)
    {
        const string slug = "single-tax-code";
        await ClearAsync(slug);
        using var client = await EditorAsync();
        var url = Commitment(slug);
        var etag = await client.ETagOfAsync($"{url}?lang=be");
        var changes = (await factory.GetJsonAsync<JsonElement>($"{url}/changes")).Items().Count();

        using var refused = await client.SendAsync(HttpMethod.Put, $"{url}/translations/{lang}", JsonNode.Parse(json), ifMatch: etag);

        Assert.Equal(status, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.JsonAsync();
        if (field is not null)
            Assert.Contains(problem.FieldErrors(), e => e.Name == field);
        else if (status == HttpStatusCode.UnprocessableEntity)
            Assert.Contains(lang, problem.Str("detail"), StringComparison.Ordinal);
        Assert.Null(await StoredAsync(slug));
        Assert.Equal(changes, (await factory.GetJsonAsync<JsonElement>($"{url}/changes")).Items().Count());
    }

    [Fact]
    public async Task DeleteTranslation_Is204_ThenReadsFallBackAndSaySo_AndASecondDeleteIs404()
    {
        const string slug = "normandy-commitments-2019";
        await ClearAsync(slug);
        using var client = await EditorAsync();
        var url = Commitment(slug);
        using var added = await client.SendAsync(HttpMethod.Put, $"{url}/translations/be", Belarusian("Нармандскія абавязацельствы (тэст)"),
            ifMatch: await client.ETagOfAsync($"{url}?lang=be"));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);

        using var stale = await client.SendAsync(HttpMethod.Delete, $"{url}/translations/be", ifMatch: "\"stale\"");
        using var deleted = await client.SendAsync(HttpMethod.Delete, $"{url}/translations/be", ifMatch: added.Headers.ETag!.ToString());

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Null(await StoredAsync(slug));
        using var read = await client.GetAsync(new Uri($"{url}?lang=be", UriKind.Relative));
        Assert.Equal("en", string.Join(",", read.Content.Headers.ContentLanguage));
        var body = await read.JsonAsync();
        Assert.Contains(body.GetProperty("fallbacks").EnumerateArray(), f => f.Str("field") == "/title" && f.Str("language") == "en");
        Assert.NotEqual(added.Headers.ETag!.ToString(), read.Headers.ETag!.ToString());

        using var again = await client.SendAsync(HttpMethod.Delete, $"{url}/translations/be", ifMatch: read.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        // A malformed tag is named as such, not as a missing translation.
        using var malformed = await client.SendAsync(HttpMethod.Delete, $"{url}/translations/not%20a%20tag", ifMatch: read.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, malformed.StatusCode);
        var change = (await factory.GetJsonAsync<JsonElement>($"{url}/changes")).Items().First().GetProperty("changes")[0];
        Assert.Equal("translations/be", change.Str("field"));
        Assert.Equal(JsonValueKind.Null, change.GetProperty("after").ValueKind);
    }

    [Fact]
    public async Task PutTranslation_IsFoundBySearch_ByAWordOnlyItHas_AndNoLongerOnceRemoved()
    {
        const string slug = "joint-defence";
        await ClearAsync(slug);
        using var client = await EditorAsync();
        var url = Commitment(slug);
        const string word = "абароназдольнасцьтэст";
        Assert.DoesNotContain((await factory.GetJsonAsync<JsonElement>($"/api/v1/search?q={word}")).Items(), h => h.Str("slug") == slug);

        using var added = await client.SendAsync(HttpMethod.Put, $"{url}/translations/be", Belarusian("Сумесная абарона", $"Агульная {word} саюза."),
            ifMatch: await client.ETagOfAsync($"{url}?lang=be"));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Contains((await factory.GetJsonAsync<JsonElement>($"/api/v1/search?q={word}")).Items(), h => h.Str("kind") == "commitment" && h.Str("slug") == slug);

        using var deleted = await client.SendAsync(HttpMethod.Delete, $"{url}/translations/be", ifMatch: added.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.DoesNotContain((await factory.GetJsonAsync<JsonElement>($"/api/v1/search?q={word}")).Items(), h => h.Str("slug") == slug);
    }

    [Fact]
    public async Task PutTranslation_RetriedWithTheSameIdempotencyKey_GetsTheFirstAnswerAgain()
    {
        const string slug = "single-energy-policy";
        await ClearAsync(slug);
        using var client = await EditorAsync();
        var url = Commitment(slug);
        var etag = await client.ETagOfAsync($"{url}?lang=ru");
        var key = Guid.NewGuid().ToString("N");

        using var first = await client.SendAsync(HttpMethod.Put, $"{url}/translations/ru", new JsonObject { ["title"] = "Единая энергетическая политика (тест)" }, ifMatch: etag, idempotencyKey: key);
        using var retry = await client.SendAsync(HttpMethod.Put, $"{url}/translations/ru", new JsonObject { ["title"] = "Единая энергетическая политика (тест)" }, ifMatch: etag, idempotencyKey: key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        // Without providedBy the texts are the API key's.
        Assert.StartsWith("Editor-", JsonNode.Parse((await StoredAsync(slug))!)!["ru"]!["providedBy"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single((await factory.GetJsonAsync<JsonElement>($"{url}/changes")).Items(), c => c.GetProperty("changes")[0].Str("field") == "translations/ru");
    }

    [Fact]
    public async Task TranslationWrites_WithoutAKey_Are401_AndOfADeletedRecord_Are404()
    {
        const string slug = "unified-customs";
        await ClearAsync(slug);
        using var anonymous = factory.CreateClient();
        using var client = await EditorAsync();
        var url = Commitment(slug);
        var etag = await client.ETagOfAsync($"{url}?lang=be");

        using var put = await anonymous.SendAsync(HttpMethod.Put, $"{url}/translations/be", Belarusian("Мытны (тэст)"), ifMatch: etag);
        using var delete = await anonymous.SendAsync(HttpMethod.Delete, $"{url}/translations/be", ifMatch: etag);
        Assert.Equal(HttpStatusCode.Unauthorized, put.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, delete.StatusCode);
        Assert.Null(await StoredAsync(slug));

        using var none = await client.SendAsync(HttpMethod.Put, "/api/v1/commitments/no-such-commitment/translations/be", Belarusian("Няма"), ifMatch: etag);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        await factory.WithDbAsync(db => db.Commitments.Where(c => c.Slug == slug).ExecuteUpdateAsync(s => s.SetProperty(c => c.DeletedAt, DateTimeOffset.UtcNow)));
        using var deleted = await client.SendAsync(HttpMethod.Put, $"{url}/translations/be", Belarusian("Мытны (тэст)"), ifMatch: etag);
        Assert.Equal(HttpStatusCode.NotFound, deleted.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/events/2019-12-08-integration-plan-signing", "summary", "summary")]
    [InlineData("/api/v1/timelines/union-state", "description", "description")]
    [InlineData("/api/v1/actors/dmitry-medvedev", "name", "name")]
    [InlineData("/api/v1/quotes/kokcharov-normandy-talks", "text", "text")]
    public async Task PutTranslation_OfOtherRecords_IsShownByTheirGetInThatLanguage(string url, string field, string member)
    {
        using var client = await EditorAsync();
        var text = $"Тэкст па-польску ({Guid.NewGuid():N})";

        using var added = await client.SendAsync(HttpMethod.Put, $"{url}/translations/pl", new JsonObject { [field] = text }, ifMatch: await client.ETagOfAsync($"{url}?lang=pl"));

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        using var read = await client.GetAsync(new Uri($"{url}?lang=pl", UriKind.Relative));
        Assert.Equal(text, (await read.JsonAsync()).GetProperty(member).GetString());
        Assert.Equal(added.Headers.ETag, read.Headers.ETag);
        using var removed = await client.SendAsync(HttpMethod.Delete, $"{url}/translations/pl", ifMatch: read.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
    }

    [Fact]
    public async Task PutTranslation_OfASource_IsShownByItsGet()
    {
        var id = await factory.WithDbAsync(db => db.Quotes.Where(q => q.Slug == "kokcharov-putin-term-ending").Select(q => q.SourceId).SingleAsync());
        using var client = await EditorAsync();
        var url = $"/api/v1/sources/{id}";
        const string word = "крыніцатэставая";

        using var added = await client.SendAsync(HttpMethod.Put, $"{url}/translations/ru", new JsonObject { ["title"] = $"Заголовок {word}" },
            ifMatch: await client.ETagOfAsync($"{url}?lang=ru"));
        using var unknown = await client.SendAsync(HttpMethod.Put, $"/api/v1/sources/999999999/translations/ru", new JsonObject { ["title"] = "Нет" }, ifMatch: "\"x\"");

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var read = await client.GetAsync(new Uri($"{url}?lang=ru", UriKind.Relative));
        Assert.Equal("ru", string.Join(",", read.Content.Headers.ContentLanguage));
        Assert.Equal($"Заголовок {word}", (await read.JsonAsync()).Str("title"));
        Assert.Equal(added.Headers.ETag, read.Headers.ETag);
        Assert.Equal("translations/ru", (await factory.GetJsonAsync<JsonElement>($"{url}/changes")).Items().First().GetProperty("changes")[0].Str("field"));
    }

    [Fact]
    public async Task PutTranslation_OfAnActorsName_FindsTheActorAndTheirQuotesBySearch()
    {
        const string url = "/api/v1/actors/alex-kokcharov";
        const string word = "Кокчаровтэст";
        using var client = await EditorAsync();

        using var added = await client.SendAsync(HttpMethod.Put, $"{url}/translations/uk", new JsonObject { ["name"] = $"Алекс {word}" },
            ifMatch: await client.ETagOfAsync($"{url}?lang=uk"));

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var hits = (await factory.GetJsonAsync<JsonElement>($"/api/v1/search?q={word}")).Items().ToList();
        Assert.Contains(hits, h => h.Str("kind") == "actor" && h.Str("slug") == "alex-kokcharov");
        Assert.Contains(hits, h => h.Str("kind") == "quote" && h.Str("slug") == "kokcharov-normandy-talks");
    }

    /// <summary>The commitment's first assessment, cleared of translations, and its index in the history.</summary>
    private async Task<long> FirstAssessmentAsync(string slug) => await factory.WithDbAsync(async db =>
    {
        var id = await db.Assessments.Where(a => a.CommitmentId == db.Commitments.Single(c => c.Slug == slug).Id).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
        await db.Assessments.Where(a => a.Id == id).ExecuteUpdateAsync(u => u.SetProperty(a => a.Translations, (Timeline.Api.Domain.TextTranslations?)null));
        return id;
    });

    [Fact]
    public async Task PutAssessmentTranslation_StoresTheSummary_AnswersWithTheCommitmentInThatLanguage_AndLogsIt_ThenDeleteRemovesIt()
    {
        const string slug = "eu-food-embargo";
        var id = await FirstAssessmentAsync(slug);
        using var client = await EditorAsync();
        var url = Commitment(slug);
        var before = await client.ETagOfAsync($"{url}?lang=ru");
        var translation = $"{url}/assessments/{id}/translations/ru";

        using var added = await client.SendAsync(HttpMethod.Put, translation,
            new JsonObject { ["summary"] = "Оценка (тест).", ["providedBy"] = "Newsroom translators" }, ifMatch: before);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(translation, added.Headers.Location?.OriginalString);
        var body = await added.JsonAsync();
        var index = body.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("id").GetInt64()).ToList().IndexOf(id);
        Assert.Equal("Оценка (тест).", body.GetProperty("history")[index].Str("summary"));
        Assert.DoesNotContain(body.GetProperty("fallbacks").EnumerateArray(), f => f.Str("field") == $"/history/{index}/summary");
        using var read = await client.GetAsync(new Uri($"{url}?lang=ru", UriKind.Relative));
        Assert.Equal(added.Headers.ETag!.ToString(), read.Headers.ETag!.ToString());
        Assert.NotEqual(before, read.Headers.ETag!.ToString());
        Assert.Equal("Оценка (тест).", (await read.JsonAsync()).GetProperty("history")[index].Str("summary"));
        // The original summary stays as it was.
        Assert.NotEqual("Оценка (тест).", (await factory.GetJsonAsync<JsonElement>($"{url}?test-cache={Guid.NewGuid():N}")).GetProperty("history")[index].Str("summary"));

        var (stored, logged) = await factory.WithDbAsync(async db => (
            await db.Assessments.Where(a => a.Id == id).Select(a => a.Translations).SingleAsync(),
            await db.Changes.Where(c => c.ResourceType == "assessment" && c.ResourceKey == $"{slug}/{id}").OrderByDescending(c => c.Id).Select(c => c.Changes).FirstAsync()));
        Assert.Equal("Оценка (тест).", stored!.Versions["ru"].Texts["summary"]);
        Assert.Equal("Newsroom translators", stored.Versions["ru"].ProvidedBy);
        Assert.Contains("translations/ru", logged, StringComparison.Ordinal);

        using var removed = await client.SendAsync(HttpMethod.Delete, translation, ifMatch: added.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Null(await factory.WithDbAsync(db => db.Assessments.Where(a => a.Id == id).Select(a => a.Translations).SingleAsync()));
    }

    [Theory]
    [InlineData("title", "ru", HttpStatusCode.BadRequest)]        // an assessment has a summary only
    [InlineData("summary", "en", HttpStatusCode.UnprocessableEntity)] // its own language
    [InlineData("summary", "not a tag", HttpStatusCode.UnprocessableEntity)]
    public async Task PutAssessmentTranslation_BadInput_Is4xx_AndChangesNothing(string field, string lang, HttpStatusCode expected)
    {
        const string slug = "single-tax-code";
        var id = await FirstAssessmentAsync(slug);
        using var client = await EditorAsync();
        var url = Commitment(slug);
        // A malformed tag is refused before If-Match is read (and cannot be asked for); else the ETag of the representation in it.
        var etag = await client.ETagOfAsync(lang.Contains(' ', StringComparison.Ordinal) ? url : $"{url}?lang={lang}");

        using var refused = await client.SendAsync(HttpMethod.Put, $"{url}/assessments/{id}/translations/{Uri.EscapeDataString(lang)}",
            new JsonObject { [field] = "Тэкст (тэст)." }, ifMatch: etag);

        Assert.Equal(expected, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Null(await factory.WithDbAsync(db => db.Assessments.Where(a => a.Id == id).Select(a => a.Translations).SingleAsync()));
    }

    [Fact]
    public async Task PutAssessmentTranslation_OfAnotherCommitmentsAssessment_OrAStaleIfMatch_IsRefused()
    {
        var id = await FirstAssessmentAsync("single-tax-code");
        using var client = await EditorAsync();
        var url = Commitment("eu-food-embargo");
        var etag = await client.ETagOfAsync($"{url}?lang=be");

        using var elsewhere = await client.SendAsync(HttpMethod.Put, $"{url}/assessments/{id}/translations/be", new JsonObject { ["summary"] = "Тэкст." }, ifMatch: etag);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        using var missing = await client.SendAsync(HttpMethod.Put, $"{url}/assessments/999999999/translations/be", new JsonObject { ["summary"] = "Тэкст." }, ifMatch: etag);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        var own = await FirstAssessmentAsync("eu-food-embargo");
        using var stale = await client.SendAsync(HttpMethod.Put, $"{url}/assessments/{own}/translations/be", new JsonObject { ["summary"] = "Тэкст." },
            ifMatch: await client.ETagOfAsync(url));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Null(await factory.WithDbAsync(db => db.Assessments.Where(a => a.Id == own).Select(a => a.Translations).SingleAsync()));
    }
}
