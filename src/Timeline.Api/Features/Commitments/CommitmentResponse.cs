using System.Linq.Expressions;
using Timeline.Api.Data.Queries;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;

namespace Timeline.Api.Features.Commitments;

/// <summary>A commitment with its status on the day asked for (today when no <c>asOf</c> is given).</summary>
public class CommitmentSummaryResponse
{
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public required CommitmentCategory Category { get; init; }
    public required IReadOnlyList<ActorRefResponse> Parties { get; init; }

    /// <summary>The event or document that made the commitment.</summary>
    public EventRefResponse? MadeIn { get; init; }
    public DateResponse? Due { get; init; }

    /// <summary>The status recorded up to the day asked for; null when nothing had been recorded by then.</summary>
    public CommitmentStatus? Status { get; init; }

    /// <summary>Date of the assessment that gave the status.</summary>
    public DateResponse? StatusDate { get; init; }
    public required IReadOnlyList<string> Timelines { get; init; }

    /// <summary>What a list item is built from: the texts with their languages and translations, chosen per request.</summary>
    public static readonly Expression<Func<CommitmentAsOf, CommitmentSummaryRow>> Rows = r => new CommitmentSummaryRow(
        r.Commitment.Slug,
        new TranslatedTexts(r.Commitment.Title, r.Commitment.Description, r.Commitment.Language, r.Commitment.Translations),
        r.Commitment.Category,
        r.Commitment.Parties.OrderBy(p => p.Name).ThenBy(p => p.Slug)
            .Select(p => new TranslatedRef(p.Slug, new TranslatedTexts(p.Name, null, p.Language, p.Translations))).ToList(),
        r.Commitment.MadeInEvent == null ? null : new MadeInRow(
            r.Commitment.MadeInEvent.Slug,
            new TranslatedTexts(r.Commitment.MadeInEvent.Title, null, r.Commitment.MadeInEvent.Language, r.Commitment.MadeInEvent.Translations),
            r.Commitment.MadeInEvent.DateText,
            r.Commitment.MadeInEvent.Status),
        r.Commitment.DueText,
        r.Status,
        r.StatusDate,
        r.Commitment.Timelines.OrderBy(t => t.Slug).Select(t => t.Slug).ToList());

    /// <summary>A list item, its texts chosen by <paramref name="texts"/>; <paramref name="at"/> is where it stands in the response (JSON Pointer).</summary>
    public static CommitmentSummaryResponse From(CommitmentSummaryRow row, TextChooser texts, string at)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(texts);
        return new CommitmentSummaryResponse
        {
            Slug = row.Slug,
            Title = texts.Required($"{at}/title", "title", row.Texts.Main, row.Texts.Language, row.Texts.Translations),
            Description = texts.Text($"{at}/description", "description", row.Texts.Second, row.Texts.Language, row.Texts.Translations),
            Category = row.Category,
            Parties = [.. row.Parties.Select((p, i) => new ActorRefResponse
            {
                Slug = p.Slug, Name = texts.Required($"{at}/parties/{i}/name", "name", p.Texts.Main, p.Texts.Language, p.Texts.Translations),
            })],
            MadeIn = row.MadeIn is not { } e ? null : new EventRefResponse
            {
                Slug = e.Slug,
                Title = texts.Required($"{at}/madeIn/title", "title", e.Texts.Main, e.Texts.Language, e.Texts.Translations),
                Date = DateResponse.From(e.DateText),
                Status = e.Status,
            },
            Due = DateResponse.FromOptional(row.DueText),
            Status = row.Status,
            StatusDate = DateResponse.FromOptional(row.StatusDate),
            Timelines = row.Timelines,
        };
    }
}

/// <summary>One entry of a commitment's status history.</summary>
public sealed class AssessmentResponse
{
    public required long Id { get; init; }
    public required CommitmentStatus Status { get; init; }

    /// <summary>From when this status held.</summary>
    public required DateResponse Date { get; init; }
    public required string Summary { get; init; }

