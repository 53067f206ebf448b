using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Domain;

namespace Timeline.Api.Data.Queries;

/// <summary>What a feed entry is about.</summary>
public enum FeedItemKind { Event, Assessment, Correction, TreatyAction }

/// <summary>
/// One change to a timeline worth telling subscribers about. <see cref="Id"/> is stable: the same event keeps
/// its entry, and a correction shows as that entry with a newer <see cref="Updated"/>.
/// </summary>
public sealed record FeedItem(
    FeedItemKind Kind,
    string Id,
    string Slug,
    string Title,
    string? Summary,
    string DateText,
    DateTimeOffset Updated,
    EventStatus? EventStatus = null,
    CommitmentStatus? CommitmentStatus = null,
    string? CommitmentTitle = null,
    string? ChangeResourceType = null,
    long? AssessmentId = null);

/// <summary>
/// The changes a timeline's feed is made of: events by their <c>UpdatedAt</c> (new and corrected events keep
/// one entry each), assessments by their <c>RecordedAt</c> (status changes), treaty actions by theirs, and from the change log the
/// corrections that leave nothing else to show: deletions and retractions.
/// </summary>
public static class FeedQueries
{
    public static async Task<List<FeedItem>> RecentChangesAsync(this TimelineDbContext db, string timelineSlug, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var timelineId = await db.Timelines.Where(t => t.Slug == timelineSlug).Select(t => (long?)t.Id).FirstOrDefaultAsync(cancellationToken);
        if (timelineId is null)
            return [];

        // The timeline's most recently changed events: a walk of (timeline, UpdatedAt, start date, id) from its end,
        // which the event lists' read model keeps in step with every write (see EventListing). Hand-written because
        // EF Core does not order by DateTimeOffset on SQLite; there the column is ISO 8601 text in UTC, which sorts as time does.
        // The LIMIT is written in, not bound (see WrittenLimits).
        var recent = await db.Database.SqlQueryRaw<long>(string.Create(CultureInfo.InvariantCulture, $$"""
            SELECT t."EventId" AS "Value" FROM "TimelineEvents" AS t JOIN "Events" AS e ON e."Id" = t."EventId"
            WHERE t."TimelineId" = {0} AND e."DeletedAt" IS NULL
            ORDER BY t."UpdatedAt" DESC, t."DateStart" DESC, t."EventId" DESC
            LIMIT {{limit}}
            """), timelineId.Value).ToListAsync(cancellationToken);
        var events = await db.Events.AsNoTracking()
            .Where(e => EF.Parameter(recent).Contains(e.Id))
            .Select(e => new { e.Slug, e.Title, e.Summary, e.DateText, e.UpdatedAt, e.Status })
            .ToListAsync(cancellationToken);

        // A timeline's commitments are few (tens, not thousands), and so are their assessments.
        var assessments = await db.Assessments.AsNoTracking()
            .Where(a => a.RetractedAt == null && db.Commitments.InTimeline(timelineSlug).Any(c => c.Id == a.CommitmentId))
            .Select(a => new
            {
                a.Id,
                a.Status,
                a.DateText,
                a.Summary,
                a.RecordedAt,
                CommitmentSlug = db.Commitments.Where(c => c.Id == a.CommitmentId).Select(c => c.Slug).First(),
                CommitmentTitle = db.Commitments.Where(c => c.Id == a.CommitmentId).Select(c => c.Title).First(),
            })
            .ToListAsync(cancellationToken);

        // A timeline's treaties are few, and so are their actions: each recorded action is an entry of its own.
        var treaties = db.Treaties.Where(t => t.Timelines.Any(x => x.Slug == timelineSlug));
        var actions = await db.TreatyActions.AsNoTracking()
            .Where(a => a.RetractedAt == null && treaties.Any(t => t.Id == a.TreatyId))
            .Select(a => new
            {
                a.Id,
                TreatySlug = db.Treaties.Where(t => t.Id == a.TreatyId).Select(t => t.Slug).First(),
                TreatyTitle = db.Treaties.Where(t => t.Id == a.TreatyId).Select(t => t.Title).First(),
                Party = a.Party == null ? null : a.Party.Name,
                a.Kind,
                a.DateText,
                a.Body,
                a.Note,
                a.RecordedAt,
            })
            .ToListAsync(cancellationToken);

        // Deletions and retractions of the timeline's resources: two ranges of (timeline, operation, change id), newest first.
        var corrections = await db.ChangeTimelines.AsNoTracking()
            .Where(t => t.Timeline == timelineSlug && t.Operation == ChangeOperation.Delete)
            .OrderByDescending(t => t.ChangeId).TakeWrittenIn(limit).Select(t => t.ChangeId)
            .Concat(db.ChangeTimelines.AsNoTracking()
                .Where(t => t.Timeline == timelineSlug && t.Operation == ChangeOperation.Retract)
                .OrderByDescending(t => t.ChangeId).TakeWrittenIn(limit).Select(t => t.ChangeId))
            .ToListAsync(cancellationToken);
        var changes = await db.Changes.AsNoTracking()
            .Where(c => EF.Parameter(corrections).Contains(c.Id))
            .Select(c => new { c.Id, c.Operation, c.ResourceType, c.ResourceKey, c.At, c.KeyName })
            .ToListAsync(cancellationToken);

        return [.. events
            .Select(e => new FeedItem(FeedItemKind.Event, $"urn:timeline:event:{e.Slug}", e.Slug, e.Title, e.Summary, e.DateText, e.UpdatedAt, EventStatus: e.Status))
            .Concat(assessments.Select(a => new FeedItem(
                FeedItemKind.Assessment,
                $"urn:timeline:commitment:{a.CommitmentSlug}:assessment:{a.Id}",
                a.CommitmentSlug,
                $"{a.CommitmentTitle}: {Kebab.ToValue(a.Status)}",
                a.Summary,
                a.DateText,
                a.RecordedAt,
                CommitmentStatus: a.Status,
                CommitmentTitle: a.CommitmentTitle,
                AssessmentId: a.Id)))
            .Concat(actions.Select(a => new FeedItem(
                FeedItemKind.TreatyAction,
                $"urn:timeline:treaty:{a.TreatySlug}:action:{a.Id}",
                a.TreatySlug,
                a.Party is null ? $"{a.TreatyTitle}: {Kebab.ToValue(a.Kind)}" : $"{a.TreatyTitle}: {a.Party}, {Kebab.ToValue(a.Kind)}",
                string.Join(" ", new[] { a.Body, a.Note }.OfType<string>()) is { Length: > 0 } said ? said : null,
                a.DateText,
                a.RecordedAt,
                CommitmentTitle: a.TreatyTitle)))
            .Concat(changes.Select(c => new FeedItem(
                FeedItemKind.Correction,
                $"urn:timeline:change:{c.Id}",
                c.ResourceKey,
                c.Operation == ChangeOperation.Retract ? $"Correction: {c.ResourceType} {c.ResourceKey} retracted" : $"Correction: {c.ResourceType} '{c.ResourceKey}' deleted",
                $"Recorded by {c.KeyName}; see the change log for what changed.",
                c.At.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                c.At,
                ChangeResourceType: c.ResourceType)))
            .OrderByDescending(i => i.Updated).ThenByDescending(i => i.DateText, StringComparer.Ordinal).ThenBy(i => i.Id, StringComparer.Ordinal)
            .Take(limit)];
    }
}
