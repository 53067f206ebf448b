using FastEndpoints;
using FluentValidation;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Reader;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Pages;

/// <summary>What every public page takes.</summary>
public abstract class PageRequest
{
    public string Slug { get; set; } = "";

    /// <summary><c>auto</c> (the default: the reader's system setting), <c>light</c> or <c>dark</c>.</summary>
    [QueryParam]
    public string? Theme { get; set; }

    /// <summary>
    /// The interface language: <c>be</c>, <c>ru</c> or <c>en</c> (a BCP 47 tag; <c>be-BY</c> is <c>be</c>). Beats
    /// <c>Accept-Language</c>; absent or not available, the timeline's own language is used if the interface exists in it,
    /// else English, and a tag that is well formed but not available is answered with a <c>Timeline-Language-Fallback</c>
    /// header naming it. The response's <c>Content-Language</c> says which was used. Stored texts (titles, summaries, names)
    /// are in the language asked for (this, else <c>Accept-Language</c>) where translated, else in the record's original
    /// language, else English; each carries its own <c>lang</c> where it differs from the page's.
    /// </summary>
    [QueryParam]
    public string? Lang { get; set; }

    public string ThemeOrDefault => string.IsNullOrEmpty(Theme) ? ReaderLayout.Auto : Theme;
}

/// <summary>A page that shows statuses, as of today or of a date.</summary>
public abstract class AsOfPageRequest : PageRequest
{
    /// <summary>Show statuses as recorded up to this EDTF date (its last day); empty or absent: today.</summary>
    [QueryParam]
    public EdtfDate? AsOf { get; set; }

    /// <summary>The day asked for, or null for everything recorded.</summary>
    public DateOnly? AsOfDay => AsOf is null ? null : DateQuery.AsOf(AsOf);
}

public abstract class PageValidator<TRequest> : Validator<TRequest> where TRequest : PageRequest
{
    protected PageValidator()
    {
        RuleFor(r => r.Theme).Must(t => string.IsNullOrEmpty(t) || ReaderLayout.Themes.Contains(t))
            .WithMessage($"theme must be one of: {string.Join(", ", ReaderLayout.Themes)}.");
        RuleFor(r => r.Lang).MustBeLanguageTag();
    }
}

/// <summary>What every public page endpoint shares.</summary>
public static class PageEndpoints
{
    public const string ContentType = OutputMediaTypes.Html + "; charset=utf-8";
    public const string Tag = "pages";
}
