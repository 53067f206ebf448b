using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Infrastructure.Auth;
using Timeline.Api.Tests.Features.Editing;

namespace Timeline.Api.Tests.Infrastructure;

/// <summary>
/// Write bodies are strict JSON: one spelling of each property, valid Unicode, UTF-8. Each hostile body is a 4xx
/// problem+json naming what is wrong, on POST, PUT and PATCH alike, and changes nothing.
/// </summary>
public sealed class StrictJsonTests(TimelineApiFactory factory) : IClassFixture<TimelineApiFactory>
{
    private const string Actor = "/api/v1/actors/dmitry-medvedev";

    [Fact]
    public async Task DuplicateProperty_Is400NamingIt_OnPostPutAndPatch()
    {
        using var client = await EditorAsync();
        var slug = WriteClient.NewSlug("duplicate");
        using var post = await SendAsync(client, HttpMethod.Post, "/api/v1/actors",
            $$"""{"slug":"{{slug}}","name":"A","name":"B","kind":"person"}""");
        using var put = await SendAsync(client, HttpMethod.Put, Actor,
            """{"slug":"dmitry-medvedev","name":"A","kind":"person","kind":"state"}""", ifMatch: await client.ETagOfAsync(Actor));
        using var patch = await SendAsync(client, HttpMethod.Patch, Actor, """{"description":"a","description":"b"}""",
            "application/merge-patch+json", await client.ETagOfAsync(Actor));

        await AssertRefusedAsync(post, HttpStatusCode.BadRequest, "name", "more than once");
        await AssertRefusedAsync(put, HttpStatusCode.BadRequest, "kind", "more than once");
        await AssertRefusedAsync(patch, HttpStatusCode.BadRequest, "description", "more than once");
        Assert.False(await factory.WithDbAsync(db => db.Actors.AnyAsync(a => a.Slug == slug)));
        Assert.NotEqual("b", await factory.WithDbAsync(db => db.Actors.Where(a => a.Slug == "dmitry-medvedev").Select(a => a.Description).SingleAsync()));
    }

