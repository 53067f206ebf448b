using System.Text.Json.Nodes;

namespace Timeline.Api.Features.Changes;

/// <summary>One changed field of a write, as the change log shows it: its value before and after.</summary>
public sealed record FieldChange(string Field, JsonNode? Before, JsonNode? After);
