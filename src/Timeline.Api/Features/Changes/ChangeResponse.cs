using System.Linq.Expressions;
using System.Text.Json;
using Timeline.Api.Domain;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Changes;

/// <summary>One write, as the public change log shows it.</summary>
public sealed class ChangeResponse
{
    public required long Id { get; init; }
    public required DateTimeOffset At { get; init; }

    /// <summary>The name of the API key that made the change.</summary>
    public required string By { get; init; }
    public required ChangeOperation Operation { get; init; }
    public required string ResourceType { get; init; }
    public required string ResourceKey { get; init; }
    public required IReadOnlyList<string> Timelines { get; init; }

    /// <summary>Each changed field with its value before and after.</summary>
    public required IReadOnlyList<FieldChange> Changes { get; init; }

    public static readonly Expression<Func<ChangeLogEntry, ChangeResponse>> Projection = c => new ChangeResponse
    {
        Id = c.Id,
        At = c.At,
        By = c.KeyName,
        Operation = c.Operation,
        ResourceType = c.ResourceType,
        ResourceKey = c.ResourceKey,
        Timelines = SplitTimelines(c.Timelines),
        Changes = ParseChanges(c.Changes),
    };

    private static string[] SplitTimelines(string timelines) => timelines.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static List<FieldChange> ParseChanges(string json) => JsonSerializer.Deserialize<List<FieldChange>>(json, TimelineApp.Json) ?? [];
}

/// <summary>The sort key of the last change on a page (newest first).</summary>
public sealed record ChangeCursor(long Id);
