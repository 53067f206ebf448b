using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data.Search;
using Timeline.Api.Infrastructure.Auth;
using Timeline.Api.Tests.Features.Editing;
using Timeline.Api.Tests.Infrastructure;

namespace Timeline.Api.Tests.Features.Search;

/// <summary>
/// Best matches first, on both providers: the more often the words occur in a record of the same length, the higher it
/// ranks — for a rare word (SQLite: bm25) and for a word in thousands of records (SQLite: frequency alone).
/// </summary>
public sealed class SearchRankingTests(TimelineApiFactory factory) : IClassFixture<TimelineApiFactory>
{
    [Fact]
    public async Task Search_ARecordThatRepeatsTheWord_RanksAboveOneThatMentionsItOnce()
    {
        using var editor = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor, $"ranking-{Guid.NewGuid():N}"));
        var word = $"quillwort{Guid.NewGuid():N}"[..16];
        var once = WriteClient.NewSlug("2026-11-21-once");
        var thrice = WriteClient.NewSlug("2026-11-22-thrice");
        var never = WriteClient.NewSlug("2026-11-23-never");
        // Written in this order, so that the newest match (which keys alone would put first) is the weaker one.
        foreach (var (slug, summary) in new[]
        {
            (thrice, $"The {word} talks: {word} papers were signed and the {word} plan was published."),
            (once, $"The delegations talked: {word} papers were signed and the other plan was published."),
            (never, "The delegations talked: no papers were signed and the other plan was published."),
        })
        {
            var body = WriteClient.EventBody(slug);
            body["summary"] = summary;
            using var created = await editor.SendAsync(HttpMethod.Post, "/api/v1/events", body);
            created.EnsureSuccessStatusCode();
        }

        var page = await factory.GetJsonAsync<JsonElement>($"/api/v1/search?q={word}&kind=event");

        Assert.Equal([thrice, once], page.Items().Select(h => h.Str("slug")).ToArray());
    }

    /// <summary>
    /// A word in more rows than SQLite's search ranks by bm25 (2,500): rows put into the index directly, as the index
    /// holds them (what they stand for does not matter to /search). Among the newest, the row that repeats the word ranks
    /// first on PostgreSQL (ts_rank counts occurrences); on SQLite the one with the word in its title comes first (a title
    /// match weighs twice a body one), then the one that repeats it, then those that mention it once.
    /// </summary>
    [Fact]
    public async Task Search_AWordInThousandsOfRows_RanksTheRowsThatUseItMostFirst()
    {
        var word = $"fernbrake{Guid.NewGuid():N}"[..16];
        const long firstId = 50_000_000;
        var rows = Enumerable.Range(0, 2_600).Select(i => (Id: firstId + i, Title: "Filler row of the ranking test",
            Body: $"Delegations met and one {word} was named in a body of ordinary length here.")).ToList();
        // Among the newest (highest keys), but not the newest: keys alone would not put them first.
        rows[2_550] = (rows[2_550].Id, $"The {word} in a title", "Delegations met and nothing else was named in a body of ordinary length.");
        rows[2_560] = (rows[2_560].Id, "Filler row of the ranking test", $"Delegations met: {word}, {word} and {word} in a body of ordinary length.");
        await factory.WithDbAsync(async db =>
        {
            foreach (var chunk in rows.Chunk(500))
            {
                var values = string.Join(",\n", chunk.Select(r => string.Create(CultureInfo.InvariantCulture,
                    $"({SearchKinds.KeyOf(SearchKinds.Event, r.Id)}, 'event', 'ranking-{r.Id}', '{r.Title}', '{r.Body}')")));
                var table = TestDatabase.IsPostgres
                    ? "\"SearchIndex\" (\"Key\", \"Kind\", \"Slug\", \"Title\", \"Body\")"
                    : "SearchIndex (rowid, Kind, Slug, Title, Body)";
                // Literals written here (a GUID-made word, fixed texts), not user input.
                var insert = $"INSERT INTO {table} VALUES {values};";
                await db.Database.ExecuteSqlRawAsync(insert);
            }

            return rows.Count;
        });

        var page = await factory.GetJsonAsync<JsonElement>($"/api/v1/search?q={word}&kind=event&limit=5");

        var slugs = page.Items().Select(h => h.Str("slug")).ToArray();
        var (titled, repeated) = ($"ranking-{rows[2_550].Id}", $"ranking-{rows[2_560].Id}");
        if (TestDatabase.IsPostgres)
            Assert.Equal(repeated, slugs[0]);
        else
            Assert.Equal([titled, repeated], slugs[..2]);
    }
}
