using FluentValidation;
using Timeline.Api.Domain;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Editing;

/// <summary>Shape rules shared by every write.</summary>
public static class WriteRules
{
    public static IRuleBuilderOptions<T, string> MustBeSlug<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(Slugs.MaxLength).Matches(Slugs.Pattern)
            .WithMessage("{PropertyName} must be lowercase letters, digits and single hyphens, e.g. 2019-12-08-signing.");

    public static IRuleBuilderOptions<T, string?> MustBeHttpUrl<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(url => url is null || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            .WithMessage("{PropertyName} must be an absolute http(s) URL.");

    public static IRuleBuilderOptions<T, string?> MustBeValue<T, TEnum>(this IRuleBuilder<T, string?> rule) where TEnum : struct, Enum =>
        rule.MustBeOneOf<T, TEnum>();
}
