using Microsoft.EntityFrameworkCore;
using Timeline.Api.Domain;

namespace Timeline.Api.Data.Queries;

/// <summary>What a feed entry is about.</summary>
public enum FeedItemKind { Event, Assessment, Correction }

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
    string? ChangeResourceType = null);

/// <summary>
/// The changes a timeline's feed is made of: events by their <c>UpdatedAt</c> (new and corrected events keep
/// one entry each), assessments by their <c>RecordedAt</c> (status changes), and from the change log the
/// corrections that leave nothing else to show: deletions and retractions.
/// </summary>
public static class FeedQueries
{
    public static async Task<List<FeedItem>> RecentChangesAsync(this TimelineDbContext db, string timelineSlug, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var events = await db.Events.AsNoTracking().InTimeline(timelineSlug)
            .Select(e => new { e.Slug, e.Title, e.Summary, e.DateText, e.UpdatedAt, e.Status })
            .ToListAsync(cancellationToken);
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

        var padded = $" {timelineSlug} ";
        var corrections = await db.Changes.AsNoTracking()
            .Where(c => (c.Operation == ChangeOperation.Delete || c.Operation == ChangeOperation.Retract) && (" " + c.Timelines + " ").Contains(padded))
            .OrderByDescending(c => c.Id)
            .Take(limit)
            .Select(c => new { c.Id, c.Operation, c.ResourceType, c.ResourceKey, c.At, c.KeyName })
            .ToListAsync(cancellationToken);

        // SQLite cannot order by DateTimeOffset, so the newest are picked here; a timeline has hundreds of rows, not millions.
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
                CommitmentTitle: a.CommitmentTitle)))
            .Concat(corrections.Select(c => new FeedItem(
                FeedItemKind.Correction,
                $"urn:timeline:change:{c.Id}",
                c.ResourceKey,
                c.Operation == ChangeOperation.Retract ? $"Correction: assessment {c.ResourceKey} retracted" : $"Correction: {c.ResourceType} '{c.ResourceKey}' deleted",
                $"Recorded by {c.KeyName}; see the change log for what changed.",
                c.At.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                c.At,
                ChangeResourceType: c.ResourceType)))
            .OrderByDescending(i => i.Updated).ThenByDescending(i => i.DateText, StringComparer.Ordinal).ThenBy(i => i.Id, StringComparer.Ordinal)
            .Take(limit)];
    }
}
