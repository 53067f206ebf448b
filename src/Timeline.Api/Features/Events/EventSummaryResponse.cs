using System.Linq.Expressions;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;

namespace Timeline.Api.Features.Events;

/// <summary>An event as it appears in lists.</summary>
public class EventSummaryResponse
{
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public string? Summary { get; init; }
    public required DateResponse Date { get; init; }
    public required EventKind Kind { get; init; }

    /// <summary><c>planned</c> with a date in the past means announced and never held.</summary>
    public required EventStatus Status { get; init; }
    public string? Place { get; init; }
    public Confidence? Confidence { get; init; }

    /// <summary>Caveats for readers: low confidence, disagreeing sources.</summary>
    public string? Note { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public required IReadOnlyList<EventActorResponse> Actors { get; init; }
    public required IReadOnlyList<string> Timelines { get; init; }

    /// <summary>The list projection; EF Core runs the nested selects in SQL and <see cref="DateResponse.From"/> on the results.</summary>
    public static readonly Expression<Func<Event, EventSummaryResponse>> Projection = e => new EventSummaryResponse
    {
        Slug = e.Slug,
        Title = e.Title,
        Summary = e.Summary,
        Date = DateResponse.From(e.DateText),
        Kind = e.Kind,
        Status = e.Status,
        Place = e.Place,
        Confidence = e.Confidence,
        Note = e.Note,
        Tags = e.Tags.OrderBy(t => t.Tag).Select(t => t.Tag).ToList(),
        Actors = e.Actors.OrderBy(a => a.Actor!.Name).ThenBy(a => a.Actor!.Slug).ThenBy(a => a.Role).Select(a => new EventActorResponse { Slug = a.Actor!.Slug, Name = a.Actor.Name, Role = a.Role }).ToList(),
        Timelines = e.Timelines.OrderBy(t => t.Slug).Select(t => t.Slug).ToList(),
    };

    /// <summary>
    /// The same representation built in memory (the importer's new events), in the order <see cref="Projection"/>'s
    /// SQL gives: text by code point, as SQLite's BINARY and PostgreSQL's "C" collation compare UTF-8.
    /// </summary>
    public static EventSummaryResponse For(Event e, IEnumerable<EventActorResponse> actors, IEnumerable<string> tags, IEnumerable<string> timelines)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new EventSummaryResponse
        {
            Slug = e.Slug,
            Title = e.Title,
            Summary = e.Summary,
            Date = DateResponse.From(e.DateText),
            Kind = e.Kind,
            Status = e.Status,
            Place = e.Place,
            Confidence = e.Confidence,
            Note = e.Note,
            Tags = [.. tags.Order(CodePointOrder.Instance)],
            Actors = [.. actors.OrderBy(a => a.Name, CodePointOrder.Instance).ThenBy(a => a.Slug, CodePointOrder.Instance)
                .ThenBy(a => Kebab.ToValue(a.Role), CodePointOrder.Instance)],
            Timelines = [.. timelines.Order(CodePointOrder.Instance)],
        };
    }

    /// <summary>Orders strings by Unicode code point (UTF-16 ordinal order differs only above the surrogates).</summary>
    private sealed class CodePointOrder : IComparer<string>
    {
        public static readonly CodePointOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            if (x is null || y is null)
                return x is null ? (y is null ? 0 : -1) : 1;
            var (a, b) = (x.EnumerateRunes(), y.EnumerateRunes());
            while (true)
            {
                var (moreA, moreB) = (a.MoveNext(), b.MoveNext());
                if (!moreA || !moreB)
                    return moreA ? 1 : moreB ? -1 : 0;
                var order = a.Current.Value.CompareTo(b.Current.Value);
                if (order != 0)
                    return order;
            }
        }
    }
}
