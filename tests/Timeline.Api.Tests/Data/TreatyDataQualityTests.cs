using System.Text.Json;
using Timeline.Api.Data.Import;
using Timeline.Api.Domain;
using Timeline.Api.Tests.Infrastructure;

namespace Timeline.Api.Tests.Data;

/// <summary>The fact-check desk's gate on the bundled treaties: every action sourced, every record consistent.</summary>
[Collection(BundledData.Name)]
public sealed class TreatyDataQualityTests(TimelineApiFactory factory)
{
    private static readonly IReadOnlyList<DataFile> Files = DataSetReader.Read(TimelineApiFactory.DataFolder, KnownSlugs.None);

    private static IEnumerable<TreatyData> Treaties => Files.SelectMany(f => f.Content.Treaties ?? []);

    /// <summary>The instruments issue 12 names, each of which the fact sheet dates.</summary>
    private static readonly string[] BundledTreaties =
    [
        "community-treaty-1996", "union-treaty-1997", "union-charter-1997", "military-cooperation-treaty-1997", "union-state-treaty-1999",
        "visa-recognition-agreement-2020", "customs-harmonisation-agreement-2022", "indirect-tax-agreement-2022",
        "security-guarantees-treaty-2024", "electricity-market-treaty-2024",
    ];

    [Fact]
    public void TheIssuesTreaties_AreAllThere()
    {
        Assert.Equal(BundledTreaties.Order(StringComparer.Ordinal), Treaties.Select(t => t.Slug).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryAction_HasASourceWithAnAbsoluteHttpUrl()
    {
        var actions = Treaties.SelectMany(t => t.Actions.Select(a => (t.Slug, Action: a))).ToList();
        Assert.NotEmpty(actions);
        Assert.All(actions, a =>
        {
            Assert.NotEmpty(a.Action.Sources);
            Assert.All(a.Action.Sources, s => Assert.True(
                Uri.TryCreate(s.Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https", $"{a.Slug}: '{s.Url}' is not an http(s) URL"));
        });
    }

    [Fact]
    public void EveryActionsDate_IsRealAndEveryRecord_IsConsistent()
    {
        foreach (var treaty in Treaties)
        {
            var parties = treaty.Parties.Select((p, i) => (p, Id: (long)i + 1)).ToDictionary(x => x.p, x => x.Id, StringComparer.Ordinal);
            var entries = treaty.Actions.Select((a, i) =>
            {
                Assert.True(EdtfDate.TryParse(a.Date, out var date, out var error), $"{treaty.Slug}: '{a.Date}': {error}");
                return new TreatyActionEntry(i, a.Party is null ? null : parties[a.Party], Kebab.Parse<TreatyActionKind>(a.Kind), date.Start, date.End);
            }).ToList();
            var signed = treaty.SignedOn is null ? null : (DateOnly?)EdtfDate.Parse(treaty.SignedOn).Start;

            Assert.Empty(TreatyRecord.Check(entries, parties.Values, signed).Select(p => $"{treaty.Slug} action {p.Action.Id}: {p.Message}"));
        }
    }

    [Fact]
    public void EveryActionsParty_IsOneOfItsTreatysParties_AndEveryParty_IsAnActor()
    {
        var actors = Files.SelectMany(f => f.Content.Actors ?? []).Select(a => a.Slug).ToHashSet(StringComparer.Ordinal);
        Assert.All(Treaties, t =>
        {
            Assert.All(t.Parties, p => Assert.Contains(p, actors));
            Assert.All(t.Actions.Where(a => a.Party is not null), a => Assert.Contains(a.Party!, t.Parties));
        });
    }

    [Fact]
    public void TheUnionStateTreatysCommitments_AreLinkedToIt_InTheFilesAndOverHttp()
    {
        var linked = Files.SelectMany(f => f.Content.Commitments ?? [])
            .Where(c => c.MadeIn == "1999-12-08-union-state-treaty")
            .ToList();
        Assert.NotEmpty(linked);
        Assert.All(linked, c => Assert.Contains("union-state-treaty-1999", c.Treaties ?? []));
    }

    [Fact]
    public async Task TheUnionStateTreaty_OverHttp_ListsTheCommitmentsItMade()
    {
        var treaty = await factory.GetJsonAsync<JsonElement>("/api/v1/treaties/union-state-treaty-1999");

        var made = treaty.GetProperty("commitments").EnumerateArray().Select(c => c.Str("slug")).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("single-currency", made);
        Assert.Contains("union-parliament", made);
        Assert.Contains("joint-defence", made);
    }

    [Fact]
    public async Task ACommitmentOfTheUnionStateTreaty_NamesItOverHttp()
    {
        var commitment = await factory.GetJsonAsync<JsonElement>("/api/v1/commitments/single-currency");

        Assert.Equal(["union-state-treaty-1999"], commitment.GetProperty("treaties").EnumerateArray().Select(t => t.Str("slug")));
    }

    [Fact]
    public void AFileWithARatificationBeforeTheSignature_IsRejectedAtItsLine()
    {
        var folder = Directory.CreateTempSubdirectory("timeline-treaty-quality-").FullName;
        try
        {
            var file = Path.Combine(folder, "early.yaml");
            File.WriteAllText(file, """
                timelines:
                  - slug: early-story
                    title: A story with an early ratification
                actors:
                  - { slug: early-land, name: Early Land, kind: state }
                  - { slug: late-land, name: Late Land, kind: state }
                timeline: early-story
                treaties:
                  - slug: early-treaty
                    title: A treaty ratified before it was signed
                    kind: treaty
                    parties: [early-land, late-land]
                    actions:
                      - party: early-land
                        kind: signature
                        date: 2020-05-01
                        sources: [{ url: "https://example.org/a" }]
                      - party: early-land
                        kind: ratification
                        date: 2020-04-30
                        sources: [{ url: "https://example.org/b" }]
                """.Replace("\r\n", "\n", StringComparison.Ordinal));

            var exception = Assert.Throws<DataImportException>(() => DataSetReader.Read(file, KnownSlugs.None));

            var error = Assert.Single(exception.Errors);
            Assert.StartsWith($"{file}:20: /treaties/0/actions/1/date: The ratification is dated before the party's signature", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
