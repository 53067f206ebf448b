using System.Text.Json;
using System.Text.Json.Nodes;
using Timeline.Api.Domain;
using Timeline.Api.Features.Changes;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Editing;

/// <summary>
/// How a write becomes an entry of the public change log: the resource's write representation before and after,
/// compared field by field. The entry is added to the pending unit of work, so it commits with the change it records.
/// </summary>
public static class ChangeLog
{
    /// <summary>A resource's write representation as JSON, the form entries compare; null gives an empty object (nothing before a create).</summary>
    public static JsonObject ToJson<T>(T? write) where T : class =>
        write is null ? [] : JsonSerializer.SerializeToNode(write, TimelineApp.Json)!.AsObject();

    /// <summary>The fields whose values differ, each with both values.</summary>
    public static IReadOnlyList<FieldChange> Between(JsonObject before, JsonObject after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var fields = before.Select(p => p.Key).Union(after.Select(p => p.Key), StringComparer.Ordinal);
        return [.. fields
            .Select(field => new FieldChange(field, before[field]?.DeepClone(), after[field]?.DeepClone()))
            .Where(change => !JsonNode.DeepEquals(change.Before, change.After))];
    }

    /// <summary>The timelines an entry about <paramref name="record"/> is listed under (<c>/timelines/{slug}/changes</c>).</summary>
    public static IEnumerable<string> TimelinesOf(IOnTimelines record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Timelines.Select(t => t.Slug);
    }

    public static ChangeLogEntry Entry(ChangeOperation operation, string caller, DateTimeOffset at, string resourceType, string key,
        IEnumerable<string> timelines, IReadOnlyList<FieldChange> changes)
    {
        var entry = new ChangeLogEntry
        {
            At = at,
            KeyName = caller,
            Operation = operation,
            ResourceType = resourceType,
            ResourceKey = key,
            Changes = JsonSerializer.Serialize(changes, TimelineApp.Json),
        };
        entry.SetTimelines(timelines);
        return entry;
    }
}
