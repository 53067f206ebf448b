namespace Timeline.Api.Tests;

/// <summary>A copy of the bundled data plus one event whose text is an attack, as an editor or a data file could write it.</summary>
public static class HostileData
{
    public const string EventSlug = "2020-01-15-hostile-title";
    public const string Title = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=1\">";
    public const string Summary = "=HYPERLINK(\"http://evil.example\",\"click\")";
    public const string Place = "@SUM(1+1)";

    /// <summary>Creates the folder and returns its path; the caller deletes it.</summary>
    public static string CreateFolder()
    {
        var folder = Directory.CreateTempSubdirectory("timeline-hostile-data-").FullName;
        CopyDirectory(TimelineApiFactory.DataFolder, folder);
        var events = Path.Combine(folder, "union-state", "events.yaml");
        File.AppendAllText(events, $"""
              - slug: "{EventSlug}"
                date: "2020-01-15"
                title: '{Title}'
                summary: '{Summary}'
                kind: statement
                status: occurred
                place: '{Place}'
                tags: [hostile]
                sources:
                  - url: https://example.org/hostile

            """);
        return folder;
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (var directory in Directory.GetDirectories(source, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(directory.Replace(source, target, StringComparison.Ordinal));
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(source, target, StringComparison.Ordinal), overwrite: true);
    }
}

/// <summary>An app seeded from <see cref="HostileData"/>, shared by the tests of one class.</summary>
public sealed class HostileDataFactory : IDisposable
{
    private readonly string _folder = HostileData.CreateFolder();

    public HostileDataFactory() => App = new TimelineApiFactory { SeedFolder = _folder };

    public TimelineApiFactory App { get; }

    public void Dispose()
    {
        App.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
