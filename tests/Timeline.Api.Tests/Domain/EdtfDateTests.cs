using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Timeline.Api.Domain;

namespace Timeline.Api.Tests.Domain;

public class EdtfDateTests
{
    private const string _min = "0001-01-01";
    private const string _max = "9999-12-31";
    private const string _expected =
        "Expected an EDTF date such as 1999-12-08, 2019-12, 2004, 2019-12-08~ or 2019-12-06/2019-12-07.";

    // ---- Valid input: level 0 ----

    [Theory]
    [InlineData("1999-12-08", "1999-12-08", "1999-12-08", DatePrecision.Day)]
    [InlineData("0001-01-01", _min, _min, DatePrecision.Day)]
    [InlineData("9999-12-31", _max, _max, DatePrecision.Day)]
    [InlineData("1985-04-30", "1985-04-30", "1985-04-30", DatePrecision.Day)]
    [InlineData("2019-12", "2019-12-01", "2019-12-31", DatePrecision.Month)]
    [InlineData("2019-04", "2019-04-01", "2019-04-30", DatePrecision.Month)]
    [InlineData("2019-02", "2019-02-01", "2019-02-28", DatePrecision.Month)]
    [InlineData("2020-02", "2020-02-01", "2020-02-29", DatePrecision.Month)]
    [InlineData("1900-02", "1900-02-01", "1900-02-28", DatePrecision.Month)]
    [InlineData("2004", "2004-01-01", "2004-12-31", DatePrecision.Year)]
    [InlineData("0001", "0001-01-01", "0001-12-31", DatePrecision.Year)]
    [InlineData("9999", "9999-01-01", _max, DatePrecision.Year)]
    public void TryParse_Level0Date_HasExpectedBoundsAndPrecision(
        string text, string start, string end, DatePrecision precision) =>
        AssertParses(text, start, end, precision, approximate: false, uncertain: false, isInterval: false);

    [Theory]
    [InlineData("2020-02-29")]
    [InlineData("2000-02-29")]
    [InlineData("2024-02-29")]
    [InlineData("0004-02-29")]
    public void TryParse_LeapDayInLeapYear_IsAccepted(string text) =>
        AssertParses(text, text, text, DatePrecision.Day, approximate: false, uncertain: false, isInterval: false);

    // ---- Valid input: level 1 qualifiers ----

    [Theory]
    [InlineData("2019-12-08~", "2019-12-08", "2019-12-08", DatePrecision.Day, true, false)]
    [InlineData("2024?", "2024-01-01", "2024-12-31", DatePrecision.Year, false, true)]
    [InlineData("2004%", "2004-01-01", "2004-12-31", DatePrecision.Year, true, true)]
    [InlineData("2019-12?", "2019-12-01", "2019-12-31", DatePrecision.Month, false, true)]
    [InlineData("2019-12~", "2019-12-01", "2019-12-31", DatePrecision.Month, true, false)]
    [InlineData("1984-06-02%", "1984-06-02", "1984-06-02", DatePrecision.Day, true, true)]
    public void TryParse_QualifiedDate_SetsApproximateAndUncertain(
        string text, string start, string end, DatePrecision precision, bool approximate, bool uncertain) =>
        AssertParses(text, start, end, precision, approximate, uncertain, isInterval: false);

    // ---- Valid input: level 1 unspecified digits ----

    [Theory]
    [InlineData("201X", "2010-01-01", "2019-12-31", DatePrecision.Decade)]
    [InlineData("199X", "1990-01-01", "1999-12-31", DatePrecision.Decade)]
    [InlineData("001X", "0010-01-01", "0019-12-31", DatePrecision.Decade)]
    [InlineData("999X", "9990-01-01", _max, DatePrecision.Decade)]
    [InlineData("19XX", "1900-01-01", "1999-12-31", DatePrecision.Century)]
    [InlineData("01XX", "0100-01-01", "0199-12-31", DatePrecision.Century)]
    [InlineData("99XX", "9900-01-01", _max, DatePrecision.Century)]
    [InlineData("2019-XX", "2019-01-01", "2019-12-31", DatePrecision.Year)]
    [InlineData("2019-XX-XX", "2019-01-01", "2019-12-31", DatePrecision.Year)]
    [InlineData("2019-12-XX", "2019-12-01", "2019-12-31", DatePrecision.Month)]
    [InlineData("2019-02-XX", "2019-02-01", "2019-02-28", DatePrecision.Month)]
    [InlineData("2020-02-XX", "2020-02-01", "2020-02-29", DatePrecision.Month)]
    public void TryParse_UnspecifiedDigits_WidenBoundsAndCoarsenPrecision(
        string text, string start, string end, DatePrecision precision) =>
        AssertParses(text, start, end, precision, approximate: false, uncertain: false, isInterval: false);

