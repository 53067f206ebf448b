namespace Timeline.Api.Features.Embed;

/// <summary>
/// Headers that let any site frame the widget while nothing in it can load or run anything but our own files. The
/// public pages send the same policy, framed only by our own pages. Forms (the as-of control) may submit only to us.
/// </summary>
public static class EmbedSecurity
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; frame-ancestors *; base-uri 'none'; form-action 'self'";

    public const string PageContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; frame-ancestors 'self'; base-uri 'none'; form-action 'self'";

    /// <summary>For a standalone SVG document: nothing at all may load or run in it.</summary>
    public const string ImageContentSecurityPolicy = "default-src 'none'; frame-ancestors *";

    public static void Apply(HttpResponse response) => Apply(response, ContentSecurityPolicy);

    public static void ApplyToPage(HttpResponse response) => Apply(response, PageContentSecurityPolicy);

    public static void ApplyToImage(HttpResponse response) => Apply(response, ImageContentSecurityPolicy);

    private static void Apply(HttpResponse response, string policy)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.ContentSecurityPolicy = policy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        // No X-Frame-Options: frame-ancestors says who may frame, and for the widget that is anyone.
    }
}
