using FastEndpoints;
using FluentValidation;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Reader;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Embed.GetEmbed;

public sealed class GetEmbedRequest
{
    public string Slug { get; set; } = "";

    /// <summary>Only events that may end on or after this EDTF date.</summary>
    [QueryParam]
    public EdtfDate? From { get; set; }

    /// <summary>Only events that may start on or before this EDTF date.</summary>
    [QueryParam]
    public EdtfDate? To { get; set; }

    /// <summary>Only events with this tag.</summary>
    [QueryParam]
    public string? Tag { get; set; }

    /// <summary><c>light</c> (the default), <c>dark</c>, or <c>auto</c> (the reader's system setting).</summary>
    [QueryParam]
    public string? Theme { get; set; }

    /// <summary><c>both</c> (the default), <c>timeline</c> (events only), <c>scorecard</c> (commitments only) or <c>treaties</c> (each treaty's parties × actions table).</summary>
    [QueryParam]
    public string? View { get; set; }

    /// <summary>Show each commitment's status (and each treaty party's) as recorded up to this EDTF date (its last day); empty or absent: today.</summary>
    [QueryParam]
    public EdtfDate? AsOf { get; set; }

    /// <summary>
    /// Open at this point of the story, showing a short window of events from there (earlier and later ones behind a
    /// disclosure): an EDTF date (the first event on or after it), an event slug, or <c>latest</c> (the most recent event).
    /// </summary>
    [QueryParam]
    public string? Start { get; set; }

    /// <summary>
    /// The interface language: <c>be</c>, <c>ru</c> or <c>en</c> (a BCP 47 tag; <c>be-BY</c> is <c>be</c>). Beats
    /// <c>Accept-Language</c>; absent or not available, the timeline's own language is used if the interface exists in it,
    /// else English (an unavailable tag is named in a <c>Timeline-Language-Fallback</c> header). <c>Content-Language</c> says
    /// which was used. Stored texts (titles, summaries, names) are in the language asked for (this, else <c>Accept-Language</c>)
    /// where translated, else in the record's original language, else English; each carries its own <c>lang</c> where it
    /// differs from the page's.
    /// </summary>
    [QueryParam]
    public string? Lang { get; set; }
}

/// <summary>The sections of the widget a <c>view</c> shows. A new section (e.g. treaties) is a flag and a name here.</summary>
[Flags]
public enum EmbedView
{
    None = 0,
    Events = 1,
    Scorecard = 2,
    Treaties = 4,
}

public static class EmbedViews
{
    public const string Default = "both";

    public static IReadOnlyDictionary<string, EmbedView> ByName { get; } = new Dictionary<string, EmbedView>(StringComparer.Ordinal)
    {
        ["both"] = EmbedView.Events | EmbedView.Scorecard,
        ["timeline"] = EmbedView.Events,
        ["scorecard"] = EmbedView.Scorecard,
        ["treaties"] = EmbedView.Treaties,
    };

    public static EmbedView Parse(string? view) => ByName.GetValueOrDefault(view ?? Default);
}

/// <summary>How <c>start</c> reads: <c>latest</c>, else an EDTF date, else an event slug.</summary>
public static partial class EmbedStart
{
    public const string Latest = "latest";

    public static bool IsValid(string? start) =>
        string.IsNullOrEmpty(start) || start == Latest || EdtfDate.TryParse(start, out EdtfDate? _, out string? _) || IsSlug(start);

    private static bool IsSlug(string text) => text.Length <= 120 && Slug().IsMatch(text);

    [System.Text.RegularExpressions.GeneratedRegex(Slugs.Pattern)]
    private static partial System.Text.RegularExpressions.Regex Slug();

    /// <summary>The index the window opens at, or null when the slug is not among the events shown.</summary>
    public static int? IndexOf(IReadOnlyList<ReaderEvent> events, string start, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
            return 0;
        if (start == Latest)
        {
            var last = events.Count - 1;
            while (last > 0 && events[last].Date.Start > today)
                last--;
            return last;
        }

        if (EdtfDate.TryParse(start, out EdtfDate? date, out string? _))
        {
            for (var i = 0; i < events.Count; i++)
            {
                if (events[i].Date.Start >= date.Start)
                    return i;
            }

            return events.Count - 1;
        }

        for (var i = 0; i < events.Count; i++)
        {
            if (string.Equals(events[i].Event.Slug, start, StringComparison.Ordinal))
                return i;
        }

        return null;
    }
}

public sealed class GetEmbedValidator : Validator<GetEmbedRequest>
{
    public GetEmbedValidator()
    {
        RuleFor(r => r.To).MustNotEndBefore(r => r.From);
        RuleFor(r => r.Tag).MaximumLength(120);
        RuleFor(r => r.Theme).Must(t => t is null || ReaderLayout.Themes.Contains(t))
            .WithMessage($"theme must be one of: {string.Join(", ", ReaderLayout.Themes)}.");
        RuleFor(r => r.View).Must(v => v is null || EmbedViews.ByName.ContainsKey(v))
            .WithMessage($"view must be one of: {string.Join(", ", EmbedViews.ByName.Keys)}.");
        RuleFor(r => r.Start).Must(EmbedStart.IsValid)
            .WithMessage("start must be an EDTF date (2019-12-08), an event slug or latest.");
        RuleFor(r => r.Lang).MustBeLanguageTag();
    }
}
