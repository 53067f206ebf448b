using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Timeline.Api.Domain;

namespace Timeline.Api.Data;

/// <summary>Stores an enum as its kebab-case wire value (<see cref="Kebab"/>).</summary>
public sealed class KebabEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => Kebab.ToValue(value),
    text => Kebab.Parse<TEnum>(text))
    where TEnum : struct, Enum;
