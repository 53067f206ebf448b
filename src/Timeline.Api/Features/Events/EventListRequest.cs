using FastEndpoints;
using FluentValidation;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Events;

/// <summary>The filters every list and export of events takes (all events, a timeline's, an actor's, CSV).</summary>
public abstract class EventFilterRequest
{
    /// <summary>Events that may end on or after this EDTF date (<c>2019-12</c> = from 1 December 2019).</summary>
    [QueryParam]
    public EdtfDate? From { get; set; }

    /// <summary>Events that may start on or before this EDTF date (<c>2019-12</c> = up to 31 December 2019).</summary>
    [QueryParam]
    public EdtfDate? To { get; set; }

    /// <summary>Only events this actor (slug) took part in.</summary>
    [QueryParam]
    public string? Actor { get; set; }

    /// <summary>Only events with this tag.</summary>
    [QueryParam]
    public string? Tag { get; set; }

    /// <summary>Only events of this kind (treaty, signing, meeting, summit, talks, poll, ...).</summary>
    [QueryParam]
    public EventKind? Kind { get; set; }

    /// <summary>Only events with this status: occurred, planned, cancelled, postponed.</summary>
    [QueryParam]
    public EventStatus? Status { get; set; }

    /// <summary>Full-text search in titles, summaries and places (accent-insensitive, prefix matching).</summary>
    [QueryParam]
    public string? Q { get; set; }

    /// <summary><c>date</c> (oldest first, the default) or <c>-date</c> (newest first).</summary>
    [QueryParam]
    public string? Sort { get; set; }
}

/// <summary>The event filters plus keyset paging, for the JSON lists.</summary>
public abstract class EventListRequest : EventFilterRequest, IPagedRequest
{
    /// <summary>Items per page, 1–200 (default 50).</summary>

    [QueryParam]
    public int? Limit { get; set; }

    /// <summary>The <c>nextCursor</c> of the previous page, to fetch the next one.</summary>

    [QueryParam]
    public string? Cursor { get; set; }

    /// <summary>
    /// <c>treaty-actions</c>: each page also lists, in <c>treatyActions</c>, the treaty actions that fall among its events (of a
    /// timeline's treaties on its list or with <c>timeline</c>; only those an actor took as a party on its list or with <c>actor</c>).
    /// kind, status, tag and q filter events only and are refused with it (400).
    /// </summary>
    [QueryParam]
    public string? Include { get; set; }

    /// <summary>The language of the events' texts and actors' names (BCP 47); without it, <c>Accept-Language</c> decides. Texts not available in it fall back (see <c>fallbacks</c>).</summary>
    [QueryParam]
    public string? Lang { get; set; }

    /// <summary>Whether the page lists treaty actions among its events.</summary>
    public bool IncludesTreatyActions() => Include == EventList.TreatyActions;
}

/// <summary>
/// The sort key of the last event on a page: its start date and id (the tie-breaker among events of one day,
/// so that a page is an index range). Cursors of the earlier (date, slug) form are refused with 400.
/// </summary>
public sealed record EventCursor(DateOnly Date, long Id);

/// <summary>
/// The position of a page that lists treaty actions among events (<c>include=treaty-actions</c>): the day of its last
/// item, and on that day the last event and the last action already listed (in date order a day's events come before
/// its actions; <c>-date</c> reverses both). Each is an exclusive (date, id) bound of its own list's index walk.
/// </summary>
public sealed record EventsAndActionsCursor(DateOnly Date, long Event, long Action);

/// <summary>Checks the shape of the event filters; lists and exports add their own rules.</summary>
public abstract class EventFilterValidator<TRequest> : Validator<TRequest> where TRequest : EventFilterRequest
{
    protected EventFilterValidator()
    {
        RuleFor(r => r.To).MustNotEndBefore(r => r.From);
        RuleFor(r => r.Sort)
            .Must(s => s is null or "date" or "-date")
            .WithMessage("sort must be date or -date.");
        RuleFor(r => r.Q).MaximumLength(200);
        RuleFor(r => r.Actor).MaximumLength(120);
        RuleFor(r => r.Tag).MaximumLength(120);
    }
}

/// <summary>The event filters plus paging.</summary>
public abstract class EventListValidator<TRequest> : EventFilterValidator<TRequest> where TRequest : EventListRequest
{
    protected EventListValidator()
    {
        RuleFor(r => r.Include)
            .Must(i => i is null or EventList.TreatyActions)
            .WithMessage($"include must be {EventList.TreatyActions} (the only thing an event list can include).");
        RuleFor(r => r.Lang).MustBeLanguageTag();
        When(r => !r.IncludesTreatyActions(), () => Include(new PagingValidator<EventCursor>()));
        When(r => r.IncludesTreatyActions(), () =>
        {
            Include(new PagingValidator<EventsAndActionsCursor>());
            // Treaty actions have no kind, status or tags of an event's, and no text in the event search index: a filter
            // on them would silently drop every action, so the combination is refused rather than guessed at.
            RuleFor(r => r.Kind).Null().WithMessage(NotWithTreatyActions("kind"));
            RuleFor(r => r.Status).Null().WithMessage(NotWithTreatyActions("status"));
            RuleFor(r => r.Tag).Null().WithMessage(NotWithTreatyActions("tag"));
            RuleFor(r => r.Q).Null().WithMessage(NotWithTreatyActions("q"));
        });
    }

    private static string NotWithTreatyActions(string filter) =>
        $"{filter} filters events only and cannot be combined with include={EventList.TreatyActions}: leave out one of the two.";
}
