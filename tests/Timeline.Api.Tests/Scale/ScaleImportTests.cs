using Microsoft.Extensions.DependencyInjection;
using Timeline.Api.Data.Import;

namespace Timeline.Api.Tests.Scale;

/// <summary>An import of thousands of events holds a batch at a time, not the archive.</summary>
[Collection(ScaleArchives.Name)]
public sealed class ScaleImportTests(ScaleArchive archive)
{
    [Fact]
    public async Task ImportingTheArchiveAgain_ChangesNothing_AndNeverTracksMoreThanABatch()
    {
        archive.Tracked.Reset();
        await using var scope = archive.Factory.Services.CreateAsyncScope();

        var result = await scope.ServiceProvider.GetRequiredService<DataSetImporter>().ImportAsync(archive.Folder, dryRun: false, CancellationToken.None);

        Assert.Equal(0, result.Changes);
        // Every event already exists, so each is loaded with its timelines, actors, tags, sources and relations:
        // the whole archive would be some 40,000 entities; one batch of 1,000 events is about a third of that.
        Assert.True(archive.Tracked.Saves >= ScaleArchive.Events / DataSetImporter.BatchSize, $"{archive.Tracked.Saves} saves");
        Assert.InRange(archive.Tracked.Max, 1, DataSetImporter.BatchSize * 15);
    }
}
