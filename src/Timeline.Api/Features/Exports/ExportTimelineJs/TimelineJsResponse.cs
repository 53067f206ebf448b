using System.Text.Json.Serialization;

namespace Timeline.Api.Features.Exports.ExportTimelineJs;

/// <summary>A Knight Lab TimelineJS3 document: load it as is with <c>new TL.Timeline(element, document)</c>.</summary>
public sealed class TimelineJsResponse
{
    /// <summary>
    /// The language of the words this document adds (<c>be</c>, <c>ru</c>, <c>en</c>): not read by TimelineJS from the data, so pass
    /// it as the <c>language</c> option, <c>new TL.Timeline(element, document, { language: document.language })</c>.
    /// </summary>
    public required string Language { get; init; }

    public required TimelineJsSlide Title { get; init; }
    public required IReadOnlyList<TimelineJsSlide> Events { get; init; }

    /// <summary>Spans of time shown as bands on the time navigation: events that last longer than a month.</summary>
    public required IReadOnlyList<TimelineJsEra> Eras { get; init; }
}

public sealed class TimelineJsSlide
{
    [JsonPropertyName("start_date")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TimelineJsDate? StartDate { get; init; }

    [JsonPropertyName("end_date")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TimelineJsDate? EndDate { get; init; }

    /// <summary>The date as written for readers, for approximate and uncertain dates ("c. April 2003").</summary>
    [JsonPropertyName("display_date")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DisplayDate { get; init; }

    public required TimelineJsText Text { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Group { get; init; }

    [JsonPropertyName("unique_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UniqueId { get; init; }
}

/// <summary>Only the parts the date is known to: a month-precision date has no <c>day</c>.</summary>
public sealed class TimelineJsDate
{
    public required int Year { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Month { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Day { get; init; }

    [JsonPropertyName("display_date")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DisplayDate { get; init; }
}

/// <summary>Headline and text are HTML for TimelineJS; every value from the database is HTML-encoded into them.</summary>
public sealed class TimelineJsText
{
    public required string Headline { get; init; }
    public required string Text { get; init; }
}

public sealed class TimelineJsEra
{
    [JsonPropertyName("start_date")]
    public required TimelineJsDate StartDate { get; init; }

    [JsonPropertyName("end_date")]
    public required TimelineJsDate EndDate { get; init; }

    public required TimelineJsText Text { get; init; }
}
