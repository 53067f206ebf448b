using FastEndpoints;
using FluentValidation;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Quotes;

/// <summary>A quote as editors write it.</summary>
public sealed class QuoteWriteRequest
{
    public string Slug { get; set; } = "";
    public string Text { get; set; } = "";

    /// <summary>Slug of the actor who said it.</summary>
    public string Speaker { get; set; } = "";

    /// <summary>When it was said (EDTF).</summary>
    public string? Date { get; set; }

    /// <summary>Slug of the event it is about.</summary>
    public string? Event { get; set; }

    /// <summary>Slug of the commitment it is about.</summary>
    public string? Commitment { get; set; }
    public required SourceInput Source { get; set; }

    /// <summary>Slugs of the timelines the quote belongs to (at least one).</summary>
    public List<string> Timelines { get; set; } = [];
}

public sealed class QuoteWriteValidator : Validator<QuoteWriteRequest>
{
    public static readonly QuoteWriteValidator Instance = new();

    public QuoteWriteValidator()
    {
        RuleFor(q => q.Slug).MustBeSlug();
        RuleFor(q => q.Text).NotEmpty().MaximumLength(4000);
        RuleFor(q => q.Speaker).MustBeSlug();
        RuleFor(q => q.Date).MustBeEdtf();
        RuleFor(q => q.Event!).MustBeSlug().When(q => q.Event is not null);
        RuleFor(q => q.Commitment!).MustBeSlug().When(q => q.Commitment is not null);
        // Must rather than NotNull: FastEndpoints would put "nullable: false" beside the schema's $ref, which OpenAPI forbids.
        RuleFor(q => q.Source).Must(source => source is not null).WithMessage("source is required.").SetValidator(new SourceInputValidator());
        RuleFor(q => q.Timelines).NotEmpty().WithMessage("A quote belongs to at least one timeline.");
        RuleForEach(q => q.Timelines).MustBeSlug();
    }
}