    [Theory]
    [InlineData("201X~", "2010-01-01", "2019-12-31", DatePrecision.Decade, true, false)]
    [InlineData("19XX?", "1900-01-01", "1999-12-31", DatePrecision.Century, false, true)]
    [InlineData("2019-12-XX%", "2019-12-01", "2019-12-31", DatePrecision.Month, true, true)]
    public void TryParse_UnspecifiedDigitsWithQualifier_CombinesBoth(
        string text, string start, string end, DatePrecision precision, bool approximate, bool uncertain) =>
        AssertParses(text, start, end, precision, approximate, uncertain, isInterval: false);

    // ---- Valid input: intervals ----

    [Theory]
    [InlineData("2019-12-06/2019-12-07", "2019-12-06", "2019-12-07", DatePrecision.Day, false, false)]
    [InlineData("1964/2008", "1964-01-01", "2008-12-31", DatePrecision.Year, false, false)]
    [InlineData("2004-06/2006-08", "2004-06-01", "2006-08-31", DatePrecision.Month, false, false)]
    [InlineData("2004-02-01/2005", "2004-02-01", "2005-12-31", DatePrecision.Year, false, false)]
    [InlineData("2005/2006-02-03", "2005-01-01", "2006-02-03", DatePrecision.Year, false, false)]
    [InlineData("2019/2019", "2019-01-01", "2019-12-31", DatePrecision.Year, false, false)]
    [InlineData("2019-12-08/2019-12-08", "2019-12-08", "2019-12-08", DatePrecision.Day, false, false)]
    [InlineData("2019-12-31/2019-12", "2019-12-31", "2019-12-31", DatePrecision.Month, false, false)]
    [InlineData("201X/2020-03", "2010-01-01", "2020-03-31", DatePrecision.Decade, false, false)]
    [InlineData("2019-12-08~/2020?", "2019-12-08", "2020-12-31", DatePrecision.Year, true, true)]
    [InlineData("1984?/2004~", "1984-01-01", "2004-12-31", DatePrecision.Year, true, true)]
    [InlineData("1984/2004%", "1984-01-01", "2004-12-31", DatePrecision.Year, true, true)]
    public void TryParse_Interval_SpansStartOfFirstToEndOfLastWithCoarserPrecision(
        string text, string start, string end, DatePrecision precision, bool approximate, bool uncertain) =>
        AssertParses(text, start, end, precision, approximate, uncertain, isInterval: true);

    [Theory]
    [InlineData("../2019-12", _min, "2019-12-31", DatePrecision.Month)]
    [InlineData("/2019", _min, "2019-12-31", DatePrecision.Year)]
    [InlineData("2019/..", "2019-01-01", _max, DatePrecision.Year)]
    [InlineData("2019/", "2019-01-01", _max, DatePrecision.Year)]
    [InlineData("1985-04-12/..", "1985-04-12", _max, DatePrecision.Day)]
    [InlineData("19XX/..", "1900-01-01", _max, DatePrecision.Century)]
    public void TryParse_OpenOrUnknownIntervalEnd_UsesMinOrMaxValue(
        string text, string start, string end, DatePrecision precision) =>
        AssertParses(text, start, end, precision, approximate: false, uncertain: false, isInterval: true);

    [Fact]
    public void TryParse_OpenEnds_AreExactlyDateOnlyMinAndMaxValue()
    {
        var openStart = EdtfDate.Parse("../2019");
        var openEnd = EdtfDate.Parse("2019/");

        Assert.Equal(DateOnly.MinValue, openStart.Start);
        Assert.Equal(DateOnly.MaxValue, openEnd.End);
    }

    [Fact]
    public void TryParse_QualifierOnOneIntervalEnd_FlagsTheWholeInterval()
    {
        var date = EdtfDate.Parse("../2019-12-08~");

        Assert.True(date.Approximate);
        Assert.False(date.Uncertain);
        Assert.True(date.IsInterval);
    }

    // ---- Invalid input ----

    [Theory]
    [InlineData("2019-02-30", "'2019-02-30' is not a calendar date: February 2019 has 28 days.")]
    [InlineData("2019-02-29", "'2019-02-29' is not a calendar date: February 2019 has 28 days.")]
    [InlineData("1900-02-29", "'1900-02-29' is not a calendar date: February 1900 has 28 days.")]
    [InlineData("2100-02-29", "'2100-02-29' is not a calendar date: February 2100 has 28 days.")]
    [InlineData("2020-02-30", "'2020-02-30' is not a calendar date: February 2020 has 29 days.")]
    [InlineData("2019-04-31", "'2019-04-31' is not a calendar date: April 2019 has 30 days.")]
    [InlineData("2019-06-31", "'2019-06-31' is not a calendar date: June 2019 has 30 days.")]
    [InlineData("2019-09-31", "'2019-09-31' is not a calendar date: September 2019 has 30 days.")]
    [InlineData("2019-11-31~", "'2019-11-31' is not a calendar date: November 2019 has 30 days.")]
    public void TryParse_DayPastEndOfMonth_IsRejectedWithReason(string text, string message) =>
        AssertRejectedExactly(text, message);

