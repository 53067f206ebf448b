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

    public static readonly Expression<Func<CommitmentAsOf, CommitmentSummaryResponse>> Projection = r => new CommitmentSummaryResponse
    {
        Slug = r.Commitment.Slug,
        Title = r.Commitment.Title,
        Description = r.Commitment.Description,
        Category = r.Commitment.Category,
        Parties = r.Commitment.Parties.OrderBy(p => p.Name).Select(p => new ActorRefResponse { Slug = p.Slug, Name = p.Name }).ToList(),
        MadeIn = r.Commitment.MadeInEvent == null ? null : new EventRefResponse
        {
            Slug = r.Commitment.MadeInEvent.Slug,
            Title = r.Commitment.MadeInEvent.Title,
            Date = DateResponse.From(r.Commitment.MadeInEvent.DateText),
            Status = r.Commitment.MadeInEvent.Status,
        },
        Due = DateResponse.FromOptional(r.Commitment.DueText),
        Status = r.Status,
        StatusDate = DateResponse.FromOptional(r.StatusDate),
        Timelines = r.Commitment.Timelines.OrderBy(t => t.Slug).Select(t => t.Slug).ToList(),
    };
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
