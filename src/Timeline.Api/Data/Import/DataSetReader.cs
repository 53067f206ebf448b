using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Timeline.Api.Data.Import;

/// <summary>One data file, read whole (see <see cref="DataSetReader.Read"/>).</summary>
public sealed record DataFile(string Path, DataFileContent Content);

/// <summary>Slugs that already exist in the database, so a single file may refer to them.</summary>
public sealed record KnownSlugs(
    IReadOnlySet<string> Timelines,
    IReadOnlySet<string> Actors,
    IReadOnlySet<string> Events,
    IReadOnlySet<string> Commitments,
    IReadOnlySet<string>? Treaties = null)
{
    public static readonly KnownSlugs None = new(
        new HashSet<string>(), new HashSet<string>(), new HashSet<string>(), new HashSet<string>());

    public IReadOnlySet<string> Of(string kind) => kind switch
    {
        "timeline" => Timelines,
        "actor" => Actors,
        "event" => Events,
        "treaty" => Treaties ?? new HashSet<string>(),
        _ => Commitments,
    };
}

/// <summary>What the check of a set of files found: the files in import order, and their small sections.</summary>
/// <param name="Files">The files, in the order they are read and imported.</param>
/// <param name="Timelines">Every timeline the files define (few, so kept).</param>
/// <param name="Actors">Every actor the files define (hundreds, so kept).</param>
/// <param name="Sections">Per file: its <c>timeline</c> and which lists it has.</param>
public sealed record DataSetCheck(
    IReadOnlyList<string> Files,
    IReadOnlyList<TimelineData> Timelines,
    IReadOnlyList<ActorData> Actors,
    IReadOnlyList<DataFileSections> Sections);

/// <summary>The <c>timeline</c> of one file and which of the large lists it holds.</summary>
public sealed record DataFileSections(string? Timeline, bool Events, bool Commitments, bool Quotes, bool Treaties = false);

/// <summary>
/// Reads a data file or a folder of them, checks each against the JSON Schema and then checks what a
/// schema cannot: calendar dates, ordered intervals, unique slugs and references that resolve.
/// Reports every problem at once, each with file, line and field. Files are read one list item at a time
/// (<see cref="YamlDocumentReader"/>), so the check holds one item, not the data set.
/// </summary>
public static class DataSetReader
{
    private static readonly Lazy<SchemaSet> Schemas = new(SchemaSet.Load);

    private static readonly JsonSerializerOptions ContentOptions = new(JsonSerializerDefaults.Web)
    {
        PropertyNameCaseInsensitive = false,
    };

    /// <summary>The data files under a path (or the path itself), in the order they are imported.</summary>
    public static IReadOnlyList<string> EnumerateFiles(string path)
    {
        if (File.Exists(path))
            return [path];
        if (!Directory.Exists(path))
            throw new DataImportException([new DataFileError(path, 0, "/", "No such file or folder.")]);

        return [.. Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
                || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
                || (f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && !f.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase)))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>The pieces of one file in order, as <see cref="YamlDocumentReader.ReadParts"/> gives them.</summary>
    public static IEnumerable<DataFilePart> ReadParts(string file)
    {
        using var reader = File.OpenText(file);
        foreach (var part in YamlDocumentReader.ReadParts(file, reader))
            yield return part;
    }

    /// <summary>The items of one list section of a file (already checked), typed.</summary>
    public static IEnumerable<T> ReadItems<T>(string file, string section)
    {
        foreach (var part in ReadParts(file))
        {
            if (part.Section == section && part.Index >= 0)
                yield return Deserialize<T>(part);
        }
    }

    /// <summary>
    /// Checks every file; throws <see cref="DataImportException"/> with every problem found. Schema errors come
    /// alone (the other rules would only repeat them); references no file declares are looked up with
    /// <paramref name="existing"/>, which returns the slugs of a kind that the database has.
    /// </summary>
    public static async Task<DataSetCheck> CheckAsync(
        IReadOnlyList<string> files, Func<string, IReadOnlyCollection<string>, Task<IReadOnlySet<string>>> existing)
    {
        ArgumentNullException.ThrowIfNull(files);
        var schemaErrors = new List<DataFileError>();
        var rules = new DataSetRules(files);
        var timelines = new List<TimelineData>();
        var actors = new List<ActorData>();
        var sections = new List<DataFileSections>();
        for (var index = 0; index < files.Count; index++)
        {
            var file = files[index];
            var errors = new List<DataFileError>();
            JsonNode? skeleton = new JsonObject();
            var lists = new HashSet<string>(StringComparer.Ordinal);
            string? timeline = null;
            var lines = new Dictionary<string, int>(StringComparer.Ordinal);
            try
            {
                foreach (var part in ReadParts(file))
                {
                    if (part.Index < 0)
                    {
                        // The file without its list items: checked against the whole schema at the end.
                        foreach (var (pointer, line) in part.Value.Lines)
                            lines[pointer] = line;
                        if (part.Section.Length == 0)
                            skeleton = part.Value.Root?.DeepClone();
                        else
                            skeleton!.AsObject()[part.Section] = part.Value.Root?.DeepClone();
                        if (part.IsList)
                            lists.Add(part.Section);
                        if (part is { Section: "timeline", Value.Root: JsonValue value } && value.TryGetValue<string>(out var slug))
                        {
                            timeline = slug;
                            rules.Check(index, part, slug);
                        }

                        continue;
                    }

                    var itemErrors = Schemas.Value.CheckItem(part);
                    if (itemErrors is null)
                        continue; // a list the format does not have: the skeleton's check reports it
                    if (itemErrors.Count > 0)
                    {
                        errors.AddRange(itemErrors);
                        continue;
                    }

                    object item = part.Section switch
                    {
                        "timelines" => Deserialize<TimelineData>(part),
                        "actors" => Deserialize<ActorData>(part),
                        "events" => Deserialize<EventData>(part),
                        "commitments" => Deserialize<CommitmentData>(part),
                        "treaties" => Deserialize<TreatyData>(part),
                        _ => Deserialize<QuoteData>(part),
                    };
                    rules.Check(index, part, item);
                    if (item is TimelineData t)
                        timelines.Add(t);
                    else if (item is ActorData a)
                        actors.Add(a);
                }

                errors.AddRange(Schemas.Value.CheckFile(new LocatedDocument(file, skeleton, lines)));
            }
            catch (DataImportException exception)
            {
                errors.AddRange(exception.Errors);
            }

            schemaErrors.AddRange(errors.Distinct().OrderBy(e => e.Line));
            sections.Add(new DataFileSections(timeline, lists.Contains("events"), lists.Contains("commitments"), lists.Contains("quotes"), lists.Contains("treaties")));
        }

        if (schemaErrors.Count > 0)
            throw new DataImportException(schemaErrors);
        await rules.FinishAsync(existing);
        if (rules.Errors.Count > 0)
            throw new DataImportException(rules.Errors);
        return new DataSetCheck(files, timelines, actors, sections);
    }