    [Fact]
    public async Task DuplicateProperty_InANestedObject_IsNamedByItsPath()
    {
        using var client = await EditorAsync();
        var body = WriteClient.EventBody(WriteClient.NewSlug("nested-duplicate")).ToJsonString()
            .Replace("\"role\":\"participant\"", "\"role\":\"participant\",\"role\":\"host\"", StringComparison.Ordinal);
        using var response = await SendAsync(client, HttpMethod.Post, "/api/v1/events", body);
        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "actors[0].role", "more than once");
    }

    [Fact]
    public async Task CaseTwins_Are400NamingTheProperty_OnPostPutAndPatch()
    {
        using var client = await EditorAsync();
        var slug = WriteClient.NewSlug("twins");
        using var post = await SendAsync(client, HttpMethod.Post, "/api/v1/actors", $$"""{"slug":"{{slug}}","Slug":"other","name":"A","kind":"person"}""");
        using var put = await SendAsync(client, HttpMethod.Put, Actor,
            """{"slug":"dmitry-medvedev","name":"A","NAME":"B","kind":"person"}""", ifMatch: await client.ETagOfAsync(Actor));
        using var patch = await SendAsync(client, HttpMethod.Patch, Actor, """{"description":"a","Description":"b"}""",
            "application/merge-patch+json", await client.ETagOfAsync(Actor));

        await AssertRefusedAsync(post, HttpStatusCode.BadRequest, "slug", "'slug' and 'Slug' differ only in case");
        await AssertRefusedAsync(put, HttpStatusCode.BadRequest, "name", "'name' and 'NAME' differ only in case");
        await AssertRefusedAsync(patch, HttpStatusCode.BadRequest, "description", "'description' and 'Description' differ only in case");
        Assert.False(await factory.WithDbAsync(db => db.Actors.AnyAsync(a => a.Slug == slug || a.Slug == "other")));
    }

    [Fact]
    public async Task AWrongCaseName_IsNotTheProperty()
    {
        using var client = await EditorAsync();
        using var response = await SendAsync(client, HttpMethod.Post, "/api/v1/actors",
            $$"""{"slug":"{{WriteClient.NewSlug("pascal")}}","Name":"A","name":"A","kind":"person"}""");
        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "name", "differ only in case");
        using var alone = await SendAsync(client, HttpMethod.Post, "/api/v1/actors",
            $$"""{"slug":"{{WriteClient.NewSlug("pascal")}}","Name":"A","kind":"person"}""");
        await AssertRefusedAsync(alone, HttpStatusCode.BadRequest, "name", "'Name' is not a property of the resource");
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    public async Task LoneSurrogate_Escaped_Is400NamingTheField(string method)
    {
        using var client = await EditorAsync();
        var (url, body, mediaType) = method switch
        {
            "POST" => ("/api/v1/actors", $$"""{"slug":"{{WriteClient.NewSlug("surrogate")}}","name":"Lone \ud800 half","kind":"person"}""", "application/json"),
            "PUT" => (Actor, """{"slug":"dmitry-medvedev","name":"Dmitry \udc00","kind":"person"}""", "application/json"),
            _ => (Actor, """{"description":"a lone \ud800"}""", "application/merge-patch+json"),
        };
        using var response = await SendAsync(client, new HttpMethod(method), url, body, mediaType, method == "POST" ? null : await client.ETagOfAsync(Actor));
        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, method == "PATCH" ? "description" : "name", "not valid Unicode");
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    [InlineData(new byte[] { 0xC3 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })] // U+D800 encoded as UTF-8: a lone surrogate, unescaped
    public async Task InvalidUtf8_Is400(byte[] bytes)
    {
        using var client = await EditorAsync();
        var json = Encoding.UTF8.GetBytes($$"""{"slug":"{{WriteClient.NewSlug("bytes")}}","name":"x""")
            .Concat(bytes).Concat(Encoding.UTF8.GetBytes("""y","kind":"person"}""")).ToArray();
        using var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(new Uri("/api/v1/actors", UriKind.Relative), content);
        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "name", "not valid Unicode");
    }

    [Theory]
    [InlineData("POST", "latin1")]
    [InlineData("POST", "utf-16")]
    [InlineData("PUT", "iso-8859-1")]
    [InlineData("PUT", "no-such-charset")]
    [InlineData("PATCH", "utf-32")]
    public async Task ACharsetOtherThanUtf8_Is415(string method, string charset)
    {
        using var client = await EditorAsync();
        var (url, body) = method == "POST"
            ? ("/api/v1/actors", $$"""{"slug":"{{WriteClient.NewSlug("charset")}}","name":"A","kind":"person"}""")
            : (Actor, """{"slug":"dmitry-medvedev","name":"Dmitry Medvedev","kind":"person"}""");
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", $"{(method == "PATCH" ? "application/merge-patch+json" : "application/json")}; charset={charset}");
        if (method != "POST")
            request.Headers.TryAddWithoutValidation("If-Match", await client.ETagOfAsync(Actor));
        using var response = await client.SendAsync(request);
        await AssertRefusedAsync(response, HttpStatusCode.UnsupportedMediaType, null, "UTF-8");
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("UTF-8")]
    [InlineData("\"utf-8\"")]
    public async Task Utf8Charset_IsAccepted(string charset)
    {
        using var client = await EditorAsync();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes($$"""{"slug":"{{WriteClient.NewSlug("utf8")}}","name":"Łukašenka","kind":"person"}"""));
        content.Headers.TryAddWithoutValidation("Content-Type", $"application/json; charset={charset}");
        using var response = await client.PostAsync(new Uri("/api/v1/actors", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task<HttpClient> EditorAsync() => factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string body,
        string mediaType = "application/json", string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = new StringContent(body, new MediaTypeHeaderValue(mediaType)) };
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string? field, string reason)
    {
        var problem = await response.JsonAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {problem}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is null)
        {
            Assert.Contains(reason, problem.Str("detail"), StringComparison.Ordinal);
            return;
        }

        Assert.Contains(problem.FieldErrors(), e => e.Name == field && e.Reason.Contains(reason, StringComparison.Ordinal));
    }
}
