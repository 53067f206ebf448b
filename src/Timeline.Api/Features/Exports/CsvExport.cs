using CsvHelper;

namespace Timeline.Api.Features.Exports;

/// <summary>RFC 4180 CSV the way spreadsheets open it safely.</summary>
public static class CsvExport
{
    /// <summary>
    /// CRLF records, quoted only when needed, and any text cell starting with <c>= + - @</c>, tab or CR prefixed with
    /// <c>'</c>: a title such as <c>=HYPERLINK(...)</c> from a data file must not run as a formula in Excel or Sheets.
    /// A UTF-8 byte order mark makes Excel read Cyrillic and accented names correctly; CSV readers skip it.
    /// </summary>
    public static readonly CsvWriterOptions Options = new()
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
    };

    public const string ContentType = ExportMediaTypes.Csv + "; charset=utf-8; header=present";

    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<string?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        using var buffer = new MemoryStream();
        using (var writer = CsvWriter.Create(buffer, Options, leaveOpen: true))
        {
            writer.WriteHeader([.. header]);
            foreach (var row in rows)
                writer.WriteRecord(row!);
        }

        return buffer.ToArray();
    }
}
