using CsvHelper;
using Timeline.Api.Features.Common;

namespace Timeline.Api.Features.Exports;

/// <summary>RFC 4180 CSV the way spreadsheets open it safely.</summary>
public static class CsvExport
{
    /// <summary>
    /// CRLF records, quoted only when needed, and any text cell a spreadsheet would run as a formula prefixed with <c>'</c>
    /// (see <see cref="Defuse"/>): a title such as <c>=HYPERLINK(...)</c> from a data file must not run in Excel or Sheets.
    /// A UTF-8 byte order mark makes Excel read Cyrillic and accented names correctly; CSV readers skip it.
    /// </summary>
    public static readonly CsvWriterOptions Options = new()
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
    };

    public const string ContentType = OutputMediaTypes.Csv + "; charset=utf-8; header=present";

    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<string?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        using var buffer = new MemoryStream();
        using (var writer = CsvWriter.Create(buffer, Options, leaveOpen: true))
        {
            writer.WriteHeader([.. header]);
            foreach (var row in rows)
                writer.WriteRecord([.. row.Select(Defuse)]);
        }

        return buffer.ToArray();
    }

    /// <summary>The characters that start a formula, ASCII and fullwidth (Excel reads <c>＝</c> as <c>=</c>).</summary>
    private static readonly System.Buffers.SearchValues<char> FormulaStart = System.Buffers.SearchValues.Create("=+-@\uFF1D\uFF0B\uFF0D\uFF20");

    /// <summary>Whitespace a spreadsheet skips before it looks for a formula.</summary>
    private const string LeadingWhitespace = " \t\r\n\u00A0\u3000";

    /// <summary>
    /// A text cell a spreadsheet would run as a formula gets a leading <c>'</c>: one that starts with a formula character
    /// (ASCII or fullwidth), with a tab, CR or LF, or with whitespace before a formula character (<c>"  =1+1"</c>).
    /// The writer's own injection escape covers only the first character of the ASCII set.
    /// </summary>
    public static string? Defuse(string? cell)
    {
        if (string.IsNullOrEmpty(cell))
            return cell;
        var rest = cell.AsSpan().TrimStart(LeadingWhitespace);
        var dangerous = cell[0] is '\t' or '\r' or '\n' || (rest.Length > 0 && FormulaStart.Contains(rest[0]));
        return dangerous ? "'" + cell : cell;
    }
}
