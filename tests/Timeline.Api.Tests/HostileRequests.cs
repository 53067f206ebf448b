using System.Text.RegularExpressions;

namespace Timeline.Api.Tests;

/// <summary>What an answer to a hostile request must never contain.</summary>
public static partial class HostileRequests
{
    /// <summary>.NET type names, exception names and stack frames: implementation details a client must never see.</summary>
    public static Regex DotNetTypeNames { get; } = TypeNames();

    // Only names that never occur in prose: "Single currency" and "Double taxation" are data, "Int32" is not.
    [GeneratedRegex(@"\bSystem\.[A-Z]|\b(U?Int(16|32|64)|DateTimeOffset|DateOnly|Nullable`1|List`1|IEnumerable`1)\b|\b[A-Z][A-Za-z]+Exception\b|\bat [A-Z][\w.`]+\(")]
    private static partial Regex TypeNames();
}
