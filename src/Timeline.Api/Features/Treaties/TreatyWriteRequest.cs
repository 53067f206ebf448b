using FastEndpoints;
using FluentValidation;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Treaties;

/// <summary>A treaty as editors write it. Its actions are not written here: they are appended one by one.</summary>
public sealed class TreatyWriteRequest
{
    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";
    public string? ShortTitle { get; set; }

    /// <summary>treaty, agreement, charter, programme or declaration.</summary>
    public string Kind { get; set; } = "";
    public string? Description { get; set; }

    /// <summary>When the text was signed or concluded (EDTF).</summary>
    public string? SignedOn { get; set; }
    public string? Place { get; set; }

    /// <summary>Where the text can be read (absolute http(s) URL).</summary>
    public string? TextUrl { get; set; }

    /// <summary>Slug of the event at which it was signed.</summary>
    public string? Event { get; set; }

    /// <summary>Slugs of its parties (at least one).</summary>
    public List<string> Parties { get; set; } = [];

    /// <summary>Slugs of the commitments it made.</summary>
    public List<string> Commitments { get; set; } = [];

    /// <summary>Slugs of the timelines the treaty belongs to (at least one).</summary>
    public List<string> Timelines { get; set; } = [];
}

public sealed class TreatyWriteValidator : Validator<TreatyWriteRequest>
{
    public static readonly TreatyWriteValidator Instance = new();

    public TreatyWriteValidator()
    {
        RuleFor(t => t.Slug).MustBeSlug();
        RuleFor(t => t.Title).NotEmpty().MaximumLength(300);
        RuleFor(t => t.ShortTitle).MaximumLength(120);
        RuleFor(t => (string?)t.Kind).NotEmpty().MustBeValue<TreatyWriteRequest, InstrumentKind>().OverridePropertyName("kind");
        RuleFor(t => t.Description).MaximumLength(4000);
        RuleFor(t => t.SignedOn).MustBeEdtf();
        RuleFor(t => t.Place).MaximumLength(200);
        RuleFor(t => t.TextUrl).MaximumLength(2000).MustBeHttpUrl();
        RuleFor(t => t.Event!).MustBeSlug().When(t => t.Event is not null);
        RuleFor(t => t.Parties).NotEmpty().WithMessage("A treaty has at least one party.");
        RuleForEach(t => t.Parties).MustBeSlug();
        RuleFor(t => t.Commitments).NotNull();
        RuleForEach(t => t.Commitments).MustBeSlug();
        RuleFor(t => t.Timelines).NotEmpty().WithMessage("A treaty belongs to at least one timeline.");
        RuleForEach(t => t.Timelines).MustBeSlug();
    }
}
