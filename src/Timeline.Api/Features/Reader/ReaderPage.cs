namespace Timeline.Api.Features.Reader;

/// <summary>A step of a page's breadcrumb trail; the last one is the page itself and has no link.</summary>
/// <param name="Text">What the step says.</param>
/// <param name="Href">Where it links, or null for the page itself.</param>
/// <param name="IsContent">True when the text is stored text (a timeline's title) rather than an interface word.</param>
/// <param name="Language">The language of stored text when chosen for the reader (else the content's).</param>
public sealed record Crumb(string Text, string? Href, bool IsContent = false, string? Language = null);

/// <summary>A link to the same thing as data: its label, where it is and its media type.</summary>
public sealed record DataLink(string Label, string Href, string MediaType);

/// <summary>A group of data links under one heading ("This event", "Timeline “Union State”").</summary>
public sealed record DataGroup(string Heading, IReadOnlyList<DataLink> Links);

/// <summary>
/// The frame of a public page: skip link, breadcrumb trail, the main content, and at the end the links to the same
/// thing as JSON, CSV, Atom and iCalendar. A new kind of page (a treaty) writes only its own content between
/// <see cref="Begin"/> and <see cref="End"/>.
/// </summary>
public static class ReaderPage
{
    public static void Begin(HtmlWriter html, ReaderContext context, PageHead head, string theme, IReadOnlyList<Crumb> crumbs)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(crumbs);
        var t = context.Text;
        ReaderLayout.Begin(html, context, head, theme, "tl-page");
        html.Append($"<a class=\"tl-skip\" href=\"#main\">{t["Page.SkipToContent"]}</a>\n");
        html.Append($"<nav class=\"tl-crumbs\" aria-label=\"{t["Page.Breadcrumb"]}\"><ol>\n");
        foreach (var crumb in crumbs)
        {
            var lang = !crumb.IsContent ? Markup.Empty : crumb.Language is { } language ? context.LangFor(language) : context.ContentLang;
            if (crumb.Href is null)
                html.Append($"<li><span aria-current=\"page\"{lang}>{crumb.Text}</span></li>\n");
            else
                html.Append($"<li><a href=\"{crumb.Href}\"{lang}>{crumb.Text}</a></li>\n");
        }

        html.Append($"</ol></nav>\n<main id=\"main\" class=\"tl\">\n");
    }

    public static void End(HtmlWriter html, ReaderContext context, IReadOnlyList<DataGroup> data)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        var t = context.Text;
        html.Append($"<section class=\"tl-data\" aria-labelledby=\"tl-data-title\">\n<h2 id=\"tl-data-title\">{t["Data.Heading"]}</h2>\n");
        foreach (var group in data)
        {
            html.Append($"<h3>{group.Heading}</h3>\n<ul class=\"tl-links\">\n");
            foreach (var link in group.Links)
                html.Append($"<li><a href=\"{link.Href}\" type=\"{ReaderLayout.MediaType(link.MediaType)}\">{link.Label}</a></li>\n");
            html.Append($"</ul>\n");
        }

        html.Append($"</section>\n</main>\n");
        ReaderLayout.End(html);
    }

    /// <summary>A section of a page with its heading.</summary>
    public static void Section(HtmlWriter html, string id, string heading, Action body)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(body);
        html.Append($"<section aria-labelledby=\"{id}\">\n<h2 id=\"{id}\">{heading}</h2>\n");
        body();
        html.Append($"</section>\n");
    }
}
