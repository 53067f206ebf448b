using FastEndpoints;
using FluentValidation;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Commitments;

/// <summary>A commitment as editors write it. Its status is not written here: it is the latest assessment.</summary>
public sealed class CommitmentWriteRequest
{
    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Description { get; set; }

    /// <summary>political, economic, monetary, defence, legal or social.</summary>
    public string Category { get; set; } = "";

    /// <summary>Slugs of the actors bound by the commitment.</summary>
    public List<string> Parties { get; set; } = [];

    /// <summary>Slug of the event that made the commitment.</summary>
    public string? MadeIn { get; set; }

    /// <summary>When it was due (EDTF).</summary>
    public string? Due { get; set; }

    /// <summary>Slugs of the timelines the commitment belongs to (at least one).</summary>
    public List<string> Timelines { get; set; } = [];

    /// <summary>Slugs of the treaties (agreements, charters...) that made or restated it; empty when none did.</summary>
    public List<string> Treaties { get; set; } = [];
}

public sealed class CommitmentWriteValidator : Validator<CommitmentWriteRequest>
{
    public static readonly CommitmentWriteValidator Instance = new();

    public CommitmentWriteValidator()
    {
        RuleFor(c => c.Slug).MustBeSlug();
        RuleFor(c => c.Title).NotEmpty().MaximumLength(300);
        RuleFor(c => c.Description).MaximumLength(4000);
        RuleFor(c => (string?)c.Category).NotEmpty().MustBeValue<CommitmentWriteRequest, CommitmentCategory>().OverridePropertyName("category");
        RuleFor(c => c.Parties).NotNull();
        RuleForEach(c => c.Parties).MustBeSlug();
        RuleFor(c => c.MadeIn!).MustBeSlug().When(c => c.MadeIn is not null);
        RuleFor(c => c.Due).MustBeEdtf();
        RuleFor(c => c.Timelines).NotEmpty().WithMessage("A commitment belongs to at least one timeline.");
        RuleForEach(c => c.Timelines).MustBeSlug();
        RuleFor(c => c.Treaties).NotNull();
        RuleForEach(c => c.Treaties).MustBeSlug();
    }
}
