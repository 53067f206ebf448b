namespace Timeline.Api.Domain;

/// <summary>
/// An EDTF date as stored: the original text plus its earliest and latest possible day, so that
/// range filters and sorting are exact. Precision and qualifiers are re-derived from the text.
/// </summary>
public interface IDated
{
    string DateText { get; set; }
    DateOnly DateStart { get; set; }
    DateOnly DateEnd { get; set; }
}

public static class DatedExtensions
{
    public static void SetDate(this IDated dated, EdtfDate date)
    {
        ArgumentNullException.ThrowIfNull(dated);
        ArgumentNullException.ThrowIfNull(date);
        dated.DateText = date.Text;
        dated.DateStart = date.Start;
        dated.DateEnd = date.End;
    }
}
