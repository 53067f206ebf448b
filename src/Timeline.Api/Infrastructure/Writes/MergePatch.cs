using System.Text.Json.Nodes;

namespace Timeline.Api.Infrastructure.Writes;

/// <summary>JSON Merge Patch, RFC 7396 section 2, exactly: null removes, objects merge, anything else replaces.</summary>
public static class MergePatch
{
    public static JsonNode Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
            return patch?.DeepClone()!;

        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
                result.Remove(name);
            else
                result[name] = Apply(result[name], value);
        }

        return result;
    }
}
