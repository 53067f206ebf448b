using System.Globalization;
using System.Text.Json.Serialization;
using FastEndpoints;
using FastEndpoints.Swagger;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Embed.GetOEmbed;

public sealed class GetOEmbedRequest
{
    /// <summary>
    /// The widget URL (<c>/embed/{timeline}</c>, options included), the timeline's page (<c>/timelines/{timeline}</c>) or its
    /// API URL (<c>/api/v1/timelines/{timeline}</c>).
    /// </summary>
    [QueryParam]
    public string? Url { get; set; }

    /// <summary>The largest width the consumer can show, in pixels.</summary>
    [QueryParam]
    [BindFrom("maxwidth")]
    public int? MaxWidth { get; set; }

    /// <summary>The largest height the consumer can show, in pixels.</summary>
    [QueryParam]
    [BindFrom("maxheight")]
    public int? MaxHeight { get; set; }

    /// <summary><c>json</c> (the default); <c>xml</c> is not implemented (501).</summary>
    [QueryParam]
    public string? Format { get; set; }

    /// <summary>
    /// The widget's interface language (<c>be</c>, <c>ru</c>, <c>en</c>), for consumers that know their article's language;
    /// a <c>lang</c> in the URL itself wins. Either way the iframe's src carries it, and the <c>title</c> is the timeline's in
    /// that language where translated.
    /// </summary>
    [QueryParam]
    public string? Lang { get; set; }
}

public sealed class GetOEmbedValidator : Validator<GetOEmbedRequest>
{
    public GetOEmbedValidator()
    {
        RuleFor(r => r.Url).NotEmpty().MaximumLength(2048);
        RuleFor(r => r.MaxWidth).InclusiveBetween(1, 10_000);
        RuleFor(r => r.MaxHeight).InclusiveBetween(1, 10_000);
        RuleFor(r => r.Format).MaximumLength(16);
        RuleFor(r => r.Lang).MustBeLanguageTag();
    }
}

/// <summary>An oEmbed 1.0 "rich" response: an iframe of the widget.</summary>
public sealed class OEmbedResponse
{
    public required string Version { get; init; }
    public required string Type { get; init; }
    public required string Html { get; init; }
    public required int Width { get; init; }
    public required int Height { get; init; }
    public required string Title { get; init; }

    [JsonPropertyName("provider_name")]
    public required string ProviderName { get; init; }

    [JsonPropertyName("provider_url")]
    public required string ProviderUrl { get; init; }

    /// <summary>Seconds a consumer may keep this response.</summary>
    [JsonPropertyName("cache_age")]
    public required int CacheAge { get; init; }
}

public sealed class GetOEmbedEndpoint(TimelineDbContext db) : Endpoint<GetOEmbedRequest, OEmbedResponse>
{
    public const int DefaultWidth = EmbedSnippet.DefaultWidth;
    public const int DefaultHeight = EmbedSnippet.DefaultHeight;
    public const int CacheAge = 3600;

