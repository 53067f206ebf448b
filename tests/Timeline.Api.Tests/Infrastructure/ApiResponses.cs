using System.Text.Json;

namespace Timeline.Api.Tests.Infrastructure;

/// <summary>Helpers to read API bodies as JSON without re-declaring every response type.</summary>
public static class ApiResponses
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var document = await JsonDocument.ParseAsync(stream);
        return document.RootElement.Clone();
    }

    public static IEnumerable<JsonElement> Items(this JsonElement page) => page.GetProperty("items").EnumerateArray();

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    /// <summary>The per-field errors of a problem+json body, as (name, reason) pairs.</summary>
    public static IReadOnlyList<(string Name, string Reason)> FieldErrors(this JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors)
            ? [.. errors.EnumerateArray().Select(e => (e.Str("name"), e.Str("reason")))]
            : [];
}
