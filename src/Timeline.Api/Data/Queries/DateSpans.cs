namespace Timeline.Api.Data.Queries;

/// <summary>
/// How long an event's date may last, in a handful of classes, so that a date window is an index range
/// bounded on both ends. A window asks for events that may end on or after <c>from</c>; within one class
/// every event lasts at most <see cref="MaxDays"/> days, so it must also start on or after
/// <c>from - MaxDays</c>: the index (class, start date, id) is then read from there to <c>to</c> and no
/// further, whatever the size of the archive. Lists read each class's range in date order and merge them.
/// </summary>
public static class DateSpans
{
    /// <summary>The stored column (computed by the database from DateStart and DateEnd) on Events and the join tables.</summary>
    public const string Column = "SpanBucket";

    /// <summary>
    /// The longest span, <c>DateEnd - DateStart</c> in days, of each class: a day, a month, a year, a decade,
    /// a century. The last class (<see cref="Unbounded"/>) holds longer spans and open intervals (<c>2019/..</c>).
    /// </summary>
    public static IReadOnlyList<int> MaxDays { get; } = [0, 30, 365, 3652, 36524];

    /// <summary>The class of spans with no bound: a window's lower bound cannot narrow it (these are few).</summary>
    public static int Unbounded => MaxDays.Count;

    public static int Count => MaxDays.Count + 1;

    /// <summary>The class of a date, as the database computes it.</summary>
    public static int Of(DateOnly start, DateOnly end)
    {
        var days = end.DayNumber - start.DayNumber;
        for (var bucket = 0; bucket < MaxDays.Count; bucket++)
        {
            if (days <= MaxDays[bucket])
                return bucket;
        }

        return Unbounded;
    }

    /// <summary>The earliest start an event of this class may have and still end on or after <paramref name="from"/>.</summary>
    public static DateOnly EarliestStart(int bucket, DateOnly from) =>
        bucket >= MaxDays.Count || from.DayNumber - MaxDays[bucket] < DateOnly.MinValue.DayNumber
            ? DateOnly.MinValue
            : DateOnly.FromDayNumber(from.DayNumber - MaxDays[bucket]);

    /// <summary>
    /// The generated column's expression over a table's own DateStart and DateEnd. SQLite stores dates as text;
    /// Npgsql stores an open end (<see cref="DateOnly.MinValue"/>, <see cref="DateOnly.MaxValue"/>) as -infinity
    /// and infinity, which cannot be subtracted, so those are the unbounded class before any arithmetic.
    /// </summary>
    public static string ComputedSql(bool postgres)
    {
        var days = postgres ? "(\"DateEnd\" - \"DateStart\")" : "(julianday(\"DateEnd\") - julianday(\"DateStart\"))";
        var open = postgres ? $"WHEN NOT isfinite(\"DateStart\") OR NOT isfinite(\"DateEnd\") THEN {Unbounded} " : "";
        var cases = string.Concat(MaxDays.Select((max, bucket) => $"WHEN {days} <= {max} THEN {bucket} "));
        return $"CASE {open}{cases}ELSE {Unbounded} END";
    }
}
