using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Timeline.Api.Data.Import;

/// <summary>A value read from a data file, with the line on which each of its values starts.</summary>
public sealed class LocatedDocument(string path, JsonNode? root, IReadOnlyDictionary<string, int> lines)
{
    public string Path { get; } = path;
    public JsonNode? Root { get; } = root;

    /// <summary>The line of every value, by JSON Pointer.</summary>
    public IReadOnlyDictionary<string, int> Lines { get; } = lines;

    /// <summary>The line of the value at a JSON Pointer (from the file's root), or of its nearest enclosing value.</summary>
    public int LineOf(string location)
    {
        var current = location;
        while (true)
        {
            if (Lines.TryGetValue(current, out var line))
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
/// One piece of a data file: a top-level value (<c>timeline: x</c>), the start of a top-level list
/// (<see cref="Index"/> -1, <see cref="LocatedDocument.Root"/> an empty array), or one item of such a list
/// (<c>events[12]</c>). Pointers and lines are the file's, so an error in an item names its place in the file.
/// </summary>
public sealed record DataFilePart(string Section, int Index, bool IsList, LocatedDocument Value)
{
    /// <summary>The JSON Pointer of this piece in the file.</summary>
    public string Location => Index < 0 ? (Section.Length == 0 ? "" : $"/{YamlDocumentReader.Escape(Section)}") : $"/{YamlDocumentReader.Escape(Section)}/{Index}";
}

/// <summary>
/// Reads YAML (and so JSON, a subset of it) into JSON one top-level list item at a time, remembering where
/// each value stood. A file of a million events is never held whole: only the item being read is.
/// Every scalar is read as a string: the data format has no numbers or booleans, and editors can write
/// <c>date: 2004</c> without YAML turning it into a number.
/// </summary>
public static class YamlDocumentReader
{
    /// <summary>The file's pieces in order; YAML syntax errors (and a second document) end it with <see cref="DataImportException"/>.</summary>
    public static IEnumerable<DataFilePart> ReadParts(string path, TextReader text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new PartReader(path, new Parser(text));
        return reader.Read();
    }

    internal static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private sealed class PartReader(string path, IParser parser)
    {
        // Anchors are document-wide, so an alias in events[500] may name an anchor set in events[2].
        private readonly Dictionary<string, JsonNode?> _anchors = new(StringComparer.Ordinal);
        private int _rootLine = 1;

        public IEnumerable<DataFilePart> Read()
        {
            Expect<StreamStart>();
            if (!Try(p => p.Accept<DocumentStart>(out _)))
                throw OneDocument();
            Expect<DocumentStart>();
            _rootLine = Line();

            if (Try(p => p.Accept<MappingStart>(out _)))
            {
                Expect<MappingStart>();
                var keys = new HashSet<string>(StringComparer.Ordinal);
                while (!Try(p => p.Accept<MappingEnd>(out _)))
                {
                    var (key, _) = ReadKey(keys);
                    if (Try(p => p.Accept<SequenceStart>(out _)))
                    {
                        var listLine = Line();
                        Expect<SequenceStart>(); // an alias to a whole top-level list would need the list in memory: not supported
                        yield return Part(key, -1, isList: true, new JsonArray(), new Dictionary<string, int>(StringComparer.Ordinal) { [$"/{Escape(key)}"] = listLine });
                        var index = 0;
                        while (!Try(p => p.Accept<SequenceEnd>(out _)))
                        {
                            var lines = new Dictionary<string, int>(StringComparer.Ordinal);
                            var location = $"/{Escape(key)}/{index}";
                            var node = ReadNode(location, lines);
                            yield return Part(key, index++, isList: false, node, lines);
                        }

                        Expect<SequenceEnd>();
                    }
                    else
                    {
                        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
                        var node = ReadNode($"/{Escape(key)}", lines);
                        yield return Part(key, -1, isList: false, node, lines);
                    }
                }

                Expect<MappingEnd>();
            }
            else
            {
                var lines = new Dictionary<string, int>(StringComparer.Ordinal);
                var node = ReadNode("", lines);
                yield return Part("", -1, isList: false, node, lines);
            }

            Expect<DocumentEnd>();
            if (Try(p => p.Accept<DocumentStart>(out _)))
                throw OneDocument();
        }

        private DataFilePart Part(string section, int index, bool isList, JsonNode? node, Dictionary<string, int> lines)
        {
            lines.TryAdd("", _rootLine);
            return new(section, index, isList, new LocatedDocument(path, node, lines));
        }

        private (string Key, int Line) ReadKey(HashSet<string> keys)
        {
            var line = Line();
            var key = Try(p => p.Accept<Scalar>(out _)) ? Expect<Scalar>().Value : ReadNode("", []) ?.ToJsonString() ?? "";
            if (!keys.Add(key))
                throw Invalid(line, $"Duplicate key '{key}'.");
            return (key, line);
        }

        private JsonNode? ReadNode(string location, Dictionary<string, int> lines)
        {
            lines[location] = Line();
            if (Try(p => p.Accept<AnchorAlias>(out _)))
            {
                var alias = Expect<AnchorAlias>();
                return _anchors.TryGetValue(alias.Value.Value, out var anchored)
                    ? anchored?.DeepClone()
                    : throw Invalid(lines[location], $"The alias *{alias.Value.Value} names no anchor before it.");
            }

            if (Try(p => p.Accept<Scalar>(out _)))
            {
                var scalar = Expect<Scalar>();
                var isNull = scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";
                return Remember(scalar.Anchor, isNull ? null : JsonValue.Create(scalar.Value));
            }

            if (Try(p => p.Accept<SequenceStart>(out _)))
            {
                var start = Expect<SequenceStart>();
                var array = new JsonArray();
                var index = 0;
                while (!Try(p => p.Accept<SequenceEnd>(out _)))
                    array.Add(ReadNode($"{location}/{index++}", lines));
                Expect<SequenceEnd>();
                return Remember(start.Anchor, array);
            }

            var mapping = Expect<MappingStart>();
            var obj = new JsonObject();
            var keys = new HashSet<string>(StringComparer.Ordinal);
            while (!Try(p => p.Accept<MappingEnd>(out _)))
            {
                var (key, _) = ReadKey(keys);
                obj[key] = ReadNode($"{location}/{Escape(key)}", lines);
            }

            Expect<MappingEnd>();
            return Remember(mapping.Anchor, obj);
        }

        private JsonNode? Remember(AnchorName anchor, JsonNode? node)
        {
            if (!anchor.IsEmpty)
                _anchors[anchor.Value] = node?.DeepClone();
            return node;
        }

        private int Line() => Try(p => (int)(p.Current?.Start.Line ?? 1));

        private T Expect<T>() where T : ParsingEvent => Try(p => p.Consume<T>());

        /// <summary>Runs a step of the parser, turning a YAML syntax error into a located import error.</summary>
        private TResult Try<TResult>(Func<IParser, TResult> step)
        {
            try
            {
                return step(parser);
            }
            catch (YamlException exception)
            {
                throw Invalid((int)exception.Start.Line, exception.InnerException?.Message ?? exception.Message);
            }
        }

        private DataImportException Invalid(int line, string message) =>
            new([new DataFileError(path, line, "/", $"Not valid YAML: {message}")]);

        private DataImportException OneDocument() =>
            new([new DataFileError(path, 1, "/", "A data file holds exactly one YAML document.")]);
    }
}
