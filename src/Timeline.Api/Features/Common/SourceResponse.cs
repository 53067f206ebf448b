using Timeline.Api.Domain;

namespace Timeline.Api.Features.Common;

/// <summary>A cited publication.</summary>
public sealed class SourceResponse
{
    public static readonly System.Linq.Expressions.Expression<Func<Source, SourceResponse>> Projection = s => new SourceResponse
    {
        Url = s.Url, Title = s.Title, Publisher = s.Publisher, Published = s.PublishedText, ArchivedUrl = s.ArchivedUrl,
    };

    public required string Url { get; init; }
    public string? Title { get; init; }
    public string? Publisher { get; init; }

    /// <summary>Publication date (EDTF), when known.</summary>
    public string? Published { get; init; }
    public string? ArchivedUrl { get; init; }
}
