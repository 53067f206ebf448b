namespace Timeline.Api.Tests;

/// <summary>
/// A copy of the bundled data plus one event and one commitment whose texts are attacks (titles, summaries, source
/// titles), as an editor or a data file could write them.
/// </summary>
public static class HostileData
{
    public const string EventSlug = "2020-01-15-hostile-title";
    public const string CommitmentSlug = "hostile-commitment";
    public const string Title = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=1\">";
    public const string Summary = "=HYPERLINK(\"http://evil.example\",\"click\")";
    public const string Place = "@SUM(1+1)";
    public const string SourceTitle = "<img src=x onerror=\"window.__pwned=2\">\"></a><script>window.__pwned=2</script>";
    public const string AssessmentSummary = "</li></ol><svg onload=\"window.__pwned=3\"><script>window.__pwned=3</script>";

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
                    title: '{SourceTitle}'
                    publisher: '{Title}'

            """);
        File.AppendAllText(Path.Combine(folder, "union-state", "commitments.yaml"), $"""
              - slug: "{CommitmentSlug}"
                title: '{Title}'
                description: '{AssessmentSummary}'
                category: political
                parties: [belarus]
                assessments:
                  - date: "2020-01-15"
                    status: stalled
                    summary: '{AssessmentSummary}'
                    event: "{EventSlug}"
                    sources:
                      - url: https://example.org/hostile-assessment
                        title: '{SourceTitle}'

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
