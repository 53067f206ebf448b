namespace Timeline.Api.Data.Import;

/// <summary>One problem in a data file, located for the editor who has to fix it.</summary>
/// <param name="File">The file's path as given to the import.</param>
/// <param name="Line">1-based line of the offending value (or of its nearest enclosing value).</param>
/// <param name="Field">JSON Pointer to the value, e.g. <c>/events/3/date</c>.</param>
/// <param name="Message">What is wrong, in words.</param>
public sealed record DataFileError(string File, int Line, string Field, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Field}: {Message}";
}

/// <summary>Raised when data files fail validation; nothing has been written when it is thrown.</summary>
public sealed class DataImportException(IReadOnlyList<DataFileError> errors)
    : Exception($"The data files have {errors.Count} error(s):{Environment.NewLine}{string.Join(Environment.NewLine, errors)}")
{
    public IReadOnlyList<DataFileError> Errors { get; } = errors;
}
