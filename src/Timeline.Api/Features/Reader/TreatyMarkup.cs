using Timeline.Api.Domain;
using Timeline.Api.Features.Treaties;

namespace Timeline.Api.Features.Reader;

/// <summary>
/// The readers' view of treaties: for each one its force on the day, and a table of parties × actions (signature,
/// ratification, entry into force, anything else) with each action's date, the body that acted and its sources. A real
/// table with a caption and header cells, in a focusable scroll region so that it reads on a phone.
/// </summary>
public static class TreatyMarkup
{
    /// <summary>The table's action columns: which kinds each gathers.</summary>
    private static readonly (string Key, Func<TreatyActionKind, bool> Holds)[] Columns =
    [
        ("signature", k => k == TreatyActionKind.Signature),
        ("consent", TreatyRecord.IsConsent),
        ("in-force", k => k == TreatyActionKind.EntryIntoForce),
        ("other", k => k is not TreatyActionKind.Signature and not TreatyActionKind.EntryIntoForce && !TreatyRecord.IsConsent(k)),
    ];

    public static void Treaties(HtmlWriter html, ReaderContext context, IReadOnlyList<Treaty> treaties, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(treaties);
        var t = context.Text;
        html.Append($"<section class=\"tl-treaties\" aria-labelledby=\"tl-treaties-title\">\n<h2 id=\"tl-treaties-title\">{t["Treaties.Heading"]}</h2>\n");
        if (treaties.Count == 0)
            html.Append($"<p class=\"tl-empty\">{t["Treaties.None"]}</p>\n");
        foreach (var treaty in treaties)
            Treaty(html, context, treaty, day);
        html.Append($"</section>\n");
    }

    private static void Treaty(HtmlWriter html, ReaderContext context, Treaty treaty, DateOnly day)
    {
        var t = context.Text;
        var standing = new TreatyStanding(treaty, day);
        var id = $"tl-treaty-{treaty.Slug}";
        html.Append($"<article class=\"tl-treaty\" data-slug=\"{treaty.Slug}\" aria-labelledby=\"{id}\">\n<h3 id=\"{id}\"{context.ContentLang}>{treaty.Title}</h3>\n");
        html.Append($"<p class=\"tl-treaty-force\" data-in-force=\"{(standing.Force.InForce ? "true" : "false")}\">");
        if (treaty.SignedText is not null)
        {
            var signed = t["Treaty.Signed"].Split("{0}", 2);
            html.Append($"{signed[0]}");
            ReaderMarkup.Time(html, context, EdtfDate.Parse(treaty.SignedText));
            html.Append($"{signed[^1]}. ");
        }

        if (standing.Force.Since is { } since)
        {
            var sinceAction = treaty.Actions.Single(a => a.Id == since.Id);
            var words = t[standing.Force.Provisional ? "Treaty.ProvisionalSince" : "Treaty.InForceSince"].Split("{0}", 2);
            html.Append($"<strong>{words[0]}");
            ReaderMarkup.Time(html, context, EdtfDate.Parse(sinceAction.DateText));
            html.Append($"{words[^1]}</strong>");
            SourceLinks(html, context, sinceAction);
        }
        else
        {
            html.Append($"<strong>{t["Treaty.NotInForce"]}</strong>");
        }

        html.Append($"</p>\n");
        html.Append($"<div class=\"tl-table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"{id}\">\n<table class=\"tl-treaty-table\">\n");
        html.Append($"<caption>{t["Treaty.Table"]}</caption>\n<thead><tr><th scope=\"col\">{t["Treaty.Party"]}</th><th scope=\"col\">{t["Treaty.Status"]}</th>");
        foreach (var (key, _) in Columns)
            html.Append($"<th scope=\"col\">{t[$"Treaty.Column.{key}"]}</th>");
        html.Append($"</tr></thead>\n<tbody>\n");
        foreach (var party in treaty.Parties.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var status = standing.StatusOf(party).Status;
            var name = context.Texts.Choose("name", party.Name, party.Language, party.Translations);
            html.Append($"<tr data-party=\"{party.Slug}\"><th scope=\"row\"{context.LangOf(name)}>{name.Text}</th>");
            html.Append($"<td class=\"tl-party-status\" data-status=\"{Kebab.ToValue(status)}\">{t[$"PartyStatus.{Kebab.ToValue(status)}"]}</td>");
            var actions = standing.Actions.Where(a => a.PartyId == party.Id && standing.Counts(a)).ToList();
            foreach (var (_, holds) in Columns)
            {
                html.Append($"<td>");
                var cell = actions.Where(a => holds(a.Kind)).ToList();
                if (cell.Count == 0)
                    html.Append($"—");
                foreach (var action in cell)
                    Action(html, context, action);
                html.Append($"</td>");
            }

            html.Append($"</tr>\n");
        }

        html.Append($"</tbody>\n</table>\n</div>\n</article>\n");
    }

    private static void Action(HtmlWriter html, ReaderContext context, TreatyAction action)
    {
        var t = context.Text;
        html.Append($"<p class=\"tl-action\" data-kind=\"{Kebab.ToValue(action.Kind)}\">");
        if (action.Kind is not (TreatyActionKind.Signature or TreatyActionKind.Ratification or TreatyActionKind.EntryIntoForce))
            html.Append($"{t[$"TreatyAction.{Kebab.ToValue(action.Kind)}"]}: ");
        ReaderMarkup.Time(html, context, EdtfDate.Parse(action.DateText));
        if (action.Body is not null)
            html.Append($" <span class=\"tl-body\"{context.ContentLang}>({action.Body})</span>");
        SourceLinks(html, context, action);
        html.Append($"</p>");
    }

    /// <summary>Each source as a short link; its title, publisher and date are the link's title.</summary>
    private static void SourceLinks(HtmlWriter html, ReaderContext context, TreatyAction action)
    {
        foreach (var source in action.Sources.OrderBy(s => s.Url, StringComparer.Ordinal))
        {
            var title = string.Join(", ", new[] { source.Publisher, source.Title, source.PublishedText }.Where(x => x is not null));
            html.Append($" <a class=\"tl-source-link\" href=\"{source.Url}\" title=\"{title}\" target=\"_blank\" rel=\"noopener\">{context.Text["Treaty.Source"]}</a>");
        }
    }
}
