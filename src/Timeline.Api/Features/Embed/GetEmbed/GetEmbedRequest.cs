using FastEndpoints;
using FluentValidation;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Embed.GetEmbed;

public sealed class GetEmbedRequest
{
    public string Slug { get; set; } = "";

    /// <summary>Only events that may end on or after this EDTF date.</summary>
    [QueryParam]
    public string? From { get; set; }

    /// <summary>Only events that may start on or before this EDTF date.</summary>
    [QueryParam]
    public string? To { get; set; }

    /// <summary>Only events with this tag.</summary>
    [QueryParam]
    public string? Tag { get; set; }

    /// <summary><c>light</c> (the default) or <c>dark</c>.</summary>
    [QueryParam]
    public string? Theme { get; set; }

    /// <summary><c>both</c> (the default), <c>timeline</c> (events only) or <c>scorecard</c> (commitments only).</summary>
    [QueryParam]
    public string? View { get; set; }
}

public sealed class GetEmbedValidator : Validator<GetEmbedRequest>
{
    public GetEmbedValidator()
    {
        RuleFor(r => r.From).MustBeEdtf();
        RuleFor(r => r.To).MustBeEdtf();
        RuleFor(r => r.Tag).MaximumLength(120);
        RuleFor(r => r.Theme).Must(t => t is null or "light" or "dark").WithMessage("theme must be light or dark.");
        RuleFor(r => r.View).Must(v => v is null or "timeline" or "scorecard" or "both").WithMessage("view must be timeline, scorecard or both.");
    }
}
