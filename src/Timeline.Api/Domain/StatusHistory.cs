using System.Linq.Expressions;

namespace Timeline.Api.Domain;

/// <summary>One entry of a status history as its rules see it: an assessment's status and dates, by id.</summary>
/// <param name="Id">The assessment's id; among entries with the same dates, the later-recorded one takes effect last.</param>
/// <param name="Status">The status the entry records.</param>
/// <param name="Earliest">The earliest day its date may denote.</param>
/// <param name="Latest">The latest day its date may denote: from this day on, the entry certainly holds.</param>
/// <param name="Retracted">Withdrawn by an admin: kept in the history, no longer counted.</param>
public sealed record StatusEntry(long Id, CommitmentStatus Status, DateOnly Earliest, DateOnly Latest, bool Retracted = false);

/// <summary>
/// A commitment's append-only status history and the rules that read it. An entry counts for "as of D" once its latest
/// possible day is on or before D (a change dated "2021-09" counts from 30 September 2021, never earlier) and while it is
/// not retracted; the status on D is the latest entry that counts, in the order entries took effect (latest day,
/// then earliest day, then id). There is no status before the first entry that counts.
/// </summary>
public sealed class StatusHistory
{
    private readonly List<StatusEntry> _entries;

    public StatusHistory(IEnumerable<StatusEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = [.. entries.OrderBy(e => e.Latest).ThenBy(e => e.Earliest).ThenBy(e => e.Id)];
    }

    /// <summary>Every entry, retracted ones included, in the order they took effect.</summary>
    public IReadOnlyList<StatusEntry> Entries => _entries;

    /// <summary>The entry that gives the status on <paramref name="day"/>, or null when none counts yet.</summary>
    public StatusEntry? AsOf(DateOnly day) => _entries.LastOrDefault(e => Counts(e, day));

    /// <summary>The status on <paramref name="day"/>, or null when nothing had been recorded for it.</summary>
    public CommitmentStatus? StatusAsOf(DateOnly day) => AsOf(day)?.Status;

    /// <summary>The current status: the latest entry that counts, whatever its date (DESIGN: "the current status is the latest assessment").</summary>
    public StatusEntry? Current => AsOf(DateOnly.MaxValue);

    /// <summary>
    /// The first entry of the unbroken run of the status on <paramref name="day"/>: when that status began
    /// (a "stalled" confirmed again later still stalled when it was first recorded).
    /// </summary>
    public StatusEntry? RunStartAsOf(DateOnly day)
    {
        var counted = _entries.Where(e => Counts(e, day)).ToList();
        if (counted.Count == 0)
            return null;
        var start = counted[^1];
        for (var i = counted.Count - 1; i >= 0 && counted[i].Status == start.Status; i--)
            start = counted[i];
        return start;
    }

    /// <summary>Whether an entry counts for the status on a day.</summary>
    public static bool Counts(StatusEntry entry, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return !entry.Retracted && entry.Latest <= day;
    }

    /// <summary>The same rule as <see cref="Counts"/>, as a condition a query can send to the database.</summary>
    public static Expression<Func<Assessment, bool>> CountsOn(DateOnly day) => a => a.RetractedAt == null && a.DateEnd <= day;

    /// <summary>An assessment as an entry of its history.</summary>
    public static StatusEntry EntryOf(Assessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        return new StatusEntry(assessment.Id, assessment.Status, assessment.DateStart, assessment.DateEnd, assessment.RetractedAt is not null);
    }
}