    /// <summary>The event that moved the status, if any.</summary>
    public EventRefResponse? Event { get; init; }
    public Confidence? Confidence { get; init; }

    /// <summary>Caveats: low confidence, unverified claims, disagreeing sources.</summary>
    public string? Note { get; init; }
    public required IReadOnlyList<SourceResponse> Sources { get; init; }
    public required string RecordedBy { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>Set when the assessment was withdrawn: it stays in the history and no longer counts.</summary>
    public RetractionResponse? Retraction { get; init; }

    /// <summary>The same representation built from an assessment in memory, with its sources and event loaded.</summary>
    /// <param name="a">The assessment.</param>
    /// <param name="texts">Chooses its texts' language (the originals when null).</param>
    /// <param name="place">Where it is in the response, for the fallbacks its texts report.</param>
    public static AssessmentResponse From(Assessment a, TextChooser? texts = null, string place = "")
    {
        ArgumentNullException.ThrowIfNull(a);
        texts ??= TextChooser.Originals();
        return new()
        {
            Id = a.Id,
            Status = a.Status,
            Date = DateResponse.From(a.DateText),
            Summary = texts.Required($"{place}/summary", "summary", a.Summary, a.Language, a.Translations),
            Event = a.Event is not { } e ? null : new EventRefResponse
            {
                Slug = e.Slug, Title = texts.Required($"{place}/event/title", "title", e.Title, e.Language, e.Translations), Date = DateResponse.From(e.DateText), Status = e.Status,
            },
            Confidence = a.Confidence,
            Note = a.Note,
            Sources = [.. a.Sources.OrderBy(s => s.Url, StringComparer.Ordinal).Select((s, i) => new SourceResponse
            {
                Url = s.Url, Title = texts.Text($"{place}/sources/{i}/title", "title", s.Title, s.Language, s.Translations),
                Publisher = s.Publisher, Published = s.PublishedText, ArchivedUrl = s.ArchivedUrl,
            })],
            RecordedBy = a.RecordedBy,
            RecordedAt = a.RecordedAt,
            Retraction = a.RetractedAt is not { } at ? null : new RetractionResponse { At = at, By = a.RetractedBy!, Reason = a.RetractionReason! },
        };
    }

    public static readonly Expression<Func<Assessment, AssessmentResponse>> Projection = a => new AssessmentResponse
    {
        Id = a.Id,
        Status = a.Status,
        Date = DateResponse.From(a.DateText),
        Summary = a.Summary,
        Event = a.Event == null ? null : new EventRefResponse
        {
            Slug = a.Event.Slug,
            Title = a.Event.Title,
            Date = DateResponse.From(a.Event.DateText),
            Status = a.Event.Status,
        },
        Confidence = a.Confidence,
        Note = a.Note,
        Sources = a.Sources.OrderBy(s => s.Url).AsQueryable().Select(SourceResponse.Projection).ToList(),
        RecordedBy = a.RecordedBy,
        RecordedAt = a.RecordedAt,
        Retraction = a.RetractedAt == null ? null : new RetractionResponse { At = a.RetractedAt.Value, By = a.RetractedBy!, Reason = a.RetractionReason! },
    };
}

/// <summary>Who withdrew an assessment, when and why.</summary>
public sealed class RetractionResponse
{
    public required DateTimeOffset At { get; init; }
    public required string By { get; init; }
    public required string Reason { get; init; }
}

/// <summary>The event a commitment was made in, as a list item shows it.</summary>
public sealed record MadeInRow(string Slug, TranslatedTexts Texts, string DateText, EventStatus Status);

/// <summary>One commitment of a list as read from the database, before its texts are chosen.</summary>
public sealed record CommitmentSummaryRow(
    string Slug,
    TranslatedTexts Texts,
    CommitmentCategory Category,
    IReadOnlyList<TranslatedRef> Parties,
    MadeInRow? MadeIn,
    string? DueText,
    CommitmentStatus? Status,
    string? StatusDate,
    IReadOnlyList<string> Timelines);