    [Theory]
    [InlineData("2019-00")]
    [InlineData("2019-13")]
    [InlineData("2019-20")]
    [InlineData("2019-25")]
    [InlineData("2019-99")]
    [InlineData("2019-00-10")]
    [InlineData("2019-13-01")]
    [InlineData("2019-13?")]
    public void TryParse_MonthOutOfRange_IsRejectedWithReason(string text) =>
        AssertRejectedExactly(text, "Month must be 01–12.");

    [Theory]
    [InlineData("2019-12-00")]
    [InlineData("2019-12-32")]
    [InlineData("2019-01-99")]
    public void TryParse_DayOutOfRange_IsRejectedWithReason(string text) =>
        AssertRejectedExactly(text, "Day must be 01–31.");

    [Theory]
    [InlineData("2019-21")]
    [InlineData("2019-22")]
    [InlineData("2019-23")]
    [InlineData("2019-24")]
    [InlineData("2019-21~")]
    public void TryParse_Season_IsRejectedAsUnsupported(string text) =>
        AssertRejected(text, "Seasons (months 21–24) are not supported");

    [Theory]
    [InlineData("Y170000002")]
    [InlineData("Y-17000")]
    [InlineData("Y2019")]
    public void TryParse_ExtendedYYear_IsRejectedAsUnsupported(string text) =>
        AssertRejected(text, "Years with the 'Y' prefix (beyond 9999) are not supported");

    [Theory]
    [InlineData("-0001")]
    [InlineData("-2019-12")]
    [InlineData("-1000?")]
    public void TryParse_NegativeYear_IsRejectedAsUnsupported(string text) =>
        AssertRejected(text, "Negative years (BCE) are not supported");

    [Theory]
    [InlineData("0000")]
    [InlineData("0000-01")]
    [InlineData("0000-12-31")]
    [InlineData("000X")]
    [InlineData("00XX")]
    public void TryParse_YearZero_IsRejectedBecauseDateOnlyCannotHoldIt(string text) =>
        AssertRejected(text, "0000 (1 BCE)");

    [Theory]
    [InlineData("12345")]
    [InlineData("201")]
    [InlineData("999")]
    [InlineData("20191208")]
    [InlineData("19-12-08")]
    public void TryParse_YearNotFourDigits_IsRejectedWithReason(string text) =>
        AssertRejectedExactly(text, "The year must have exactly four digits, e.g. 0950 or 2019.");

    [Theory]
    [InlineData("2019-1-5")]
    [InlineData("2019-1")]
    [InlineData("2019-12-8")]
    [InlineData("2019-012")]
    public void TryParse_NonCanonicalMonthOrDay_IsRejectedWithReason(string text) =>
        AssertRejectedExactly(text, "Month and day must have two digits each, e.g. 2019-01-05.");

    [Theory]
    [InlineData("2019-12-08abc")]
    [InlineData("2019-12-08-01")]
    [InlineData("2019-12-08.")]
    [InlineData("2019a")]
    [InlineData("2019-")]
    [InlineData("2019--12")]
    [InlineData("2019-12-08Z")]
    [InlineData("2019-W01")]
    [InlineData("2019.12.08")]
    [InlineData("abc")]
    [InlineData("?")]
    public void TryParse_TrailingGarbageOrUnknownSyntax_IsRejectedWithExample(string text) =>
        AssertRejectedExactly(text, _expected);

    [Theory]
    [InlineData("201x")]
    [InlineData("19xx")]
    [InlineData("2019-xx")]
    [InlineData("2019-12-xx")]
    public void TryParse_LowercaseX_IsRejectedWithReason(string text) =>
        AssertRejectedExactly(text, "Unspecified digits must be an uppercase X, e.g. 201X.");

    [Theory]
    [InlineData("201X-05")]
    [InlineData("19XX-01-01")]
    [InlineData("2019-XX-05")]
    [InlineData("X019")]
    [InlineData("1X9X")]
    [InlineData("20X9")]
    public void TryParse_UnspecifiedDigitNotAtRightEnd_IsRejectedWithReason(string text) =>
        AssertRejected(text, "Unspecified digits (X) are only supported at the right end of a date");

    [Theory]
    [InlineData("2XXX")]
    [InlineData("XXXX")]
    public void TryParse_MoreThanTwoUnspecifiedYearDigits_IsRejectedWithReason(string text) =>
        AssertRejectedExactly(text, "Only the last one or two digits of a year may be X, e.g. 201X or 19XX.");

    [Theory]
    [InlineData("2019-1X", "A month must be two digits or XX")]
    [InlineData("2019-X2", "A month must be two digits or XX")]
    [InlineData("2019-12-3X", "A day must be two digits or XX")]
    [InlineData("2019-12-X1", "A day must be two digits or XX")]
    public void TryParse_PartlyUnspecifiedMonthOrDay_IsRejectedWithReason(string text, string fragment) =>
        AssertRejected(text, fragment);

