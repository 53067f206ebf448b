using System.Text.Json;
using Timeline.Api.Infrastructure.Auth;
using Timeline.Api.Tests.Features.Editing;
using Timeline.Api.Tests.Infrastructure;

namespace Timeline.Api.Tests.Features.Search;

/// <summary>Best matches first, on both providers: the more often the words occur in a record of the same length, the higher it ranks.</summary>
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
}
