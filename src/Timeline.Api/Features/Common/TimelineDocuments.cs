using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Data.Queries;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Events;

namespace Timeline.Api.Features.Common;

/// <summary>The timeline header the exports, the widget and the pages put on top.</summary>
public sealed record TimelineHeader(long Id, string Slug, string Title, string? Description, string Language, DateTimeOffset UpdatedAt);

/// <summary>Reads shared by the whole documents (exports, widget, pages), over the same queries as the JSON lists.</summary>
public static class TimelineDocuments
{
    public static Task<TimelineHeader?> FindTimelineAsync(TimelineDbContext db, string slug, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Timelines.AsNoTracking()
            .Where(t => t.Slug == slug)
            .Select(t => new TimelineHeader(t.Id, t.Slug, t.Title, t.Description, t.Language, t.UpdatedAt))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Every event of a timeline in date order, with optional date and tag filters (the widget's); exports are
    /// whole documents, read in keyset pages (see <see cref="EventList.WalkAsync"/>).
    /// </summary>
    public static Task<List<EventSummaryResponse>> TimelineEventsAsync(
        TimelineDbContext db, IFullTextSearch search, long timelineId, DateOnly? from, DateOnly? to, string? tag, CancellationToken cancellationToken) =>
        EventList.AllAsync(db, search, new EventPageFilter([timelineId], [], Tag: tag, From: from, To: to), descending: false, cancellationToken);

    /// <summary>
    /// A timeline's commitments in the order they were made, each with its current status and the day that
    /// status was first recorded in its latest unbroken run (a "stalled" re-confirmed later still changed when it first stalled).
    /// </summary>
    public static async Task<List<CommitmentStanding>> StandingsAsync(TimelineDbContext db, string slug, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Commitments.AsNoTracking().InTimeline(slug)
            .OrderBy(c => c.Id)
            .Select(c => new
            {
                c.Slug,
                c.Title,
                c.Category,
                c.DueText,
                History = c.Assessments
                    .Where(a => a.RetractedAt == null)
                    .OrderBy(a => a.DateEnd).ThenBy(a => a.DateStart).ThenBy(a => a.Id)
                    .Select(a => new { a.Status, a.DateText })
                    .ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        return [.. rows.Select(r =>
        {
            CommitmentStatus? status = r.History.Count == 0 ? null : r.History[^1].Status;
            string? since = null;
            for (var i = r.History.Count - 1; i >= 0 && r.History[i].Status == status; i--)
                since = r.History[i].DateText;
            return new CommitmentStanding(r.Slug, r.Title, r.Category, status, DateResponse.FromOptional(since), DateResponse.FromOptional(r.DueText));
        })];
    }
}

/// <summary>A commitment's current status and the date it last changed.</summary>
public sealed record CommitmentStanding(
    string Slug, string Title, CommitmentCategory Category, CommitmentStatus? Status, DateResponse? StatusSince, DateResponse? Due);
