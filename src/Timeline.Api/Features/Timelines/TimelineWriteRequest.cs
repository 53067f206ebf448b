using FastEndpoints;
using FluentValidation;
using Timeline.Api.Features.Editing;

namespace Timeline.Api.Features.Timelines;

/// <summary>A timeline as editors write it.</summary>
public sealed class TimelineWriteRequest
{
    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Description { get; set; }

    /// <summary>BCP 47 language tag of the texts (default en).</summary>
    public string Language { get; set; } = "en";
}

public sealed class TimelineWriteValidator : Validator<TimelineWriteRequest>
{
    public static readonly TimelineWriteValidator Instance = new();

    public TimelineWriteValidator()
    {
        RuleFor(t => t.Slug).MustBeSlug();
        RuleFor(t => t.Title).NotEmpty().MaximumLength(200);
        RuleFor(t => t.Description).MaximumLength(4000);
        RuleFor(t => t.Language).NotEmpty().MaximumLength(35).Matches("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
            .WithMessage("language must be a BCP 47 tag such as en or be-Latn.");
    }
}