    [Theory]
    [InlineData(" 2019")]
    [InlineData("2019 ")]
    [InlineData("2019-12 -08")]
    [InlineData("2019 ~")]
    [InlineData("\t2019")]
    [InlineData("2019\n")]
    [InlineData("2019\u00A0")]
    public void TryParse_Whitespace_IsRejectedWithReason(string text) =>
        AssertRejectedExactly(text, "Spaces are not allowed in an EDTF date.");

    [Theory]
    [InlineData("2019-12-08T10:00:00")]
    [InlineData("2019-12-08T10")]
    [InlineData("2019-12-08T10:00:00Z")]
    [InlineData("2019-12-08T")]
    public void TryParse_TimePart_IsRejectedAsUnsupported(string text) =>
        AssertRejectedExactly(text, "Times are not supported; give a date only, e.g. 2019-12-08.");

    [Theory]
    [InlineData("2019?~")]
    [InlineData("2019~~")]
    [InlineData("2019%?")]
    public void TryParse_MoreThanOneQualifier_IsRejectedWithReason(string text) =>
        AssertRejected(text, "Use a single qualifier");

    [Theory]
    [InlineData("2019?-12")]
    [InlineData("2019-?12")]
    [InlineData("?2019")]
    [InlineData("~2019-12-08")]
    [InlineData("2019-12~-08")]
    public void TryParse_QualifierNotAtEnd_IsRejectedWithReason(string text) =>
        AssertRejected(text, "Qualifiers ?, ~ and % are only supported at the end of a whole date");

    [Theory]
    [InlineData("2020/2019")]
    [InlineData("2019-12-08/2019-12-07")]
    [InlineData("2019-12/2019-11-30")]
    [InlineData("202X/2019")]
    [InlineData("2019-12-08~/2019-12-07?")]
    public void TryParse_IntervalEndingBeforeItStarts_IsRejectedWithReason(string text) =>
        AssertRejectedExactly(text, "The interval ends before it starts.");

    [Theory]
    [InlineData("../..")]
    [InlineData("/")]
    [InlineData("../")]
    [InlineData("/..")]
    public void TryParse_IntervalWithBothEndsOpenOrUnknown_IsRejectedWithReason(string text) =>
        AssertRejected(text, "An interval needs at least one known end");

    [Theory]
    [InlineData("2019/2020/2021")]
    [InlineData("2019//2020")]
    [InlineData("//")]
    public void TryParse_MoreThanOneSlash_IsRejectedWithReason(string text) =>
        AssertRejectedExactly(text, "An interval must contain exactly one '/'.");

    [Fact]
    public void TryParse_OpenEndAlone_IsRejectedWithReason() =>
        AssertRejected("..", "An open end (..) is only allowed as one end of an interval");

