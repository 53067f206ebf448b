using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Infrastructure;
using Timeline.Api.Features.Editing;

namespace Timeline.Bench;

/// <summary>
/// The change log of an archive that editors have worked on: one title correction for every tenth event,
/// written through the API's own model (<see cref="ChangeLog.Entry"/> writes the same rows). Imports
/// record nothing in the log, so without this the changes feed would be measured empty.
/// </summary>
public static class ChangeLogSeeder
{
    public static async Task SeedAsync(IEnumerable<string> databaseSettings, int entries)
    {
        await using var app = TimelineApp.Build([.. databaseSettings, "--Logging:LogLevel:Default=Warning"]);
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        long afterId = 0;
        var written = 0;
        while (written < entries)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
            var batch = await db.Events.AsNoTracking()
                .Where(e => e.Id > afterId)
                .OrderBy(e => e.Id)
                .Take(10_000)
                .Select(e => new { e.Id, e.Slug, e.Title, Timelines = e.Timelines.Select(t => t.Slug).ToList() })
                .ToListAsync();
            if (batch.Count == 0)
                break;
            afterId = batch[^1].Id;
            foreach (var e in batch.Where(e => e.Id % 10 == 0))
            {
                var before = new JsonObject { ["title"] = e.Title };
                var after = new JsonObject { ["title"] = e.Title + " (corrected)" };
                db.Changes.Add(ChangeLog.Entry(ChangeOperation.Update, "newsdesk", at = at.AddSeconds(7), "event", e.Slug, e.Timelines,
                    ChangeLog.Between(before, after)));
                written++;
            }

            await db.SaveChangesAsync();
        }
    }
}
