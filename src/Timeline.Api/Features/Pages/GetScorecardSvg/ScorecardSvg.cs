using System.Globalization;
using System.Text;
using System.Xml;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Reader;

namespace Timeline.Api.Features.Pages.GetScorecardSvg;

/// <summary>
/// The status picture as a standalone SVG document, written with <see cref="XmlWriter"/> (so it is well-formed XML
/// whatever a title holds). Colours are presentation attributes, not a stylesheet: an SVG used as an image loads
/// nothing, and its CSP forbids everything. The colours are widget.css's.
/// </summary>
public static class ScorecardSvg
{
    public const int Width = 600;
    public const int Height = 315;
    private const int Margin = 24;
    private const string Font = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

    private sealed record Palette(string Background, string Text, string Muted, string Track, IReadOnlyDictionary<string, string> Status);

    private static readonly Palette Light = new("#ffffff", "#1a1a1a", "#4a4a4a", "#f4f6f8", new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["materialised"] = "#1e6b34", ["partially-materialised"] = "#5b6f00", ["in-progress"] = "#0b5cad",
        ["not-started"] = "#5f5f5f", ["stalled"] = "#9a4a00", ["abandoned"] = "#b3261e", ["unassessed"] = "#8a8a8a",
    });

    private static readonly Palette Dark = new("#121212", "#f0f0f0", "#c4c4c4", "#1e2226", new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["materialised"] = "#7bd88f", ["partially-materialised"] = "#c8d96a", ["in-progress"] = "#8cc4ff",
        ["not-started"] = "#b0b0b0", ["stalled"] = "#ffb366", ["abandoned"] = "#ff8a80", ["unassessed"] = "#8a8a8a",
    });

    /// <param name="text">The interface language: the picture's <c>lang</c>, its headline, date and legend.</param>
    /// <param name="title">The timeline's title, written in <paramref name="contentLanguage"/>.</param>
    /// <param name="contentLanguage">The timeline's language, marked on the title where it differs from the interface's.</param>
    /// <param name="statuses">Every commitment's status on the day.</param>
    /// <param name="asOf">The day counted on, or null for today.</param>
    /// <param name="today">Today.</param>
    /// <param name="dark">The dark palette.</param>
    public static byte[] Render(ReaderText text, string title, string contentLanguage, IReadOnlyList<CommitmentStatus?> statuses, DateOnly? asOf, DateOnly today, bool dark)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(statuses);
        var palette = dark ? Dark : Light;
        var counts = ReaderMarkup.BarOrder.ToDictionary(ReaderText.StatusKey, s => statuses.Count(x => x == s), StringComparer.Ordinal);
        var headline = text.Format("Status.Headline", text.Number(counts["materialised"]), text.Number(statuses.Count));
        var when = asOf is { } day ? text.Format("Svg.AsOf", text.Day(day)) : text.Format("Svg.Current", text.Day(today));
        var label = ReaderMarkup.BarLabel(text, counts, statuses.Count);
        title = XmlCharacters.Safe(title);

        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("svg", "http://www.w3.org/2000/svg");
            Attributes(xml, ("width", Number(Width)), ("height", Number(Height)), ("viewBox", $"0 0 {Width} {Height}"),
                ("role", "img"), ("aria-labelledby", "title desc"), ("lang", text.Language));
            Element(xml, "title", $"{title}: {headline}", ("id", "title"));
            Element(xml, "desc", $"{when}. {label}.", ("id", "desc"));
            Element(xml, "rect", null, ("width", Number(Width)), ("height", Number(Height)), ("fill", palette.Background));

            Text(xml, text["Site.Name"], Margin, 38, 15, palette.Muted, bold: false);
            var lines = Wrap(title, 22, 2);
            var foreign = !string.Equals(contentLanguage, text.Language, StringComparison.OrdinalIgnoreCase);
            if (foreign)
            {
                xml.WriteStartElement("g");
                xml.WriteAttributeString("lang", contentLanguage);
            }

            for (var i = 0; i < lines.Count; i++)
                Text(xml, lines[i], Margin, 70 + (i * 28), 22, palette.Text, bold: true);
            if (foreign)
                xml.WriteEndElement();
            var top = 70 + (lines.Count * 28) + 18;
            Text(xml, headline, Margin, top, 28, palette.Text, bold: true);
            Text(xml, when, Margin, top + 26, 15, palette.Muted, bold: false);

            var barTop = top + 42;
            const int barWidth = Width - (2 * Margin);
            Element(xml, "rect", null, ("x", Number(Margin)), ("y", Number(barTop)), ("width", Number(barWidth)), ("height", "26"), ("rx", "3"), ("fill", palette.Track));
            double x = Margin;
            foreach (var status in ReaderMarkup.BarOrder)
            {
                var key = ReaderText.StatusKey(status);
                if (counts[key] == 0)
                    continue;
                var width = (double)barWidth * counts[key] / statuses.Count;
                Element(xml, "rect", null, ("x", Number(x)), ("y", Number(barTop)), ("width", Number(width)), ("height", "26"),
                    ("fill", palette.Status[key]), ("stroke", palette.Background), ("stroke-width", "1"));
                x += width;
            }

            // Legend: two columns, every status (zero counts too: "0 materialised" is the news), unassessed only when some are.
            var entries = ReaderMarkup.BarOrder.Where(s => s is not null || counts["unassessed"] > 0).ToList();
            var rows = (entries.Count + 1) / 2;
            for (var i = 0; i < entries.Count; i++)
            {
                var key = ReaderText.StatusKey(entries[i]);
                var column = i / rows;
                var ex = Margin + (column * (barWidth / 2));
                var ey = barTop + 48 + ((i % rows) * 22);
                Element(xml, "rect", null, ("x", Number(ex)), ("y", Number(ey - 11)), ("width", "12"), ("height", "12"), ("rx", "2"), ("fill", palette.Status[key]));
                Text(xml, $"{text.Status(entries[i])}: {text.Number(counts[key])}", ex + 18, ey, 15, palette.Text, bold: false);
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return buffer.ToArray();
    }

    private static void Text(XmlWriter xml, string content, double x, double y, int size, string fill, bool bold)
    {
        xml.WriteStartElement("text");
        Attributes(xml, ("x", Number(x)), ("y", Number(y)), ("font-family", Font), ("font-size", Number(size)), ("fill", fill));
        if (bold)
            xml.WriteAttributeString("font-weight", "700");
        // Squeeze a line that would run past the right margin rather than let it be cut off.
        if (EstimatedWidth(content, size) > Width - x - Margin)
            Attributes(xml, ("textLength", Number(Width - x - Margin)), ("lengthAdjust", "spacingAndGlyphs"));
        xml.WriteString(content);
        xml.WriteEndElement();
    }

    private static void Element(XmlWriter xml, string name, string? content, params (string Name, string Value)[] attributes)
    {
        xml.WriteStartElement(name);
        Attributes(xml, attributes);
        if (content is not null)
            xml.WriteString(content);
        xml.WriteEndElement();
    }

    private static void Attributes(XmlWriter xml, params (string Name, string Value)[] attributes)
    {
        foreach (var (name, value) in attributes)
            xml.WriteAttributeString(name, value);
    }

    /// <summary>Words into at most <paramref name="maxLines"/> lines that fit the width; the last one ends in "…" if cut.</summary>
    private static List<string> Wrap(string text, int size, int maxLines)
    {
        var available = Width - (2 * Margin);
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : $"{line} {word}";
            if (line.Length > 0 && EstimatedWidth(candidate, size) > available)
            {
                if (lines.Count == maxLines - 1)
                {
                    lines.Add(line + " …");
                    return lines;
                }

                lines.Add(line.ToString());
                line.Clear().Append(word);
            }
            else
            {
                line.Clear().Append(candidate);
            }
        }

        if (line.Length > 0)
            lines.Add(line.ToString());
        return lines;
    }

    /// <summary>An average system-ui glyph is about 0.56 em wide: close enough to decide where to wrap.</summary>
    private static double EstimatedWidth(string text, int size) => text.Length * size * 0.56;

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
