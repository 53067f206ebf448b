using FastEndpoints;
using FluentValidation;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;

namespace Timeline.Api.Features.Actors;

/// <summary>An actor as editors write it.</summary>
public sealed class ActorWriteRequest
{
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>person, state, organisation or media.</summary>
    public string Kind { get; set; } = "";
    public string? Description { get; set; }

    /// <summary>Other spellings: transliterations and other scripts.</summary>
    public List<string> Aliases { get; set; } = [];
}

public sealed class ActorWriteValidator : Validator<ActorWriteRequest>
{
    public static readonly ActorWriteValidator Instance = new();

    public ActorWriteValidator()
    {
        RuleFor(a => a.Slug).MustBeSlug();
        RuleFor(a => a.Name).NotEmpty().MaximumLength(200);
        RuleFor(a => (string?)a.Kind).NotEmpty().MustBeValue<ActorWriteRequest, ActorKind>().OverridePropertyName("kind");
        RuleFor(a => a.Description).MaximumLength(2000);
        RuleFor(a => a.Aliases).NotNull();
        RuleForEach(a => a.Aliases).NotEmpty().MaximumLength(200);
        RuleFor(a => a.Aliases).Must(aliases => aliases is null || aliases.Distinct(StringComparer.Ordinal).Count() == aliases.Count)
            .WithMessage("aliases must not repeat a spelling.");
    }
}
