using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Reader;

/// <summary>Markup already written safely (by this writer or from a constant); the one type a hole does not encode.</summary>
public readonly record struct Markup(string Html)
{
    public static Markup Empty { get; } = new("");

    public override string ToString() => Html;
}

/// <summary>
/// Builds the reader pages. Every hole of an interpolated <see cref="Append"/> is HTML-encoded unless it is
/// <see cref="Markup"/>: stored text (titles, summaries, source titles) cannot become markup by forgetting to encode it.
/// </summary>
public sealed class HtmlWriter
{
    private readonly StringBuilder _html = new(32 * 1024);

    internal StringBuilder Builder => _html;

    public HtmlWriter Append([InterpolatedStringHandlerArgument("")] ref HtmlInterpolation html)
    {
        _ = html;
        return this;
    }

    /// <summary>Markup written elsewhere (a constant, or another writer's output).</summary>
    public HtmlWriter Raw(Markup markup)
    {
        _html.Append(markup.Html);
        return this;
    }

    public Markup ToMarkup() => new(_html.ToString());

    public override string ToString() => _html.ToString();
}

/// <summary>The interpolation handler of <see cref="HtmlWriter.Append"/>: literals as written, holes encoded.</summary>
[InterpolatedStringHandler]
public readonly ref struct HtmlInterpolation
{
    private readonly StringBuilder _html;

    public HtmlInterpolation(int literalLength, int formattedCount, HtmlWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _ = literalLength + formattedCount;
        _html = writer.Builder;
    }

    public void AppendLiteral(string literal) => _html.Append(literal);

    public void AppendFormatted(string? text) => _html.Append(HtmlText.Encode(text));

    public void AppendFormatted(Markup markup) => _html.Append(markup.Html);

    public void AppendFormatted(int number) => _html.Append(number.ToString(CultureInfo.InvariantCulture));

    public void AppendFormatted(double number) => _html.Append(number.ToString("0.###", CultureInfo.InvariantCulture));
}
