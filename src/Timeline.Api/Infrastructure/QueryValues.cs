using System.Collections.Frozen;
using FastEndpoints;
using Microsoft.Extensions.Primitives;
using Timeline.Api.Domain;

namespace Timeline.Api.Infrastructure;

/// <summary>
/// Query-string values that bind straight to domain types, so that a request carries parsed values (parsed once, by
/// the binder) and the OpenAPI document shows their format: EDTF dates through <see cref="EdtfDate"/>'s
/// <see cref="IParsable{TSelf}"/>, and the domain's enums in their kebab-case wire spelling (<see cref="Kebab"/>; the
/// binder's own enum parser knows only the .NET names). A value that does not parse is a 400 naming the parameter,
/// with <see cref="Explain"/>'s message. An empty value (<c>?from=</c>, as an HTML form sends an empty field) counts
/// as absent.
/// </summary>
public static class QueryValues
{
    // The enums a query names, with their wire values; fixed at type load, so that apps built side by side (the tests
    // build many) only read it.
    private static readonly (Type Type, IReadOnlyList<string> Values, Action<BindingOptions> Register)[] KebabEnums =
    [
        KebabEnum<EventKind>(), KebabEnum<EventStatus>(), KebabEnum<CommitmentStatus>(),
        KebabEnum<CommitmentCategory>(), KebabEnum<ActorKind>(), KebabEnum<PartyStatus>(),
    ];

    private static readonly FrozenDictionary<Type, IReadOnlyList<string>> EnumValues = KebabEnums.ToFrozenDictionary(e => e.Type, e => e.Values);

    public static void Register(BindingOptions binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        binding.ValueParserFor<EdtfDate>(value => IsBlank(value)
            ? new ParseResult(true, null)
            : new ParseResult(EdtfDate.TryParse(value.ToString(), out var date, out _), date));
        foreach (var kebab in KebabEnums)
            kebab.Register(binding);
    }

    /// <summary>Why a query value does not bind to <paramref name="type"/>, for the types registered here; else null.</summary>
    public static string? Explain(Type type, string text, string echo)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type == typeof(EdtfDate))
            return EdtfDate.TryParse(text, out _, out var error) ? null : $"'{echo}' is not a valid EDTF date: {error}";
        return EnumValues.TryGetValue(Nullable.GetUnderlyingType(type) ?? type, out var values)
            ? $"'{echo}' is not one of: {string.Join(", ", values)}."
            : null;
    }

    private static (Type, IReadOnlyList<string>, Action<BindingOptions>) KebabEnum<TEnum>() where TEnum : struct, Enum =>
        (typeof(TEnum), Kebab.AllValues<TEnum>(), binding =>
        {
            binding.ValueParserFor<TEnum>(value => Kebab.TryParse<TEnum>(value.ToString(), out var parsed) ? new ParseResult(true, parsed) : new ParseResult(false, null));
            binding.ValueParserFor<TEnum?>(value => IsBlank(value)
                ? new ParseResult(true, null)
                : Kebab.TryParse<TEnum>(value.ToString(), out var parsed) ? new ParseResult(true, parsed) : new ParseResult(false, null));
        });

    private static bool IsBlank(StringValues value) => string.IsNullOrWhiteSpace(value.ToString());
}
