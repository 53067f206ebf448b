using Timeline.Api.Domain;
using Timeline.Api.Features.Common;

namespace Timeline.Api.Features.Treaties;

/// <summary>A treaty with each party's status and its force on the day asked for (today when no <c>asOf</c> is given).</summary>
public class TreatySummaryResponse
{
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public string? ShortTitle { get; init; }
    public required InstrumentKind Kind { get; init; }

    /// <summary>When the text was signed or concluded.</summary>
    public DateResponse? SignedOn { get; init; }
    public string? Place { get; init; }

    /// <summary>Where the text can be read.</summary>
    public string? TextUrl { get; init; }

    /// <summary>Whether the treaty was in force on the day asked for: false also when no entry into force is recorded.</summary>
    public required bool InForce { get; init; }

    /// <summary>Date of the action that put it in force (its entry into force, or its provisional application).</summary>
    public DateResponse? InForceSince { get; init; }

    /// <summary>In force only provisionally (applied before entry into force).</summary>
    public required bool Provisional { get; init; }

    /// <summary>The parties table: each party's status on the day asked for.</summary>
    public required IReadOnlyList<PartyStatusResponse> Parties { get; init; }
    public required IReadOnlyList<string> Timelines { get; init; }
}

/// <summary>One party's standing under a treaty on a day.</summary>
public sealed class PartyStatusResponse
{
    public required ActorRefResponse Party { get; init; }

    /// <summary>not-signed, signed, ratified, in-force, suspended or withdrawn, derived from its actions.</summary>
    public required PartyStatus Status { get; init; }

    /// <summary>Date of the action that gave the status; null for not-signed.</summary>
    public DateResponse? Since { get; init; }

    /// <summary>Id of that action.</summary>
    public long? SinceAction { get; init; }

    /// <summary>The party applies the treaty provisionally, ahead of its entry into force for it.</summary>
    public required bool ProvisionallyApplied { get; init; }
}

/// <summary>One entry of a treaty's append-only record.</summary>
public sealed class TreatyActionResponse
{
    public required long Id { get; init; }

    /// <summary>The party that acted; null for an action of the treaty as a whole.</summary>
    public ActorRefResponse? Party { get; init; }
    public required TreatyActionKind Kind { get; init; }
    public required DateResponse Date { get; init; }

    /// <summary>The body that acted (State Duma, Federation Council, President...).</summary>
    public string? Body { get; init; }
    public string? Note { get; init; }

    /// <summary>The event at which it happened, if any.</summary>
    public EventRefResponse? Event { get; init; }
    public required IReadOnlyList<SourceResponse> Sources { get; init; }
    public required string RecordedBy { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>Set when the action was withdrawn: it stays in the record and no longer counts.</summary>
    public Commitments.RetractionResponse? Retraction { get; init; }

    public static TreatyActionResponse From(TreatyAction a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new()
        {
            Id = a.Id,
            Party = a.Party is not { } p ? null : new ActorRefResponse { Slug = p.Slug, Name = p.Name },
            Kind = a.Kind,
            Date = DateResponse.From(a.DateText),
            Body = a.Body,
            Note = a.Note,
            Event = a.Event is not { } e ? null : new EventRefResponse { Slug = e.Slug, Title = e.Title, Date = DateResponse.From(e.DateText), Status = e.Status },
            Sources = [.. a.Sources.OrderBy(s => s.Url, StringComparer.Ordinal).Select(s => new SourceResponse
            {
                Url = s.Url, Title = s.Title, Publisher = s.Publisher, Published = s.PublishedText, ArchivedUrl = s.ArchivedUrl,
            })],
            RecordedBy = a.RecordedBy,
            RecordedAt = a.RecordedAt,
            Retraction = a.RetractedAt is not { } at ? null : new Commitments.RetractionResponse { At = at, By = a.RetractedBy!, Reason = a.RetractionReason! },
        };
    }
}

/// <summary>What a treaty's record says on one day: its force and each party's status (the rules are <see cref="TreatyRecord"/>'s).</summary>
public sealed class TreatyStanding
{
    private readonly Treaty _treaty;
    private readonly TreatyRecord _record;
    private readonly Dictionary<long, TreatyAction> _actions;

    public TreatyStanding(Treaty treaty, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(treaty);
        _treaty = treaty;
        AsOf = asOf;
        _record = new TreatyRecord(treaty.Actions.Select(TreatyRecord.EntryOf));
        _actions = treaty.Actions.ToDictionary(a => a.Id);
        Force = _record.ForceOn(asOf, [.. treaty.Parties.Select(p => p.Id)]);
    }

    public DateOnly AsOf { get; }

    public TreatyForce Force { get; }

    /// <summary>The actions in the order they took effect, retracted ones included.</summary>
    public IEnumerable<TreatyAction> Actions => _record.Entries.Select(e => _actions[e.Id]);

    /// <summary>Whether an action had certainly happened by the day (and is not retracted).</summary>
    public bool Counts(TreatyAction action) => TreatyRecord.Counts(TreatyRecord.EntryOf(action), AsOf);

    public PartyStanding StatusOf(Actor party)
    {
        ArgumentNullException.ThrowIfNull(party);
        return _record.StatusOf(party.Id, AsOf);
    }

    public IReadOnlyList<PartyStatusResponse> Parties() =>
        [.. _treaty.Parties.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Slug, StringComparer.Ordinal).Select(p =>
        {
            var standing = StatusOf(p);
            return new PartyStatusResponse
            {
                Party = new ActorRefResponse { Slug = p.Slug, Name = p.Name },
                Status = standing.Status,
                Since = standing.Since is null ? null : DateResponse.From(_actions[standing.Since.Id].DateText),
                SinceAction = standing.Since?.Id,
                ProvisionallyApplied = standing.ProvisionallyApplied,
            };
        })];

    public DateResponse? InForceSince => Force.Since is null ? null : DateResponse.From(_actions[Force.Since.Id].DateText);

    public TreatySummaryResponse Summary() => new()
    {
        Slug = _treaty.Slug,
        Title = _treaty.Title,
        ShortTitle = _treaty.ShortTitle,
        Kind = _treaty.Kind,
        SignedOn = DateResponse.FromOptional(_treaty.SignedText),
        Place = _treaty.Place,
        TextUrl = _treaty.TextUrl,
        InForce = Force.InForce,
        InForceSince = InForceSince,
        Provisional = Force.Provisional,
        Parties = Parties(),
        Timelines = [.. _treaty.Timelines.Select(t => t.Slug).Order(StringComparer.Ordinal)],
    };
}
