using System.Reflection;
using System.Text.Json;
using Json.Schema;
using Timeline.Api.Domain;

namespace Timeline.Api.Data.Import;

/// <summary>One data file, located and read.</summary>
public sealed record DataFile(LocatedDocument Document, DataFileContent Content);

/// <summary>Slugs that already exist in the database, so a single file may refer to them.</summary>
public sealed record KnownSlugs(
    IReadOnlySet<string> Timelines,
    IReadOnlySet<string> Actors,
    IReadOnlySet<string> Events,
    IReadOnlySet<string> Commitments)
{
    public static readonly KnownSlugs None = new(
        new HashSet<string>(), new HashSet<string>(), new HashSet<string>(), new HashSet<string>());
}

/// <summary>
/// Reads a data file or a folder of them, checks each against the JSON Schema and then checks what a
/// schema cannot: calendar dates, ordered intervals, unique slugs and references that resolve.
/// Reports every problem at once, each with file, line and field.
/// </summary>
public static class DataSetReader
{
    private static readonly Lazy<JsonSchema> Schema = new(LoadSchema);

    private static readonly JsonSerializerOptions ContentOptions = new(JsonSerializerDefaults.Web)
    {
        PropertyNameCaseInsensitive = false,
    };

    public static IReadOnlyList<DataFile> Read(string path, KnownSlugs known)
    {
        ArgumentNullException.ThrowIfNull(known);
        var files = EnumerateFiles(path);
        var errors = new List<DataFileError>();
        var read = new List<DataFile>();
        foreach (var file in files)
        {
            try
            {
                using var reader = File.OpenText(file);
                var document = YamlDocumentReader.Read(file, reader);
                var schemaErrors = CheckSchema(document);
                if (schemaErrors.Count > 0)
                {
                    errors.AddRange(schemaErrors);
                    continue;
                }

                var content = document.Root.Deserialize<DataFileContent>(ContentOptions) ?? new DataFileContent();
                read.Add(new DataFile(document, content));
            }
            catch (DataImportException exception)
            {
                errors.AddRange(exception.Errors);
            }
        }

        if (errors.Count == 0)
            errors.AddRange(DataSetRules.Check(read, known));
        if (errors.Count > 0)
            throw new DataImportException(errors);
        return read;
    }

    private static List<string> EnumerateFiles(string path)
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

    private static List<DataFileError> CheckSchema(LocatedDocument document)
    {
        using var json = JsonDocument.Parse(document.Root?.ToJsonString() ?? "null");
        var results = Schema.Value.Evaluate(json.RootElement, new EvaluationOptions
        {
            OutputFormat = OutputFormat.List,
            RequireFormatValidation = true,
        });
        if (results.IsValid)
            return [];

        return [.. (results.Details ?? [])
            .Where(d => !d.IsValid && d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => document.Error(d.InstanceLocation.ToString(), Describe(e.Key, e.Value))))
            .Distinct()
            .OrderBy(e => e.Line)];
    }

    private static string Describe(string keyword, string message) => keyword switch
    {
        "additionalProperties" or "false" => "This property is not part of the format (check its spelling).",
        _ => message,
    };

    private static JsonSchema LoadSchema()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("timeline-data.schema.json")
            ?? throw new InvalidOperationException("The data schema is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromText(reader.ReadToEnd());
    }
}
