using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Timeline.Api.Tests.Features.Editing;

/// <summary>Bodies and requests the write tests share.</summary>
public static class WriteClient
{
    public static string NewSlug(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 120)];

    /// <summary>A valid event body; tests change one thing at a time.</summary>
    public static JsonObject EventBody(string slug) => new()
    {
        ["slug"] = slug,
        ["title"] = "Prime ministers meet in Minsk",
        ["summary"] = "A zephyrine test event written through the API.",
        ["date"] = "2026-11-20",
        ["kind"] = "meeting",
        ["status"] = "occurred",
        ["place"] = "Minsk",
        ["timelines"] = new JsonArray("union-state"),
        ["actors"] = new JsonArray(new JsonObject { ["actor"] = "dmitry-medvedev", ["role"] = "participant" }),
        ["tags"] = new JsonArray("integration"),
        ["related"] = new JsonArray(new JsonObject { ["event"] = "1999-12-08-union-state-treaty", ["relation"] = "follow-up-to" }),
        ["sources"] = new JsonArray(new JsonObject { ["url"] = "https://example.org/news/minsk-meeting", ["publisher"] = "Example News" }),
    };

    public static StringContent Json(JsonNode body, string mediaType = "application/json") =>
        new(body.ToJsonString(), Encoding.UTF8, mediaType);

    public static async Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string url, JsonNode? body = null,
        string? ifMatch = null, string mediaType = "application/json", string? idempotencyKey = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
            request.Content = Json(body, mediaType);
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request);
    }

    public static async Task<string> ETagOfAsync(this HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag!.ToString();
    }

    public static AuthenticationHeaderValue Bearer(string key) => new("Bearer", key);
}