    public override void Configure()
    {
        Get("/oembed");
        RoutePrefixOverride(string.Empty);
        AllowAnonymous();
        Description(d => d.WithName("getOEmbed")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status501NotImplemented)
            .AutoTagOverride("embed"));
        Summary(s =>
        {
            s.Summary = "oEmbed for a timeline widget";
            s.Description = "oEmbed 1.0: for a widget URL, a timeline's page or a timeline's API URL on this host, a `rich` response whose `html` "
                + $"is an iframe of the widget ({DefaultWidth}×{DefaultHeight} unless `maxwidth`/`maxheight` are smaller) followed by the optional "
                + "resize script (`/embed/assets/resize.js`: the iframe takes the height the widget posts). `format=xml` is 501; a URL that "
                + "is not one of ours is 404. Discovery: the widget and timeline pages have a `<link rel=\"alternate\" "
                + "type=\"application/json+oembed\">` and a timeline's JSON a `Link` header with the same.";
        });
    }

    public override async Task HandleAsync(GetOEmbedRequest req, CancellationToken ct)
    {
        if (req.Format is not null && !string.Equals(req.Format, "json", StringComparison.OrdinalIgnoreCase))
        {
            await Send.ResultAsync(Results.Problem(
                statusCode: StatusCodes.Status501NotImplemented,
                title: "Not Implemented",
                type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.2",
                detail: "Only format=json is supported."));
            return;
        }

        var request = HttpContext.Request;
        var embedPath = ParseOurs(request, req.Url!);
        var slug = embedPath?.Slug;
        var timeline = slug is null ? null : await db.Timelines.AsNoTracking().Where(t => t.Slug == slug)
            .Select(t => new { t.Title, t.Language, t.Translations }).SingleOrDefaultAsync(ct);
        if (slug is null || timeline is null)
        {
            await Send.ResultAsync(Results.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Not Found",
                type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
                detail: "The url is not a timeline widget or timeline served by this host."));
            return;
        }

        var width = Math.Min(DefaultWidth, req.MaxWidth ?? DefaultWidth);
        var height = Math.Min(DefaultHeight, req.MaxHeight ?? DefaultHeight);
        var src = PublicUrls.Embed(request, slug) + embedPath!.Value.Query;
        var inUrl = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(embedPath.Value.Query).TryGetValue(InterfaceLanguages.QueryName, out var given)
            ? given.ToString() : null;
        if (!string.IsNullOrEmpty(req.Lang) && inUrl is null)
            src = Reader.ReaderContext.InLanguage(src, req.Lang);
        // The title in the language the iframe is in (its src's lang) where translated, by the API's rule; else as written.
        var lang = inUrl ?? req.Lang;
        var title = InterfaceLanguages.IsWellFormed(lang)
            ? Translatable.Choose([lang!], "title", timeline.Title, timeline.Language, timeline.Translations).Text ?? timeline.Title
            : timeline.Title;
        await Send.OkAsync(new OEmbedResponse
        {
            Version = "1.0",
            Type = "rich",
            Html = EmbedSnippet.Iframe(src, title, width, height) + EmbedSnippet.ResizeScript(PublicUrls.BaseOf(request)),
            Width = width,
            Height = height,
            Title = title,
            ProviderName = "Timeline",
            ProviderUrl = PublicUrls.BaseOf(request) + "/",
            CacheAge = CacheAge,
        }, ct);
    }

    /// <summary>
    /// The timeline slug of a URL on this very host (any scheme: a proxy may end TLS), and the widget options in its query
    /// (a timeline page's <c>theme</c> and <c>asOf</c> carry over). Only widget and timeline URLs are ours; anything else is not.
    /// </summary>
    internal static (string Slug, string Query)? ParseOurs(HttpRequest request, string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || !string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase))
            return null;
        var segments = uri.AbsolutePath.Trim('/').Split('/');
        var basePath = request.PathBase.Value?.Trim('/') ?? "";
        if (basePath.Length > 0)
        {
            var prefix = basePath.Split('/');
            if (!segments.Take(prefix.Length).SequenceEqual(prefix, StringComparer.Ordinal))
                return null;
            segments = segments[prefix.Length..];
        }

        return segments switch
        {
            ["embed", var slug] when slug.Length > 0 => (Uri.UnescapeDataString(slug), WidgetOptions(uri.Query)),
            ["timelines", var slug] when slug.Length > 0 => (Uri.UnescapeDataString(slug), WidgetOptions(uri.Query)),
            ["api", "v1", "timelines", var slug] when slug.Length > 0 => (Uri.UnescapeDataString(slug), ""),
            _ => null,
        };
    }

    /// <summary>Keeps only the widget's own options, re-encoded, so the iframe src carries nothing else.</summary>
    private static string WidgetOptions(string query)
    {
        var parsed = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        var kept = GetEmbed.GetEmbedEndpoint.OptionNames
            .Where(k => parsed.TryGetValue(k, out var v) && !string.IsNullOrEmpty(v))
            .Select(k => $"{k}={Uri.EscapeDataString(parsed[k].ToString())}")
            .ToList();
        return kept.Count == 0 ? "" : "?" + string.Join("&", kept);
    }
}
