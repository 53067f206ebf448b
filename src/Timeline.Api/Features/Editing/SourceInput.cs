using FluentValidation;
using Timeline.Api.Domain;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Editing;

/// <summary>A source cited inline in a write: found by URL, created when new (its details are then taken as given).</summary>
public sealed class SourceInput
{
    public string Url { get; set; } = "";
    public string? Title { get; set; }
    public string? Publisher { get; set; }

    /// <summary>Publication date (EDTF).</summary>
    public string? Published { get; set; }
    public string? ArchivedUrl { get; set; }
}

public sealed class SourceInputValidator : AbstractValidator<SourceInput>
{
    public SourceInputValidator()
    {
        RuleFor(s => s.Url).NotEmpty().MaximumLength(2000);
        RuleFor(s => (string?)s.Url).MustBeHttpUrl().OverridePropertyName("url");
        RuleFor(s => s.ArchivedUrl).MaximumLength(2000).MustBeHttpUrl();
        RuleFor(s => s.Title).MaximumLength(500);
        RuleFor(s => s.Publisher).MaximumLength(200);
        RuleFor(s => s.Published).MustBeEdtf();
    }
}
