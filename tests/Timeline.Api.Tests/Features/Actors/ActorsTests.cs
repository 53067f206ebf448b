using System.Text.Json;
using Timeline.Api.Tests.Infrastructure;

namespace Timeline.Api.Tests.Features.Actors;

[Collection(BundledData.Name)]
public sealed class ActorsTests(TimelineApiFactory factory)
{
    [Theory]
    [InlineData("Lukashenko", "alyaksandr-lukashenka")]
    [InlineData("lukashenka", "alyaksandr-lukashenka")]
    [InlineData("LUKAŠENKA", "alyaksandr-lukashenka")]
    [InlineData("lukasenka", "alyaksandr-lukashenka")]
    [InlineData("Лукашенко", "alyaksandr-lukashenka")]
    [InlineData("Лукашэнка", "alyaksandr-lukashenka")]
    [InlineData("Medvedev", "dmitry-medvedev")]
    [InlineData("Sergei Rumas", "syarhei-rumas")]
    [InlineData("Shmatina", "katsyaryna-shmatsina")]
    public async Task ListActors_ByAnySpelling_FindsTheActor(string q, string slug)
    {
        var page = await factory.GetJsonAsync<JsonElement>($"/api/v1/actors?q={Uri.EscapeDataString(q)}");
        Assert.Contains(page.Items(), a => a.Str("slug") == slug);
    }

    [Fact]
    public async Task ListActors_Lukashenko_FindsAlyaksandrLukashenkaWithAliases()
    {
        var page = await factory.GetJsonAsync<JsonElement>("/api/v1/actors?q=Lukashenko");
        var actor = Assert.Single(page.Items());
        Assert.Equal("Alyaksandr Lukashenka", actor.Str("name"));
        Assert.Equal("person", actor.Str("kind"));
        Assert.Contains("Лукашенко", actor.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task ListActors_ByKind_ReturnsOnlyThatKind()
    {
        var page = await factory.GetJsonAsync<JsonElement>("/api/v1/actors?kind=state&limit=200");
        Assert.Contains(page.Items(), a => a.Str("slug") == "belarus");
        Assert.All(page.Items(), a => Assert.Equal("state", a.Str("kind")));
    }

    [Fact]
    public async Task ListActorEvents_Medvedev_IncludesTheSochiMeeting()
    {
        var actor = await factory.GetJsonAsync<JsonElement>("/api/v1/actors/dmitry-medvedev");
        Assert.Equal("Dmitry Medvedev", actor.Str("name"));
        var events = await factory.GetJsonAsync<JsonElement>("/api/v1/actors/dmitry-medvedev/events?limit=200");
        Assert.Contains(events.Items(), e => e.Str("slug") == "2019-12-06-prime-ministers-sochi");
        Assert.All(events.Items(), e => Assert.Contains(e.GetProperty("actors").EnumerateArray(), a => a.Str("slug") == "dmitry-medvedev"));
    }
}
