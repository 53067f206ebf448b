namespace Timeline.Api.Features.Embed;

/// <summary>Headers that let any site frame the widget while nothing in it can load or run anything but our own files.</summary>
public static class EmbedSecurity
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; frame-ancestors *; base-uri 'none'; form-action 'none'";

    public static void Apply(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        // No X-Frame-Options: frame-ancestors * is the point of a widget.
    }
}
