using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Reader;

/// <summary>What every piece of reader markup needs: its words, today's date and where links point.</summary>
public sealed class ReaderContext
{
    public ReaderContext(HttpRequest request, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(clock);
        Request = request;
        Text = ReaderText.For(request);
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        PathBase = request.PathBase.Value ?? "";
        BaseUrl = PublicUrls.BaseOf(request);
    }

    public HttpRequest Request { get; }

    public ReaderText Text { get; }

    /// <summary>Today in UTC: a planned event whose last possible day is before it was never held.</summary>
    public DateOnly Today { get; }

    public string PathBase { get; }

    /// <summary>Scheme, host and path base, for the links that must be absolute (canonical, Open Graph, JSON-LD).</summary>
    public string BaseUrl { get; }

    /// <summary>A path of ours as a link inside a page: relative to the host, so it works behind any proxy.</summary>
    public string Link(string path) => PathBase + path;

    public string Absolute(string path) => BaseUrl + path;

    public string TimelinePage(string slug) => Link(ReaderPaths.Timeline(slug));

    public string EventPage(string slug) => Link(ReaderPaths.Event(slug));

    public string CommitmentPage(string slug) => Link(ReaderPaths.Commitment(slug));

    public string Asset(string name) => Link(ReaderAssets.PathOf(name));
}