    [Theory]
    [InlineData("2019-13/2020", "Start of interval: Month must be 01–12.")]
    [InlineData("2019/2019-02-29", "End of interval: '2019-02-29' is not a calendar date: February 2019 has 28 days.")]
    [InlineData("-1000/2000", "Start of interval: Negative years (BCE) are not supported; use a four-digit year.")]
    [InlineData("2019/..~", "End of interval: " + _expected)]
    [InlineData("2019/2020T10", "End of interval: Times are not supported; give a date only, e.g. 2019-12-08.")]
    public void TryParse_InvalidIntervalSide_NamesTheSideAndReason(string text, string message) =>
        AssertRejectedExactly(text, message);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("   ")]
    [InlineData("\t\r\n")]
    public void TryParse_NullEmptyOrWhitespace_IsRejectedWithExample(string? text) =>
        AssertRejectedExactly(text, _expected);

    [Theory]
    [InlineData("２０１９")]
    [InlineData("٢٠١٩")]
    [InlineData("2019\0")]
    [InlineData("\u0007")]
    [InlineData("2019\u200B")]
    [InlineData("2019-12-08\uD83D\uDE00")]
    [InlineData("\uD800")]
    [InlineData("2019\u0301")]
    public void TryParse_UnicodeOrControlCharacters_IsRejectedWithoutThrowing(string text) =>
        AssertRejected(text, string.Empty);

    [Fact]
    public void TryParse_HugeString_IsRejectedWithoutThrowing()
    {
        AssertRejectedExactly(new string('9', 1_000_000), _expected);
        AssertRejectedExactly("2019-12-08" + new string('~', 100_000), _expected);
        AssertRejectedExactly(string.Concat(Enumerable.Repeat("2019/", 10_000)), _expected);
    }

    // ---- Parse, equality, factories ----

    [Fact]
    public void Parse_ValidText_ReturnsSameValueAsTryParse()
    {
        Assert.True(EdtfDate.TryParse("2019-12-08~", out var viaTry, out _));

        var viaParse = EdtfDate.Parse("2019-12-08~");

        Assert.Equal(viaTry, viaParse);
        Assert.Equal("2019-12-08~", viaParse.Text);
    }

    [Theory]
    [InlineData("2019-02-30", "'2019-02-30' is not a calendar date: February 2019 has 28 days.")]
    [InlineData("2019-13", "Month must be 01–12.")]
    [InlineData("2020/2019", "The interval ends before it starts.")]
    [InlineData("", _expected)]
    public void Parse_InvalidText_ThrowsFormatExceptionWithReason(string text, string message)
    {
        var exception = Assert.Throws<FormatException>(() => EdtfDate.Parse(text));

        Assert.Equal(message, exception.Message);
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNullException() =>
        Assert.Throws<ArgumentNullException>(() => EdtfDate.Parse(null!));

    [Theory]
    [InlineData("2019-12-08")]
    [InlineData("201X~")]
    [InlineData("../2019-12")]
    public void ToString_ReturnsCanonicalText(string text) =>
        Assert.Equal(text, EdtfDate.Parse(text).ToString());

    [Fact]
    public void Equals_SameText_IsEqualWithSameHashCode()
    {
        var left = EdtfDate.Parse("2019-12/2020");
        var right = EdtfDate.Parse("2019-12/2020");

        Assert.NotSame(left, right);
        Assert.True(left.Equals(right));
        Assert.True(left.Equals((object)right));
        Assert.True(left == right);
        Assert.False(left != right);
        Assert.Equal(left.GetHashCode(), right.GetHashCode());
    }

    [Fact]
    public void Equals_SameBoundsButDifferentText_IsNotEqual()
    {
        var year = EdtfDate.Parse("2019");
        var yearWithUnspecifiedMonth = EdtfDate.Parse("2019-XX");

        Assert.Equal(year.Start, yearWithUnspecifiedMonth.Start);
        Assert.Equal(year.End, yearWithUnspecifiedMonth.End);
        Assert.NotEqual(year, yearWithUnspecifiedMonth);
        Assert.True(year != yearWithUnspecifiedMonth);
    }

    [Fact]
    public void Equals_NullOrOtherType_IsNotEqual()
    {
        var date = EdtfDate.Parse("2019");

        Assert.False(date.Equals(null));
        Assert.False(date.Equals((object?)"2019"));
        Assert.False(date == null);
        Assert.True((EdtfDate?)null == null);
    }

    [Theory]
    [InlineData(2019, 12, 8, "2019-12-08")]
    [InlineData(2020, 2, 29, "2020-02-29")]
    [InlineData(1, 1, 1, "0001-01-01")]
    [InlineData(9999, 12, 31, "9999-12-31")]
    [InlineData(950, 7, 4, "0950-07-04")]
    public void FromDay_AnyDay_IsUnqualifiedDayPrecisionValue(int year, int month, int day, string text)
    {
        var dayValue = new DateOnly(year, month, day);

        var date = EdtfDate.FromDay(dayValue);

        Assert.Equal(text, date.Text);
        Assert.Equal(dayValue, date.Start);
        Assert.Equal(dayValue, date.End);
        Assert.Equal(DatePrecision.Day, date.Precision);
        Assert.False(date.Approximate);
        Assert.False(date.Uncertain);
        Assert.False(date.IsInterval);
        Assert.Equal(EdtfDate.Parse(text), date);
    }

    // ---- Property-based tests ----

    [Property(Arbitrary = new[] { typeof(EdtfGenerators) }, MaxTest = 1000)]
    public void Parse_AnyValidValue_RoundTripsItsText(ValidEdtf sample)
    {
        var parsed = EdtfDate.Parse(sample.Text);
        var reparsed = EdtfDate.Parse(parsed.Text);

        Assert.Equal(sample.Text, parsed.Text);
        Assert.Equal(sample.Text, parsed.ToString());
        Assert.Equal(parsed, reparsed);
        Assert.Equal(parsed.GetHashCode(), reparsed.GetHashCode());
        Assert.Equal((parsed.Start, parsed.End, parsed.Precision), (reparsed.Start, reparsed.End, reparsed.Precision));
        Assert.Equal((parsed.Approximate, parsed.Uncertain, parsed.IsInterval), (reparsed.Approximate, reparsed.Uncertain, reparsed.IsInterval));
    }

    [Property(Arbitrary = new[] { typeof(EdtfGenerators) }, MaxTest = 1000)]
    public void TryParse_AnyValidValue_MatchesIndependentlyComputedBoundsAndFlags(ValidEdtf sample)
    {
        Assert.True(EdtfDate.TryParse(sample.Text, out var date, out var error), error);
        Assert.Null(error);

        Assert.Equal(sample.Start, date.Start);
        Assert.Equal(sample.End, date.End);
        Assert.Equal(sample.Precision, date.Precision);
        Assert.Equal(sample.Approximate, date.Approximate);
        Assert.Equal(sample.Uncertain, date.Uncertain);
        Assert.Equal(sample.IsInterval, date.IsInterval);
    }

    [Property(Arbitrary = new[] { typeof(EdtfGenerators) }, MaxTest = 1000)]
    public void TryParse_AnyValidValue_StartIsNotAfterEnd(ValidEdtf sample)
    {
        var date = EdtfDate.Parse(sample.Text);

        Assert.True(date.Start <= date.End, $"{date}: {date.Start} > {date.End}");
    }

    [Property(Arbitrary = new[] { typeof(EdtfGenerators) }, MaxTest = 1000)]
    public void TryParse_DayPrecisionDate_StartEqualsEnd(SingleEdtf sample)
    {
        var date = EdtfDate.Parse(sample.Value.Text);

        if (date.Precision == DatePrecision.Day)
        {
            Assert.Equal(date.Start, date.End);
        }
    }

    [Property(Arbitrary = new[] { typeof(EdtfGenerators) }, MaxTest = 1000)]
    public void TryParse_MonthPrecisionDate_SpansFirstToLastDayOfThatMonth(SingleEdtf sample)
    {
        var date = EdtfDate.Parse(sample.Value.Text);

        if (date.Precision == DatePrecision.Month)
        {
            AssertWholeMonth(date);
        }
    }

    [Property(Arbitrary = new[] { typeof(EdtfGenerators) }, MaxTest = 1000)]
    public void TryParse_DayPastEndOfMonth_IsAlwaysRejectedWithReason(InvalidDay sample)
    {
        var text = sample.Text + sample.Qualifier;

        Assert.False(EdtfDate.TryParse(text, out var date, out var error));
        Assert.Null(date);
        Assert.Equal(sample.ExpectedMessage, error);
        Assert.False(EdtfDate.TryParse("1000/" + text, out _, out var intervalError));
        Assert.Equal("End of interval: " + sample.ExpectedMessage, intervalError);
    }

    [Property(Arbitrary = new[] { typeof(EdtfGenerators) }, MaxTest = 1000)]
    public void TryParse_IntervalEndingBeforeItsStart_IsAlwaysRejected(ReversedInterval sample)
    {
        Assert.False(EdtfDate.TryParse(sample.Text, out var date, out var error));
        Assert.Null(date);
        Assert.Equal("The interval ends before it starts.", error);
    }

    [Property(MaxTest = 2000)]
    public void TryParse_ArbitraryString_NeverThrowsAndIsConsistent(string? text) =>
        AssertConsistentOutcome(text);

    [Property(Arbitrary = new[] { typeof(EdtfGenerators) }, MaxTest = 5000)]
    public void TryParse_NearlyValidString_NeverThrowsAndAcceptedValuesKeepInvariants(EdtfNoise noise) =>
        AssertConsistentOutcome(noise.Value);

    [Property(Arbitrary = new[] { typeof(EdtfGenerators) }, MaxTest = 500)]
    public void FromDay_AnyDay_EqualsParsedTextOfThatDay(DateOnly day)
    {
        var date = EdtfDate.FromDay(day);

        Assert.Equal(EdtfDate.Parse(date.Text), date);
        Assert.Equal(day, date.Start);
        Assert.Equal(day, date.End);
    }

    // ---- Helpers ----

    private static void AssertConsistentOutcome(string? text)
    {
        var accepted = EdtfDate.TryParse(text, out var date, out var error);

        if (!accepted)
        {
            Assert.Null(date);
            Assert.False(string.IsNullOrWhiteSpace(error));
            Assert.Throws<FormatException>(() => EdtfDate.Parse(text ?? string.Empty));
            return;
        }

        Assert.NotNull(date);
        Assert.Null(error);
        Assert.Equal(text, date.Text);
        Assert.True(date.Start <= date.End, $"{date}: {date.Start} > {date.End}");
        Assert.Equal(date.Approximate || date.Uncertain, text!.AsSpan().IndexOfAny('?', '~', '%') >= 0);
        if (!date.IsInterval && date.Precision == DatePrecision.Day)
        {
            Assert.Equal(date.Start, date.End);
        }

        if (!date.IsInterval && date.Precision == DatePrecision.Month)
        {
            AssertWholeMonth(date);
        }
    }

    private static void AssertWholeMonth(EdtfDate date)
    {
        Assert.Equal(1, date.Start.Day);
        Assert.Equal(date.Start.Year, date.End.Year);
        Assert.Equal(date.Start.Month, date.End.Month);
        Assert.Equal(DateTime.DaysInMonth(date.End.Year, date.End.Month), date.End.Day);
    }

    private static void AssertParses(
        string text,
        string start,
        string end,
        DatePrecision precision,
        bool approximate,
        bool uncertain,
        bool isInterval)
    {
        Assert.True(EdtfDate.TryParse(text, out var date, out var error), error);
        Assert.Null(error);
        Assert.Equal(text, date.Text);
        Assert.Equal(Day(start), date.Start);
        Assert.Equal(Day(end), date.End);
        Assert.Equal(precision, date.Precision);
        Assert.Equal(approximate, date.Approximate);
        Assert.Equal(uncertain, date.Uncertain);
        Assert.Equal(isInterval, date.IsInterval);
    }

    private static void AssertRejected(string? text, string fragment)
    {
        Assert.False(EdtfDate.TryParse(text, out var date, out var error));
        Assert.Null(date);
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Contains(fragment, error, StringComparison.Ordinal);
    }

    private static void AssertRejectedExactly(string? text, string message)
    {
        Assert.False(EdtfDate.TryParse(text, out var date, out var error));
        Assert.Null(date);
        Assert.Equal(message, error);
    }

    private static DateOnly Day(string text) =>
        DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>A valid EDTF string with bounds and flags computed independently of the parser.</summary>
public sealed record ValidEdtf(
    string Text,
    DateOnly Start,
    DateOnly End,
    DatePrecision Precision,
    bool Approximate,
    bool Uncertain,
    bool IsInterval);

/// <summary>A valid EDTF string that is not an interval.</summary>
public sealed record SingleEdtf(ValidEdtf Value);

/// <summary>A well-formed date whose day is past the end of its month, e.g. 2019-04-31.</summary>
public sealed record InvalidDay(string Text, string Qualifier, string ExpectedMessage);

/// <summary>An interval whose end side ends before its start side starts.</summary>
public sealed record ReversedInterval(string Text);

/// <summary>A string that is often close to valid EDTF: random EDTF characters, mutated valid values, or anything.</summary>
public sealed record EdtfNoise(string? Value);

/// <summary>FsCheck generators for <see cref="EdtfDate"/> property tests; bounds are computed without the parser.</summary>
public static class EdtfGenerators
{
    private static readonly string[] _qualifiers = ["", "?", "~", "%"];

    private static readonly string[] _monthNames =
    [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ];

    private static readonly char[] _noiseAlphabet =
        "0123456789XXX---///..??~~%%xTYZW: \t\u00A0\0٢２é".ToCharArray();

    public static Arbitrary<ValidEdtf> ValidValues() =>
        Gen.Frequency((1, SingleValues), (1, Intervals)).ToArbitrary();

    public static Arbitrary<SingleEdtf> SingleValuesOnly() =>
        SingleValues.Select(v => new SingleEdtf(v)).ToArbitrary();

    public static Arbitrary<InvalidDay> InvalidDays() =>
        (from year in Gen.Choose(1, 9999)
         from month in Gen.Elements(2, 4, 6, 9, 11)
         from day in Gen.Choose(DateTime.DaysInMonth(year, month) + 1, 31)
         from qualifier in Gen.Elements(_qualifiers)
         let text = $"{Pad(year, 4)}-{Pad(month, 2)}-{Pad(day, 2)}"
         select new InvalidDay(
             text,
             qualifier,
             $"'{text}' is not a calendar date: {_monthNames[month - 1]} {Pad(year, 4)} has {DateTime.DaysInMonth(year, month)} days."))
        .ToArbitrary();

    public static Arbitrary<ReversedInterval> ReversedIntervals() =>
        Gen.OneOf(
                // The end is the day just before the start side begins: the tightest invalid case.
                from start in SingleValues
                where start.Start > DateOnly.MinValue
                select new ReversedInterval($"{start.Text}/{DayText(start.Start.AddDays(-1))}"),
                from start in SingleValues
                from end in SingleValues
                where end.End < start.Start
                select new ReversedInterval($"{start.Text}/{end.Text}"))
            .ToArbitrary();

    public static Arbitrary<EdtfNoise> Noise() =>
        Gen.Frequency(
                (4, from length in Gen.Choose(0, 25)
                    from chars in Gen.ArrayOf(Gen.Elements(_noiseAlphabet), length)
                    select new string(chars)),
                (6, from value in Gen.Frequency((1, SingleValues), (1, Intervals))
                    from mutation in Gen.Choose(0, 2)
                    from position in Gen.Choose(0, value.Text.Length - 1)
                    from c in Gen.Elements(_noiseAlphabet)
                    select Mutate(value.Text, mutation, position, c)),
                (2, ArbMap.Default.GeneratorFor<string>()))
            .Select(s => new EdtfNoise(s))
            .ToArbitrary();

    public static Arbitrary<DateOnly> Days() =>
        Gen.Choose(DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber)
            .Select(DateOnly.FromDayNumber)
            .ToArbitrary();

    private static Gen<ValidEdtf> SingleValues =>
        from value in Gen.Frequency(
            (4, DayValues),
            (1, LeapDays),
            (3, MonthValues),
            (1, MonthsWithUnspecifiedDay),
            (3, YearValues),
            (1, YearsWithUnspecifiedMonth),
            (1, YearsWithUnspecifiedMonthAndDay),
            (1, Decades),
            (1, Centuries))
        from qualifier in Gen.Elements(_qualifiers)
        select value with
        {
            Text = value.Text + qualifier,
            Approximate = qualifier is "~" or "%",
            Uncertain = qualifier is "?" or "%",
        };

    private static Gen<ValidEdtf> Intervals =>
        Gen.Frequency(
            (4, from a in SingleValues
                from b in SingleValues
                select a.Start <= b.End ? Join(a, b) : Join(b, a)),
            (1, from a in SingleValues select Join(a, a)),
            // The end side ends on the very day the start side begins: the tightest valid case.
            (1, from a in SingleValues select Join(a, Single(DayText(a.Start), a.Start, a.Start, DatePrecision.Day))),
            // The start side is a day inside the end side (e.g. 2019-12-31/2019-12): valid though the end side starts earlier.
            (1, from outer in SingleValues
                from offset in Gen.Choose(0, outer.End.DayNumber - outer.Start.DayNumber)
                let day = outer.Start.AddDays(offset)
                select Join(Single(DayText(day), day, day, DatePrecision.Day), outer)),
            (2, from marker in Gen.Elements("..", "")
                from value in SingleValues
                select value with { Text = $"{marker}/{value.Text}", Start = DateOnly.MinValue, IsInterval = true }),
            (2, from marker in Gen.Elements("..", "")
                from value in SingleValues
                select value with { Text = $"{value.Text}/{marker}", End = DateOnly.MaxValue, IsInterval = true }));

    private static Gen<ValidEdtf> DayValues =>
        from year in Gen.Choose(1, 9999)
        from month in Gen.Choose(1, 12)
        from day in Gen.Choose(1, DateTime.DaysInMonth(year, month))
        let date = new DateOnly(year, month, day)
        select Single(DayText(date), date, date, DatePrecision.Day);

    private static Gen<ValidEdtf> LeapDays =>
        from quarter in Gen.Choose(1, 2499)
        where DateTime.IsLeapYear(quarter * 4)
        let date = new DateOnly(quarter * 4, 2, 29)
        select Single(DayText(date), date, date, DatePrecision.Day);

    private static Gen<ValidEdtf> MonthValues =>
        from year in Gen.Choose(1, 9999)
        from month in Gen.Choose(1, 12)
        select Single(
            $"{Pad(year, 4)}-{Pad(month, 2)}",
            new DateOnly(year, month, 1),
            new DateOnly(year, month, DateTime.DaysInMonth(year, month)),
            DatePrecision.Month);

    private static Gen<ValidEdtf> MonthsWithUnspecifiedDay =>
        MonthValues.Select(v => v with { Text = v.Text + "-XX" });

    private static Gen<ValidEdtf> YearValues =>
        from year in Gen.Choose(1, 9999)
        select Single(Pad(year, 4), new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), DatePrecision.Year);

    private static Gen<ValidEdtf> YearsWithUnspecifiedMonth =>
        YearValues.Select(v => v with { Text = v.Text + "-XX" });

    private static Gen<ValidEdtf> YearsWithUnspecifiedMonthAndDay =>
        YearValues.Select(v => v with { Text = v.Text + "-XX-XX" });

    private static Gen<ValidEdtf> Decades =>
        from prefix in Gen.Choose(1, 999)
        select Single(
            Pad(prefix, 3) + "X",
            new DateOnly(prefix * 10, 1, 1),
            new DateOnly((prefix * 10) + 9, 12, 31),
            DatePrecision.Decade);

    private static Gen<ValidEdtf> Centuries =>
        from prefix in Gen.Choose(1, 99)
        select Single(
            Pad(prefix, 2) + "XX",
            new DateOnly(prefix * 100, 1, 1),
            new DateOnly((prefix * 100) + 99, 12, 31),
            DatePrecision.Century);

    private static ValidEdtf Single(string text, DateOnly start, DateOnly end, DatePrecision precision) =>
        new(text, start, end, precision, Approximate: false, Uncertain: false, IsInterval: false);

    private static ValidEdtf Join(ValidEdtf first, ValidEdtf last) =>
        new(
            $"{first.Text}/{last.Text}",
            first.Start,
            last.End,
            first.Precision > last.Precision ? first.Precision : last.Precision,
            first.Approximate || last.Approximate,
            first.Uncertain || last.Uncertain,
            IsInterval: true);

    private static string Mutate(string text, int mutation, int position, char c) => mutation switch
    {
        0 => text.Insert(position, c.ToString()),
        1 => text.Remove(position, 1),
        _ => string.Concat(text.AsSpan(0, position), c.ToString(), text.AsSpan(position + 1)),
    };

    private static string DayText(DateOnly date) =>
        $"{Pad(date.Year, 4)}-{Pad(date.Month, 2)}-{Pad(date.Day, 2)}";

    private static string Pad(int value, int width) =>
        value.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
}
