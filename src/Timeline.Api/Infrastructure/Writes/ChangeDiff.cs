using System.Text.Json;
using System.Text.Json.Nodes;

namespace Timeline.Api.Infrastructure.Writes;

/// <summary>One changed field of a write, as the change log shows it.</summary>
public sealed record FieldChange(string Field, JsonNode? Before, JsonNode? After);

/// <summary>Compares two states of a resource (as its write representation) field by field.</summary>
public static class ChangeDiff
{
    private static JsonSerializerOptions Json => TimelineApp.Json;

    public static JsonObject ToJson<T>(T? value) where T : class =>
        value is null ? [] : JsonSerializer.SerializeToNode(value, Json)!.AsObject();

    public static T? FromJson<T>(JsonNode node) => node.Deserialize<T>(Json);

    public static IReadOnlyList<FieldChange> Between(JsonObject before, JsonObject after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var fields = before.Select(p => p.Key).Union(after.Select(p => p.Key), StringComparer.Ordinal);
        return [.. fields
            .Select(field => new FieldChange(field, before[field]?.DeepClone(), after[field]?.DeepClone()))
            .Where(change => !JsonNode.DeepEquals(change.Before, change.After))];
    }

    public static string Serialize(IReadOnlyList<FieldChange> changes) => JsonSerializer.Serialize(changes, Json);

}
