using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Timeline.Api.Data.Import;

/// <summary>A data file read into JSON, with the line on which every value starts.</summary>
public sealed class LocatedDocument(string path, JsonNode? root, IReadOnlyDictionary<string, int> lines)
{
    public string Path { get; } = path;
    public JsonNode? Root { get; } = root;

    /// <summary>The line of the value at a JSON Pointer, or of its nearest enclosing value.</summary>
    public int LineOf(string location)
    {
        var current = location;
        while (true)
        {
            if (lines.TryGetValue(current, out var line))
                return line;
            if (current.Length == 0)
                return 1;
            var cut = current.LastIndexOf('/');
            current = cut <= 0 ? "" : current[..cut];
        }
    }

    public DataFileError Error(string location, string message) => new(Path, LineOf(location), location.Length == 0 ? "/" : location, message);
}

/// <summary>
/// Reads YAML (and so JSON, a subset of it) into a JSON tree while remembering where each value stood.
/// Every scalar is read as a string: the data format has no numbers or booleans, and editors can write
/// <c>date: 2004</c> without YAML turning it into a number.
/// </summary>
public static class YamlDocumentReader
{
    public static LocatedDocument Read(string path, TextReader text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stream = new YamlStream();
        try
        {
            stream.Load(text);
        }
        catch (YamlException exception)
        {
            throw new DataImportException([new DataFileError(path, (int)exception.Start.Line, "/", $"Not valid YAML: {exception.InnerException?.Message ?? exception.Message}")]);
        }

        if (stream.Documents.Count != 1)
            throw new DataImportException([new DataFileError(path, 1, "/", "A data file holds exactly one YAML document.")]);

        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var root = Convert(stream.Documents[0].RootNode, "", lines);
        return new LocatedDocument(path, root, lines);
    }

    private static JsonNode? Convert(YamlNode node, string location, Dictionary<string, int> lines)
    {
        lines[location] = (int)node.Start.Line;
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (keyNode, valueNode) in mapping.Children)
                {
                    var key = (keyNode as YamlScalarNode)?.Value ?? keyNode.ToString();
                    var child = $"{location}/{Escape(key)}";
                    obj[key] = Convert(valueNode, child, lines); // YamlDotNet rejects repeated keys while loading.
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                var index = 0;
                foreach (var item in sequence.Children)
                    array.Add(Convert(item, $"{location}/{index++}", lines));
                return array;
            case YamlScalarNode scalar:
                var isNull = scalar.Style == YamlDotNet.Core.ScalarStyle.Plain
                    && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";
                return isNull ? null : JsonValue.Create(scalar.Value);
            default:
                return null;
        }
    }

    private static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
