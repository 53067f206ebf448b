using FluentValidation;
using Timeline.Api.Domain;

namespace Timeline.Api.Infrastructure;

/// <summary>FluentValidation rules for query values in the domain's vocabularies.</summary>
public static class QueryRules
{
    public static IRuleBuilderOptions<T, string?> MustBeEdtf<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => text is null || EdtfDate.TryParse(text, out EdtfDate? _, out string? _))
            .WithMessage((_, text) => EdtfDate.TryParse(text, out EdtfDate? _, out var error) ? "" : $"'{text}' is not a valid EDTF date: {error}");

    /// <summary><c>to</c> may end no earlier than <c>from</c> starts (both already parsed by the binder).</summary>
    public static IRuleBuilderOptions<T, EdtfDate?> MustNotEndBefore<T>(this IRuleBuilder<T, EdtfDate?> rule, Func<T, EdtfDate?> from) =>
        rule.Must((request, to) => to is null || from(request) is not { } start || to.End >= start.Start)
            .WithMessage("to must not be before from.");

    public static IRuleBuilderOptions<T, string?> MustBeOneOf<T, TEnum>(this IRuleBuilder<T, string?> rule) where TEnum : struct, Enum =>
        rule.Must(text => text is null || Kebab.TryParse<TEnum>(text, out _))
            .WithMessage($"{{PropertyName}} must be one of: {string.Join(", ", Kebab.AllValues<TEnum>())}.");

    /// <summary><c>lang</c>: a well-formed BCP 47 tag; one we have no interface for is not an error (it falls back).</summary>
    public static IRuleBuilderOptions<T, string?> MustBeLanguageTag<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => string.IsNullOrEmpty(text) || InterfaceLanguages.IsWellFormed(text))
            .WithMessage((_, text) => $"lang '{text}' is not a BCP 47 language tag (e.g. be, ru, en, en-GB); "
                + $"the interface is available in {string.Join(", ", InterfaceLanguages.Supported)}.");
}
