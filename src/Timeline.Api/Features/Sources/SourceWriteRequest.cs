using FastEndpoints;
using FluentValidation;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Sources;

/// <summary>A source as editors write it; sources are identified by id and found by URL when cited.</summary>
public sealed class SourceWriteRequest
{
    public string Url { get; set; } = "";
    public string? Title { get; set; }
    public string? Publisher { get; set; }

    /// <summary>Publication date (EDTF).</summary>
    public string? Published { get; set; }
    public string? ArchivedUrl { get; set; }
}

public sealed class SourceWriteValidator : Validator<SourceWriteRequest>
{
    public static readonly SourceWriteValidator Instance = new();

    public SourceWriteValidator()
    {
        RuleFor(s => s.Url).NotEmpty().MaximumLength(2000);
        RuleFor(s => (string?)s.Url).MustBeHttpUrl().OverridePropertyName("url");
        RuleFor(s => s.ArchivedUrl).MaximumLength(2000).MustBeHttpUrl();
        RuleFor(s => s.Title).MaximumLength(500);
        RuleFor(s => s.Publisher).MaximumLength(200);
        RuleFor(s => s.Published).MustBeEdtf();
    }
}
