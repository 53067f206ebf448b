using FluentValidation;
using Timeline.Api.Domain;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Common;

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

/// <summary>Shape rules shared by every write.</summary>
public static class WriteRules
{
    public const string SlugPattern = "^[a-z0-9]+(-[a-z0-9]+)*$";

    public static IRuleBuilderOptions<T, string> MustBeSlug<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(120).Matches(SlugPattern)
            .WithMessage("{PropertyName} must be lowercase letters, digits and single hyphens, e.g. 2019-12-08-signing.");

    public static IRuleBuilderOptions<T, string?> MustBeHttpUrl<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(url => url is null || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            .WithMessage("{PropertyName} must be an absolute http(s) URL.");

    public static IRuleBuilderOptions<T, string?> MustBeValue<T, TEnum>(this IRuleBuilder<T, string?> rule) where TEnum : struct, Enum =>
        rule.MustBeOneOf<T, TEnum>();
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
