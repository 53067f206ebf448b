using System.Collections.Concurrent;
using Timeline.Api.Domain;

namespace Timeline.Api.Features.Common;

/// <summary>A date as precise as the facts: the EDTF text and what it means.</summary>
public sealed class DateResponse
{
    /// <summary>The EDTF (ISO 8601-2) text, e.g. <c>2019-12-08</c>, <c>2003-04~</c>, <c>2000-06-26/2000-06-27</c>.</summary>
    public required string Edtf { get; init; }

    /// <summary>Earliest possible day; null when the start is open or unknown.</summary>
    public DateOnly? Start { get; init; }

    /// <summary>Latest possible day; null when the end is open or unknown.</summary>
    public DateOnly? End { get; init; }

    public required DatePrecision Precision { get; init; }
    public required bool Approximate { get; init; }
    public required bool Uncertain { get; init; }

    // Lists show the same few hundred dates over and over; parsing each once keeps projections cheap.
    // The cap keeps a flood of distinct dates (they come from editors) from growing it without bound.
    private static readonly ConcurrentDictionary<string, DateResponse> Parsed = new(StringComparer.Ordinal);
    private const int MaxParsed = 20_000;

    public static DateResponse From(string edtf)
    {
        if (Parsed.TryGetValue(edtf, out var known))
            return known;
        var response = Create(edtf);
        if (Parsed.Count < MaxParsed)
            Parsed.TryAdd(edtf, response);
        return response;
    }

    private static DateResponse Create(string edtf)
    {
        var date = EdtfDate.Parse(edtf);
        return new DateResponse
        {
            Edtf = date.Text,
            Start = date.Start == DateOnly.MinValue ? null : date.Start,
            End = date.End == DateOnly.MaxValue ? null : date.End,
            Precision = date.Precision,
            Approximate = date.Approximate,
            Uncertain = date.Uncertain,
        };
    }

    public static DateResponse? FromOptional(string? edtf) => edtf is null ? null : From(edtf);
}