    /// <summary>
    /// Reads and checks a data file or a folder of them whole, for small sets (tests, the bundled data);
    /// the importer streams instead.
    /// </summary>
    public static IReadOnlyList<DataFile> Read(string path, KnownSlugs known)
    {
        ArgumentNullException.ThrowIfNull(known);
        var files = EnumerateFiles(path);
        var check = CheckAsync(files, (kind, slugs) => Task.FromResult<IReadOnlySet<string>>(slugs.Where(known.Of(kind).Contains).ToHashSet(StringComparer.Ordinal)))
            .GetAwaiter().GetResult(); // the lookup is synchronous: nothing here waits
        return [.. check.Files.Select(file => new DataFile(file, ReadContent(file)))];
    }

    private static DataFileContent ReadContent(string file)
    {
        var root = new JsonObject();
        var list = new JsonArray();
        foreach (var part in ReadParts(file))
        {
            if (part.Index >= 0)
                list.Add(part.Value.Root?.DeepClone());
            else if (part.IsList)
                root[part.Section] = list = [];
            else
                root[part.Section] = part.Value.Root?.DeepClone();
        }

        return root.Deserialize<DataFileContent>(ContentOptions) ?? new DataFileContent();
    }

    public static T Deserialize<T>(DataFilePart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        return part.Value.Root.Deserialize<T>(ContentOptions)!;
    }

    /// <summary>The data schema, and one schema per list item so that each item is checked on its own.</summary>
    private sealed class SchemaSet(JsonSchema file, IReadOnlyDictionary<string, JsonSchema> items)
    {
        private static readonly Dictionary<string, string> ItemDefinitions = new(StringComparer.Ordinal)
        {
            ["timelines"] = "timeline",
            ["actors"] = "actor",
            ["events"] = "event",
            ["commitments"] = "commitment",
            ["treaties"] = "treaty",
            ["quotes"] = "quote",
        };

        public static SchemaSet Load()
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("timeline-data.schema.json")
                ?? throw new InvalidOperationException("The data schema is not embedded in the assembly.");
            using var reader = new StreamReader(stream);
            var text = reader.ReadToEnd();
            var items = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
            foreach (var (section, definition) in ItemDefinitions)
            {
                // The same document with its root narrowed to one definition, so that its $refs resolve as before.
                var node = JsonNode.Parse(text)!.AsObject();
                foreach (var key in new[] { "type", "additionalProperties", "properties", "dependentRequired", "title", "description" })
                    node.Remove(key);
                node["$id"] = $"https://timeline.example/schemas/timeline-data.{definition}.schema.json";
                node["$ref"] = $"#/$defs/{definition}";
                items[section] = JsonSchema.FromText(node.ToJsonString());
            }

            return new SchemaSet(JsonSchema.FromText(text), items);
        }

        /// <summary>The schema errors of one list item (pointers from the file's root); null for a list the format does not have.</summary>
        public List<DataFileError>? CheckItem(DataFilePart part) =>
            items.TryGetValue(part.Section, out var schema) ? Evaluate(schema, part.Value, part.Location) : null;

        public List<DataFileError> CheckFile(LocatedDocument skeleton) => Evaluate(file, skeleton, "");

        private static List<DataFileError> Evaluate(JsonSchema schema, LocatedDocument document, string prefix)
        {
            var json = JsonSerializer.SerializeToElement(document.Root);
            // Valid items are the rule: the flag output stops at the first failure, and only a failing
            // item is evaluated again for the list of every error with its location.
            if (schema.Evaluate(json, FlagOnly).IsValid)
                return [];
            var results = schema.Evaluate(json, ListAll);
            if (results.IsValid)
                return [];

            return [.. (results.Details ?? [])
                .Where(d => !d.IsValid && d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => document.Error(prefix + d.InstanceLocation, Describe(e.Key, e.Value))))
                .Distinct()];
        }

        private static readonly EvaluationOptions FlagOnly = new() { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true };
        private static readonly EvaluationOptions ListAll = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

        private static string Describe(string keyword, string message) => keyword switch
        {
            "additionalProperties" or "false" => "This property is not part of the format (check its spelling).",
            _ => message,
        };
    }
}
