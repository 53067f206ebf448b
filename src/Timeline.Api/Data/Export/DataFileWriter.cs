using System.Reflection;
using System.Text;
using Timeline.Api.Data.Import;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.EventEmitters;
using YamlDotNet.Serialization.NamingConventions;

namespace Timeline.Api.Data.Export;

/// <summary>
/// Writes an exported timeline as data files laid out like <c>data/</c>:
/// <c>timeline-data.schema.json</c>, <c>timelines.yaml</c>, <c>actors.yaml</c> and
/// <c>&lt;slug&gt;/events.yaml</c>, <c>commitments.yaml</c>, <c>quotes.yaml</c>.
/// </summary>
public static class DataFileWriter
{
    public const string SchemaFileName = "timeline-data.schema.json";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithQuotingNecessaryStrings(quoteYaml1_1Strings: true)
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull | DefaultValuesHandling.OmitEmptyCollections)
        .WithIndentedSequences()
        .WithEventEmitter(next => new QuoteDigitsEventEmitter(next))
        .WithNewLine("\n")
        .Build();

    /// <summary>Writes the files and returns their paths, in the order written.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(string folder, TimelineExport export, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(export);
        var slug = export.Timeline.Slug;
        Directory.CreateDirectory(Path.Combine(folder, slug));

        var written = new List<string>();
        async Task Write(string relativePath, string text)
        {
            var path = Path.Combine(folder, relativePath);
            await File.WriteAllTextAsync(path, text, Utf8, cancellationToken);
            written.Add(path);
        }

        await Write(SchemaFileName, ReadSchema());
        await Write("timelines.yaml", ToYaml(new DataFileContent { Timelines = [export.Timeline] }, SchemaFileName));
        await Write("actors.yaml", ToYaml(new DataFileContent { Actors = [.. export.Actors] }, SchemaFileName));
        var schemaFromTimeline = $"../{SchemaFileName}";
        await Write(Path.Combine(slug, "events.yaml"), ToYaml(new DataFileContent { Timeline = slug, Events = [.. export.Events] }, schemaFromTimeline));
        await Write(Path.Combine(slug, "treaties.yaml"), ToYaml(new DataFileContent { Timeline = slug, Treaties = [.. export.Treaties] }, schemaFromTimeline));
        await Write(Path.Combine(slug, "commitments.yaml"), ToYaml(new DataFileContent { Timeline = slug, Commitments = [.. export.Commitments] }, schemaFromTimeline));
        await Write(Path.Combine(slug, "quotes.yaml"), ToYaml(new DataFileContent { Timeline = slug, Quotes = [.. export.Quotes] }, schemaFromTimeline));
        return written;
    }

    /// <summary>One data file's text: the editor's schema comment, then the content.</summary>
    public static string ToYaml(DataFileContent content, string schemaPath) =>
        $"# yaml-language-server: $schema={schemaPath}\n{Serializer.Serialize(content)}";

    private static string ReadSchema()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(SchemaFileName)
            ?? throw new InvalidOperationException("The data schema is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Quotes every string that starts with a digit (dates such as <c>2004</c> or <c>1999-12-08</c>, slugs
    /// that start with a date), as the bundled files do, so that no YAML tool reads them as numbers or timestamps.
    /// </summary>
    private sealed class QuoteDigitsEventEmitter(IEventEmitter next) : ChainedEventEmitter(next)
    {
        public override void Emit(ScalarEventInfo eventInfo, IEmitter emitter)
        {
            if (eventInfo.Source.Value is string { Length: > 0 } text && char.IsAsciiDigit(text[0]))
                eventInfo.Style = ScalarStyle.DoubleQuoted;
            base.Emit(eventInfo, emitter);
        }
    }
}
