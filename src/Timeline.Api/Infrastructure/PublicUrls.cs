namespace Timeline.Api.Infrastructure;

/// <summary>
/// Absolute links for documents read outside the API (feeds, calendars, oEmbed, the widget): they are
/// built from the request's own scheme and host, so the same build works on any host that serves it.
/// </summary>
public static class PublicUrls
{
    public static string BaseOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{request.Scheme}://{request.Host}{request.PathBase}";
    }

    public static string Embed(HttpRequest request, string timelineSlug) => $"{BaseOf(request)}/embed/{Uri.EscapeDataString(timelineSlug)}";

    public static string Timeline(HttpRequest request, string timelineSlug) => $"{BaseOf(request)}/api/v1/timelines/{Uri.EscapeDataString(timelineSlug)}";

    public static string Event(HttpRequest request, string eventSlug) => $"{BaseOf(request)}/api/v1/events/{Uri.EscapeDataString(eventSlug)}";

    public static string Commitment(HttpRequest request, string commitmentSlug) => $"{BaseOf(request)}/api/v1/commitments/{Uri.EscapeDataString(commitmentSlug)}";

    public static string Treaty(HttpRequest request, string treatySlug) => $"{BaseOf(request)}/api/v1/treaties/{Uri.EscapeDataString(treatySlug)}";

    /// <summary>The public page of a timeline, for readers (HTML).</summary>
    public static string TimelinePage(HttpRequest request, string timelineSlug) => $"{BaseOf(request)}{ReaderPaths.Timeline(timelineSlug)}";

    /// <summary>The public page of an event, for readers (HTML): what feeds, calendars and JSON-LD link to.</summary>
    public static string EventPage(HttpRequest request, string eventSlug) => $"{BaseOf(request)}{ReaderPaths.Event(eventSlug)}";

    /// <summary>The public page of a commitment, for readers (HTML).</summary>
    public static string CommitmentPage(HttpRequest request, string commitmentSlug) => $"{BaseOf(request)}{ReaderPaths.Commitment(commitmentSlug)}";

    /// <summary>A resource's change log; an assessment's (<c>commitment/id</c>) is its commitment's.</summary>
    public static string Changes(HttpRequest request, string resourceType, string key) => resourceType switch
    {
        "assessment" => $"{BaseOf(request)}/api/v1/commitments/{Uri.EscapeDataString(key.Split('/')[0])}/changes",
        "treaty-action" => $"{BaseOf(request)}/api/v1/treaties/{Uri.EscapeDataString(key.Split('/')[0])}/changes",
        "treaty" => $"{BaseOf(request)}/api/v1/treaties/{Uri.EscapeDataString(key)}/changes",
        _ => $"{BaseOf(request)}/api/v1/{resourceType}s/{Uri.EscapeDataString(key)}/changes",
    };

    /// <summary>The oEmbed endpoint for a page of ours, as oEmbed discovery links name it.</summary>
    public static string OEmbedFor(HttpRequest request, string url) => $"{BaseOf(request)}/oembed?url={Uri.EscapeDataString(url)}&format=json";
}

/// <summary>
/// Where the reader pages live, relative to the host (no scheme or host, so links inside the pages work behind any
/// proxy). They sit outside <c>/api/v1</c> and every route is a fixed first segment, so the two cannot collide.
/// </summary>
public static class ReaderPaths
{
    public static string Timeline(string slug) => $"/timelines/{Uri.EscapeDataString(slug)}";

    public static string ScorecardSvg(string slug) => $"/timelines/{Uri.EscapeDataString(slug)}/scorecard.svg";

    public static string Event(string slug) => $"/events/{Uri.EscapeDataString(slug)}";

    public static string Commitment(string slug) => $"/commitments/{Uri.EscapeDataString(slug)}";

    public static string Embed(string slug) => $"/embed/{Uri.EscapeDataString(slug)}";
}
