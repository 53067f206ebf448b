using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Timeline.Api.Domain;

/// <summary>
/// How finely an <see cref="EdtfDate"/> is known, from a single day up to a whole century.
/// Ordered from finest to coarsest so that the coarser of two values is the larger one.
/// </summary>
public enum DatePrecision
{
    /// <summary>A single calendar day, e.g. <c>2019-12-08</c>.</summary>
    Day,

    /// <summary>A calendar month, e.g. <c>2019-12</c> or <c>2019-12-XX</c>.</summary>
    Month,

    /// <summary>A calendar year, e.g. <c>2019</c> or <c>2019-XX</c>.</summary>
    Year,

    /// <summary>A decade, e.g. <c>201X</c> (2010–2019).</summary>
    Decade,

    /// <summary>A century, e.g. <c>19XX</c> (1900–1999).</summary>
    Century,
}

/// <summary>
/// An immutable date in Extended Date/Time Format (ISO 8601-2, levels 0 and 1): a day, month or year,
/// optionally qualified as uncertain or approximate, with unspecified trailing digits, or an interval of two such dates.
/// Historical dates are rarely known to the day, so besides the canonical <see cref="Text"/> it exposes the
/// range of days it may denote (<see cref="Start"/>..<see cref="End"/>) for sorting and overlap queries.
/// </summary>
/// <remarks>
/// Supported: <c>YYYY</c>, <c>YYYY-MM</c>, <c>YYYY-MM-DD</c>; a trailing <c>?</c> (uncertain), <c>~</c> (approximate)
/// or <c>%</c> (both); unspecified digits <c>X</c> at the right end (<c>201X</c>, <c>19XX</c>, <c>2019-XX</c>,
/// <c>2019-XX-XX</c>, <c>2019-12-XX</c>); intervals <c>A/B</c> whose ends may be open (<c>..</c>) or unknown (empty).
/// Years run 0001–9999 because <see cref="DateOnly"/> cannot hold year 0000.
/// Not supported: <c>Y</c>-prefixed or negative years, seasons (21–24), times, and level 2 features.
/// Only canonical text is accepted, so <see cref="Text"/> is always exactly the parsed input.
/// </remarks>
public sealed class EdtfDate : IEquatable<EdtfDate>, IParsable<EdtfDate>
{
    // The longest valid text is two qualified days, e.g. "2019-12-08%/2019-12-09%" (23 characters).
    private const int _maxLength = 64;

    private const string _expectedMessage =
        "Expected an EDTF date such as 1999-12-08, 2019-12, 2004, 2019-12-08~ or 2019-12-06/2019-12-07.";

    private const string _xNotAtEndMessage =
        "Unspecified digits (X) are only supported at the right end of a date, e.g. 201X, 19XX, 2019-XX or 2019-12-XX.";

    private const string _yearZeroMessage =
        "Year 0000 (1 BCE) is not supported; the earliest supported year is 0001.";

    private const string _openEnd = "..";

    private EdtfDate(string text, Bounds bounds, bool isInterval)
    {
        Text = text;
        Start = bounds.Start;
        End = bounds.End;
        Precision = bounds.Precision;
        Approximate = bounds.Approximate;
        Uncertain = bounds.Uncertain;
        IsInterval = isInterval;
    }

    /// <summary>The canonical EDTF text, e.g. <c>2019-12-08~</c> or <c>2019/..</c>; this is what gets stored.</summary>
    public string Text { get; }

    /// <summary>
    /// The earliest day the value may denote; <see cref="DateOnly.MinValue"/> for an open or unknown interval start.
    /// </summary>
    public DateOnly Start { get; }

    /// <summary>
    /// The latest day the value may denote; <see cref="DateOnly.MaxValue"/> for an open or unknown interval end.
    /// </summary>
    public DateOnly End { get; }

    /// <summary>How finely the value is known; for an interval, the coarser of its two known ends.</summary>
    public DatePrecision Precision { get; }

