namespace Timeline.Api.Infrastructure;

/// <summary>The <c>Limits</c> configuration section.</summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Largest request body accepted; larger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Reads per client address per minute.</summary>
    public int ReadsPerMinute { get; set; } = 600;

    /// <summary>Writes per API key per minute.</summary>
    public int WritesPerMinute { get; set; } = 120;

    /// <summary>Whole documents (exports, widget, pages) built at once; 0 means one per processor.</summary>
    public int ConcurrentDocuments { get; set; }

    /// <summary>Requests for whole documents that may wait for a turn; the next one gets 503.</summary>
    public int DocumentQueue { get; set; } = 64;
}
