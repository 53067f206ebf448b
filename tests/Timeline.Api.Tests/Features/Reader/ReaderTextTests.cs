using Timeline.Api.Domain;
using Timeline.Api.Features.Reader;

namespace Timeline.Api.Tests.Features.Reader;

/// <summary>Every word of the domain's vocabularies has an interface string, so no page can fail on a value the data holds.</summary>
public sealed class ReaderTextTests
{
    private static readonly ReaderText Text = ReaderText.English;
    private static readonly string[] Badges = ["never-held", "planned", "cancelled", "postponed"];

    [Fact]
    public void EveryVocabularyValue_HasAString()
    {
        Assert.All(Enum.GetValues<CommitmentStatus>(), s => Assert.NotEmpty(Text.Status(s)));
        Assert.Equal("Not yet recorded", Text.Status(null));
        Assert.All(Enum.GetValues<CommitmentCategory>(), c => Assert.NotEmpty(Text.Category(c)));
        Assert.All(Enum.GetValues<EventKind>(), k => Assert.NotEmpty(Text.Kind(k)));
        Assert.All(Enum.GetValues<ActorRole>(), r => Assert.NotEmpty(Text.Role(r)));
        Assert.All(Enum.GetValues<Confidence>(), c => Assert.NotEmpty(Text.Confidence(c)));
        Assert.All(Enum.GetValues<EventRelationKind>(), r =>
        {
            Assert.NotEmpty(Text.Relation(r, incoming: false));
            Assert.NotEmpty(Text.Relation(r, incoming: true));
        });
        Assert.All(Badges, b => Assert.NotEmpty(Text[$"Badge.{b}"]));
    }

    [Fact]
    public void AMissingName_FailsLoudly() => Assert.Throws<KeyNotFoundException>(() => Text["No.Such.String"]);

    [Theory]
    [InlineData("2019-12-08", "8 December 2019")]
    [InlineData("2019-12", "December 2019")]
    [InlineData("2003-04~", "c. April 2003")]
    [InlineData("2024?", "2024 (uncertain)")]
    [InlineData("2000-06-26/2000-06-27", "26 June 2000 – 27 June 2000")]
    [InlineData("201X", "the 2010s")]
    public void Dates_AreWrittenInTheInterfaceCulture(string edtf, string expected) =>
        Assert.Equal(expected, Text.Date(EdtfDate.Parse(edtf)));

    [Fact]
    public void TheInterfaceLanguage_IsWhatHtmlLangSays() => Assert.Equal("en", Text.Language);
}