    /// <summary>True when any part is approximate (<c>~</c> or <c>%</c>).</summary>
    public bool Approximate { get; }

    /// <summary>True when any part is uncertain (<c>?</c> or <c>%</c>).</summary>
    public bool Uncertain { get; }

    /// <summary>True for an interval <c>A/B</c>, including ones with an open or unknown end.</summary>
    public bool IsInterval { get; }

    /// <summary>
    /// Parses EDTF text without throwing, for any input. On failure <paramref name="error"/> says what is wrong
    /// in a short sentence suitable for showing to a user.
    /// </summary>
    /// <param name="text">The EDTF text, in canonical form (no surrounding spaces).</param>
    /// <param name="date">The parsed value, or <see langword="null"/> on failure.</param>
    /// <param name="error">Why the text was rejected, or <see langword="null"/> on success.</param>
    /// <returns><see langword="true"/> if <paramref name="text"/> is a supported EDTF date or interval.</returns>
    public static bool TryParse(
        string? text,
        [NotNullWhen(true)] out EdtfDate? date,
        [NotNullWhen(false)] out string? error)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > _maxLength)
        {
            error = _expectedMessage;
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            if (text == _openEnd)
            {
                error = "An open end (..) is only allowed as one end of an interval, such as ../2019-12.";
                return false;
            }

            if (!TryParseSingle(text, out var single, out error))
            {
                return false;
            }

            date = new EdtfDate(text, single, isInterval: false);
            return true;
        }

        if (text.IndexOf('/', slash + 1) >= 0)
        {
            error = "An interval must contain exactly one '/'.";
            return false;
        }

        if (!TryParseIntervalEnd(text[..slash], "Start of interval", out var from, out error)
            || !TryParseIntervalEnd(text[(slash + 1)..], "End of interval", out var to, out error))
        {
            return false;
        }

        Bounds bounds;
        if (from is { } first && to is { } last)
        {
            if (first.Start > last.End)
            {
                error = "The interval ends before it starts.";
                return false;
            }

            bounds = new Bounds(
                first.Start,
                last.End,
                first.Precision > last.Precision ? first.Precision : last.Precision,
                first.Approximate || last.Approximate,
                first.Uncertain || last.Uncertain);
        }
        else if (from is { } onlyStart)
        {
            bounds = onlyStart with { End = DateOnly.MaxValue };
        }
        else if (to is { } onlyEnd)
        {
            bounds = onlyEnd with { Start = DateOnly.MinValue };
        }
        else
        {
            error = "An interval needs at least one known end; both ends cannot be open or unknown.";
            return false;
        }

        date = new EdtfDate(text, bounds, isInterval: true);
        error = null;
        return true;
    }

    /// <summary>Parses EDTF text, for callers that have already validated it (e.g. values read back from storage).</summary>
    /// <param name="text">The EDTF text, in canonical form.</param>
    /// <returns>The parsed value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The text is not a supported EDTF value; the message says why.</exception>
    public static EdtfDate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var date, out var error) ? date : throw new FormatException(error);
    }

    // IParsable, so that a request can carry a parsed date (query values bind to it: Infrastructure/QueryValues).
    // Explicit, because EDTF text does not depend on culture: callers use Parse(string) and need no format provider.
    static EdtfDate IParsable<EdtfDate>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<EdtfDate>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out EdtfDate result) =>
        TryParse(s, out result, out _);

    /// <summary>Creates a day-precision value, e.g. <c>2019-12-08</c>, with no qualifiers.</summary>
    /// <param name="day">The calendar day.</param>
    /// <returns>A value whose <see cref="Start"/> and <see cref="End"/> are both <paramref name="day"/>.</returns>
    public static EdtfDate FromDay(DateOnly day) =>
        new(
            day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            new Bounds(day, day, DatePrecision.Day, Approximate: false, Uncertain: false),
            isInterval: false);

    /// <summary>Returns <see cref="Text"/>.</summary>
    /// <returns>The canonical EDTF text.</returns>
    public override string ToString() => Text;

    /// <summary>Two values are equal when their canonical <see cref="Text"/> is equal (ordinal).</summary>
    /// <param name="other">The value to compare with.</param>
    /// <returns><see langword="true"/> if both have the same text.</returns>
    public bool Equals(EdtfDate? other) =>
        other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as EdtfDate);

    /// <inheritdoc />
    public override int GetHashCode() => Text.GetHashCode(StringComparison.Ordinal);

    /// <summary>Compares two values by <see cref="Text"/>.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> if both are null or have the same text.</returns>
    public static bool operator ==(EdtfDate? left, EdtfDate? right) =>
        left is null ? right is null : left.Equals(right);

    /// <summary>Compares two values by <see cref="Text"/>.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> if the texts differ.</returns>
    public static bool operator !=(EdtfDate? left, EdtfDate? right) => !(left == right);

    private static bool TryParseIntervalEnd(
        string side, string label, out Bounds? bounds, [NotNullWhen(false)] out string? error)
    {
        bounds = null;
        error = null;
        if (side.Length == 0 || side == _openEnd)
        {
            return true; // unknown (empty) or open (..) end
        }

        if (!TryParseSingle(side, out var parsed, out var reason))
        {
            error = $"{label}: {reason}";
            return false;
        }

        bounds = parsed;
        return true;
    }

    private static bool TryParseSingle(string text, out Bounds bounds, [NotNullWhen(false)] out string? error)
    {
        bounds = default;
        error = null;

        var body = text;
        var approximate = false;
        var uncertain = false;
        if (IsQualifier(body[^1]))
        {
            approximate = body[^1] is '~' or '%';
            uncertain = body[^1] is '?' or '%';
            body = body[..^1];
            if (body.Length > 0 && IsQualifier(body[^1]))
            {
                error = "Use a single qualifier: ? (uncertain), ~ (approximate) or % (both).";
                return false;
            }
        }

        if (body.AsSpan().IndexOfAny('?', '~', '%') >= 0)
        {
            error = "Qualifiers ?, ~ and % are only supported at the end of a whole date, e.g. 2019-12-08~.";
            return false;
        }

        if (body.Length == 0)
        {
            error = _expectedMessage;
            return false;
        }

        error = body[0] switch
        {
            'Y' => "Years with the 'Y' prefix (beyond 9999) are not supported; use a four-digit year.",
            '-' => "Negative years (BCE) are not supported; use a four-digit year.",
            _ => null,
        };
        error ??= DescribeForbiddenCharacter(body);
        if (error is not null)
        {
            return false;
        }

        var parts = body.Split('-');
        foreach (var part in parts)
        {
            if (part.Length == 0 || !part.All(c => c is (>= '0' and <= '9') or 'X'))
            {
                error = _expectedMessage;
                return false;
            }
        }

        if (parts.Length > 3)
        {
            error = _expectedMessage;
            return false;
        }

        if (parts[0].Length != 4)
        {
            error = "The year must have exactly four digits, e.g. 0950 or 2019.";
            return false;
        }

        if (parts.Skip(1).Any(p => p.Length != 2))
        {
            error = "Month and day must have two digits each, e.g. 2019-01-05.";
            return false;
        }

        if (!TryResolve(body, parts, out bounds, out error))
        {
            return false;
        }

        bounds = bounds with { Approximate = approximate, Uncertain = uncertain };
        return true;
    }

    private static string? DescribeForbiddenCharacter(string body)
    {
        if (body.Any(char.IsWhiteSpace))
        {
            return "Spaces are not allowed in an EDTF date.";
        }

        if (body.Contains('T', StringComparison.Ordinal) || body.Contains(':', StringComparison.Ordinal))
        {
            return "Times are not supported; give a date only, e.g. 2019-12-08.";
        }

        if (body.Contains('x', StringComparison.Ordinal))
        {
            return "Unspecified digits must be an uppercase X, e.g. 201X.";
        }

        return null;
    }

    /// <summary>Applies the X rules and calendar checks to structurally valid parts (4-char year, 2-char month/day).</summary>
    private static bool TryResolve(string body, string[] parts, out Bounds bounds, [NotNullWhen(false)] out string? error)
    {
        bounds = default;
        var yearPart = parts[0];
        var yearDigits = yearPart.TrimEnd('X');
        var yearUnspecified = yearPart.Length - yearDigits.Length;
        if (yearDigits.Contains('X', StringComparison.Ordinal))
        {
            error = _xNotAtEndMessage;
            return false;
        }

        if (yearUnspecified > 2)
        {
            error = "Only the last one or two digits of a year may be X, e.g. 201X or 19XX.";
            return false;
        }

        if (yearUnspecified > 0)
        {
            if (parts.Length > 1)
            {
                error = _xNotAtEndMessage;
                return false;
            }

            var span = yearUnspecified == 1 ? 10 : 100;
            var first = ToNumber(yearDigits) * span;
            if (first == 0)
            {
                error = $"'{body}' includes year 0000 (1 BCE), which is not supported; the earliest supported year is 0001.";
                return false;
            }

            bounds = new Bounds(
                new DateOnly(first, 1, 1),
                new DateOnly(first + span - 1, 12, 31),
                yearUnspecified == 1 ? DatePrecision.Decade : DatePrecision.Century,
                Approximate: false,
                Uncertain: false);
            error = null;
            return true;
        }

        var year = ToNumber(yearPart);
        if (year == 0)
        {
            error = _yearZeroMessage;
            return false;
        }

        var yearBounds = new Bounds(
            new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), DatePrecision.Year, Approximate: false, Uncertain: false);
        if (parts.Length == 1)
        {
            bounds = yearBounds;
            error = null;
            return true;
        }

        var monthPart = parts[1];
        if (monthPart == "XX")
        {
            // 2019-XX and 2019-XX-XX both mean "some day in 2019".
            if (parts.Length == 3 && parts[2] != "XX")
            {
                error = _xNotAtEndMessage;
                return false;
            }

            bounds = yearBounds;
            error = null;
            return true;
        }

        if (monthPart.Contains('X', StringComparison.Ordinal))
        {
            error = "A month must be two digits or XX; partly unspecified months are not supported.";
            return false;
        }

        var month = ToNumber(monthPart);
        if (month is >= 21 and <= 24)
        {
            error = "Seasons (months 21–24) are not supported; give a month 01–12.";
            return false;
        }

        if (month is < 1 or > 12)
        {
            error = "Month must be 01–12.";
            return false;
        }

        var daysInMonth = DateTime.DaysInMonth(year, month);
        if (parts.Length == 2 || parts[2] == "XX")
        {
            bounds = new Bounds(
                new DateOnly(year, month, 1),
                new DateOnly(year, month, daysInMonth),
                DatePrecision.Month,
                Approximate: false,
                Uncertain: false);
            error = null;
            return true;
        }

        var dayPart = parts[2];
        if (dayPart.Contains('X', StringComparison.Ordinal))
        {
            error = "A day must be two digits or XX; partly unspecified days are not supported.";
            return false;
        }

        var day = ToNumber(dayPart);
        if (day is < 1 or > 31)
        {
            error = "Day must be 01–31.";
            return false;
        }

        if (day > daysInMonth)
        {
            var monthName = CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month);
            error = string.Create(
                CultureInfo.InvariantCulture,
                $"'{body}' is not a calendar date: {monthName} {yearPart} has {daysInMonth} days.");
            return false;
        }

        var date = new DateOnly(year, month, day);
        bounds = new Bounds(date, date, DatePrecision.Day, Approximate: false, Uncertain: false);
        error = null;
        return true;
    }

    private static bool IsQualifier(char c) => c is '?' or '~' or '%';

    /// <summary>Reads ASCII digits only (never culture or Unicode digits); callers have already checked them.</summary>
    private static int ToNumber(string digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }

    private readonly record struct Bounds(
        DateOnly Start, DateOnly End, DatePrecision Precision, bool Approximate, bool Uncertain);
}
