namespace Timeline.Api.Data.Import;

// The shape of one data file (see data/timeline-data.schema.json). Files are validated against the
// schema before they are read into these types, so required members are present when they are read.

public sealed class DataFileContent
{
    public List<TimelineData>? Timelines { get; init; }
    public string? Timeline { get; init; }
    public List<ActorData>? Actors { get; init; }
    public List<EventData>? Events { get; init; }
    public List<TreatyData>? Treaties { get; init; }
    public List<CommitmentData>? Commitments { get; init; }
    public List<QuoteData>? Quotes { get; init; }
}

public sealed class TimelineData
{
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public string? Language { get; init; }

    /// <summary>Its texts in other languages, by BCP 47 tag.</summary>
    public Dictionary<string, TranslationData>? Translations { get; init; }
}

public sealed class SourceData
{
    public required string Url { get; init; }
    public string? Title { get; init; }
    public string? Publisher { get; init; }
    public string? Published { get; init; }
    public string? ArchivedUrl { get; init; }

    /// <summary>The BCP 47 tag of the language its texts are written in; English when not given.</summary>
    public string? Language { get; init; }

    /// <summary>Its texts in other languages, by BCP 47 tag.</summary>
    public Dictionary<string, TranslationData>? Translations { get; init; }
}

public sealed class ActorData
{
    public required string Slug { get; init; }
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public string? Description { get; init; }
    public List<string>? Aliases { get; init; }

    /// <summary>The BCP 47 tag of the language its texts are written in; English when not given.</summary>
    public string? Language { get; init; }

    /// <summary>Its texts in other languages, by BCP 47 tag.</summary>
    public Dictionary<string, TranslationData>? Translations { get; init; }
}

public sealed class EventActorData
{
    public required string Actor { get; init; }
    public required string Role { get; init; }
}

public sealed class RelatedEventData
{
    public required string Event { get; init; }
    public required string Relation { get; init; }
}

public sealed class EventData
{
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public string? Summary { get; init; }
    public required string Date { get; init; }
    public required string Kind { get; init; }
    public required string Status { get; init; }
    public string? Place { get; init; }
    public List<EventActorData>? Actors { get; init; }
    public List<string>? Tags { get; init; }
    public List<RelatedEventData>? Related { get; init; }
    public string? Confidence { get; init; }
    public string? Note { get; init; }
    public required List<SourceData> Sources { get; init; }

    /// <summary>The BCP 47 tag of the language its texts are written in; English when not given.</summary>
    public string? Language { get; init; }

    /// <summary>Its texts in other languages, by BCP 47 tag.</summary>
    public Dictionary<string, TranslationData>? Translations { get; init; }
}

public sealed class AssessmentData
{
    public required string Date { get; init; }
    public required string Status { get; init; }
    public required string Summary { get; init; }
    public string? Event { get; init; }
    public string? Confidence { get; init; }
    public string? Note { get; init; }
    public required List<SourceData> Sources { get; init; }

    /// <summary>The BCP 47 tag of the language its texts are written in; English when not given.</summary>
    public string? Language { get; init; }

    /// <summary>Its texts in other languages, by BCP 47 tag.</summary>
    public Dictionary<string, TranslationData>? Translations { get; init; }
}

public sealed class CommitmentData
{
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public required string Category { get; init; }
    public List<string>? Parties { get; init; }
    public string? MadeIn { get; init; }
    public List<string>? Treaties { get; init; }
    public string? Due { get; init; }
    public required List<AssessmentData> Assessments { get; init; }

    /// <summary>The BCP 47 tag of the language its texts are written in; English when not given.</summary>
    public string? Language { get; init; }

    /// <summary>Its texts in other languages, by BCP 47 tag.</summary>
    public Dictionary<string, TranslationData>? Translations { get; init; }
}

public sealed class QuoteData
{
    public required string Slug { get; init; }
    public required string Text { get; init; }
    public required string Speaker { get; init; }
    public string? Date { get; init; }
    public string? Event { get; init; }
    public string? Commitment { get; init; }
    public required SourceData Source { get; init; }

    /// <summary>The BCP 47 tag of the language its texts are written in; English when not given.</summary>
    public string? Language { get; init; }

    /// <summary>Its texts in other languages, by BCP 47 tag.</summary>
    public Dictionary<string, TranslationData>? Translations { get; init; }
}

public sealed class TreatyActionData
{
    public string? Party { get; init; }
    public required string Kind { get; init; }
    public required string Date { get; init; }
    public string? Body { get; init; }
    public string? Event { get; init; }
    public string? Note { get; init; }
    public required List<SourceData> Sources { get; init; }
}

public sealed class TreatyData
{
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public string? ShortTitle { get; init; }
    public required string Kind { get; init; }
    public string? Description { get; init; }
    public string? SignedOn { get; init; }
    public string? Place { get; init; }
    public string? TextUrl { get; init; }
    public string? Event { get; init; }
    public required List<string> Parties { get; init; }
    public required List<TreatyActionData> Actions { get; init; }
}
