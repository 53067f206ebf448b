using Microsoft.EntityFrameworkCore;
using Timeline.Api.Domain;

namespace Timeline.Api.Data.Queries;

/// <summary>A commitment with its status as known on some day.</summary>
public sealed class CommitmentAsOf
{
    public required Commitment Commitment { get; init; }

    /// <summary>Null when nothing had been recorded by that day.</summary>
    public CommitmentStatus? Status { get; init; }

    /// <summary>EDTF date of the assessment that gave the status.</summary>
    public string? StatusDate { get; init; }
}

/// <summary>Commitment queries shared by the commitment lists, a commitment and the scorecard.</summary>
public static class CommitmentQueries
{
    /// <summary>
    /// Each commitment with its status as of <paramref name="asOf"/> by the rules of <see cref="StatusHistory"/>, in SQL:
    /// the latest assessment that counts on that day (<see cref="StatusHistory.CountsOn"/>) in the order they took effect.
    /// </summary>
    public static IQueryable<CommitmentAsOf> WithStatusAsOf(this IQueryable<Commitment> commitments, DateOnly asOf)
    {
        var counts = StatusHistory.CountsOn(asOf);
        return commitments.Select(c => new CommitmentAsOf
        {
            Commitment = c,
            Status = c.Assessments.AsQueryable().Where(counts)
                .OrderByDescending(a => a.DateEnd).ThenByDescending(a => a.DateStart).ThenByDescending(a => a.Id)
                .Select(a => (CommitmentStatus?)a.Status)
                .FirstOrDefault(),
            StatusDate = c.Assessments.AsQueryable().Where(counts)
                .OrderByDescending(a => a.DateEnd).ThenByDescending(a => a.DateStart).ThenByDescending(a => a.Id)
                .Select(a => a.DateText)
                .FirstOrDefault(),
        });
    }

    public static IQueryable<Commitment> InTimeline(this IQueryable<Commitment> commitments, string timelineSlug) =>
        commitments.Where(c => c.Timelines.Any(t => t.Slug == timelineSlug));
}

/// <summary>Assessment queries shared by a commitment and its history.</summary>
public static class AssessmentQueries
{
    /// <summary>A commitment's assessments in the order they took effect (no tracking: for reads).</summary>
    public static IQueryable<Assessment> HistoryOf(this TimelineDbContext db, string commitmentSlug)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Assessments.AsNoTracking()
            .Where(a => db.Commitments.Any(c => c.Id == a.CommitmentId && c.Slug == commitmentSlug))
            .OrderBy(a => a.DateEnd).ThenBy(a => a.DateStart).ThenBy(a => a.Id);
    }
}
