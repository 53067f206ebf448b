using System.Globalization;
using Timeline.Api.Domain;

namespace Timeline.Api.Features.Common;

/// <summary>An EDTF date written for readers: "8 December 2019", "December 2019", "c. April 2003", "2024 (uncertain)".</summary>
public static class HumanDate
{
    public static string Format(EdtfDate date)
    {
        ArgumentNullException.ThrowIfNull(date);
        string text;
        if (date.Start == DateOnly.MinValue)
            text = $"until {Single(date.End, date.Precision, end: true)}";
        else if (date.End == DateOnly.MaxValue)
            text = $"from {Single(date.Start, date.Precision, end: false)}";
        else if (date.IsInterval)
            text = $"{Single(date.Start, date.Precision, end: false)} – {Single(date.End, date.Precision, end: true)}";
        else
            text = Single(date.Start, date.Precision, end: false, date.End);
        if (date.Approximate)
            text = $"c. {text}";
        if (date.Uncertain)
            text = $"{text} (uncertain)";
        return text;
    }

    /// <summary>True when the date is known to the day with no qualifier.</summary>
    public static bool IsExact(EdtfDate date) =>
        date is { Approximate: false, Uncertain: false, Precision: DatePrecision.Day or DatePrecision.Month or DatePrecision.Year };

    private static string Single(DateOnly day, DatePrecision precision, bool end, DateOnly? last = null) => precision switch
    {
        DatePrecision.Day => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture),
        DatePrecision.Month => day.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
        DatePrecision.Year => day.Year.ToString(CultureInfo.InvariantCulture),
        DatePrecision.Decade => $"the {(end ? day.Year - 9 : day.Year).ToString(CultureInfo.InvariantCulture)}s",
        _ => last is { } l
            ? $"{day.Year.ToString(CultureInfo.InvariantCulture)}–{l.Year.ToString(CultureInfo.InvariantCulture)}"
            : day.Year.ToString(CultureInfo.InvariantCulture),
    };
}
