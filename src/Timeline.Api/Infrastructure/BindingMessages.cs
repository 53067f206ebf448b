using System.Text.Json;
using Microsoft.Extensions.Primitives;

namespace Timeline.Api.Infrastructure;

/// <summary>Binding errors in the API's words: a client sees "'abc' is not a whole number", never a .NET type name.</summary>
public static class BindingMessages
{
    private const int MaxEcho = 100;

    /// <summary>A query, route or header value that does not convert to its property's type.</summary>
    public static string ForValue(Type type, string property, StringValues value)
    {
        ArgumentNullException.ThrowIfNull(type);
        var text = value.ToString();
        var echo = text.Length > MaxEcho ? string.Concat(text.AsSpan(0, MaxEcho), "…") : text;
        return QueryValues.Explain(type, text, echo) ?? $"'{echo}' is not {Describe(type)}.";
    }

    /// <summary>A JSON body that does not deserialize into the request.</summary>
    public static FluentValidation.Results.ValidationFailure ForJson(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var field = exception.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
        return new(field, DescribeJson(exception));
    }

    /// <summary>What is wrong with a JSON body, without the serializer's .NET type names.</summary>
    public static string DescribeJson(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.InnerException?.Message ?? exception.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var name = exception.Path is { } path ? path[(path.LastIndexOf('.') + 1)..] : null;
            return name is { Length: > 0 } && name != "$"
                ? $"'{name}' is not a property of the resource (names are case-sensitive; some are set by the server)."
                : "This property is not part of the resource (or is set by the server).";
        }
        if (message.Contains("could not be converted", StringComparison.Ordinal) || message.Contains("token type", StringComparison.Ordinal)
            || message.Contains("System.", StringComparison.Ordinal) || exception.InnerException is not null)
            return "This value has the wrong type or shape.";
        return $"The body is not valid JSON: {message}";
    }

    private static string Describe(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsEnum)
            return "one of the allowed values";
        if (underlying == typeof(bool))
            return "true or false";
        if (underlying == typeof(int) || underlying == typeof(long) || underlying == typeof(short) || underlying == typeof(byte))
            return "a whole number";
        if (underlying == typeof(double) || underlying == typeof(float) || underlying == typeof(decimal))
            return "a number";
        if (underlying == typeof(DateTime) || underlying == typeof(DateTimeOffset) || underlying == typeof(DateOnly))
            return "a date";
        if (underlying == typeof(Guid))
            return "an identifier";
        return underlying != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(underlying) ? "a list of values" : "a valid value";
    }
}
