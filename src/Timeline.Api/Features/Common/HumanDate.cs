using System.Globalization;
using Timeline.Api.Domain;

namespace Timeline.Api.Features.Common;

/// <summary>
/// The words and patterns a date is written with for readers. <see cref="English"/> is what the API's own texts use;
/// the reader pages and the widget take theirs from their interface strings, in their culture.
/// </summary>
public sealed record DateWords(
    CultureInfo Culture,
    string DayPattern,
    string MonthPattern,
    string Approximate,
    string Uncertain,
    string Until,
    string From,
    string Range,
    string Decade,
    string YearSpan)
{
    public static DateWords English { get; } = new(
        CultureInfo.InvariantCulture, "d MMMM yyyy", "MMMM yyyy", "c. {0}", "{0} (uncertain)", "until {0}", "from {0}", "{0} – {1}", "the {0}s", "{0}–{1}");
}

/// <summary>An EDTF date written for readers: "8 December 2019", "December 2019", "c. April 2003", "2024 (uncertain)".</summary>
public static class HumanDate
{
    public static string Format(EdtfDate date) => Format(date, DateWords.English);

    public static string Format(EdtfDate date, DateWords words)
    {
        ArgumentNullException.ThrowIfNull(date);
        ArgumentNullException.ThrowIfNull(words);
        string text;
        if (date.Start == DateOnly.MinValue)
            text = Fill(words, words.Until, Single(words, date.End, date.Precision, end: true));
        else if (date.End == DateOnly.MaxValue)
            text = Fill(words, words.From, Single(words, date.Start, date.Precision, end: false));
        else if (date.IsInterval)
            text = Fill(words, words.Range, Single(words, date.Start, date.Precision, end: false), Single(words, date.End, date.Precision, end: true));
        else
            text = Single(words, date.Start, date.Precision, end: false, date.End);
        if (date.Approximate)
            text = Fill(words, words.Approximate, text);
        if (date.Uncertain)
            text = Fill(words, words.Uncertain, text);
        return text;
    }

    /// <summary>True when the date is known to the day with no qualifier.</summary>
    public static bool IsExact(EdtfDate date) =>
        date is { Approximate: false, Uncertain: false, Precision: DatePrecision.Day or DatePrecision.Month or DatePrecision.Year };

    private static string Fill(DateWords words, string pattern, params object[] parts) => string.Format(words.Culture, pattern, parts);

    private static string Single(DateWords words, DateOnly day, DatePrecision precision, bool end, DateOnly? last = null) => precision switch
    {
        DatePrecision.Day => day.ToString(words.DayPattern, words.Culture),
        DatePrecision.Month => day.ToString(words.MonthPattern, words.Culture),
        DatePrecision.Year => Year(words, day.Year),
        DatePrecision.Decade => Fill(words, words.Decade, Year(words, end ? day.Year - 9 : day.Year)),
        _ => last is { } l ? Fill(words, words.YearSpan, Year(words, day.Year), Year(words, l.Year)) : Year(words, day.Year),
    };

    // Years are written without group separators in every language ("2019", not "2,019").
    private static string Year(DateWords words, int year) => year.ToString("0", words.Culture);
}
