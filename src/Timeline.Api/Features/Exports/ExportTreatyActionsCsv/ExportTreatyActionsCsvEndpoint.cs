using FluentValidation;
using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Reader;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Exports.ExportTreatyActionsCsv;

public sealed class ExportTreatyActionsCsvRequest
{
    public string Slug { get; set; } = "";

    /// <summary>The language of the parties' names (BCP 47); without it, <c>Accept-Language</c> decides; a name not translated into it is the original's.</summary>
    [QueryParam]
    public string? Lang { get; set; }
}

public sealed class ExportTreatyActionsCsvValidator : Validator<ExportTreatyActionsCsvRequest>
{
    public ExportTreatyActionsCsvValidator() => RuleFor(r => r.Lang).MustBeLanguageTag();
}

public sealed class ExportTreatyActionsCsvEndpoint(TimelineDbContext db) : Endpoint<ExportTreatyActionsCsvRequest>
{
    public static readonly string[] Header =
    [
        "treaty", "treaty_title", "id", "party", "party_name", "kind", "date", "date_start", "date_end", "body", "event", "note", "sources",
        "recorded_by", "recorded_at", "retracted_at", "retraction_reason",
    ];

    public override void Configure()
    {
        Get("/timelines/{slug}/treaty-actions.csv");
        AllowAnonymous();
        Description(d => d.WithName("exportTimelineTreatyActionsCsv").WithMetadata(WholeDocument.Marker).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .Produces<string>(StatusCodes.Status200OK, OutputMediaTypes.Csv)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound));
        Summary(s =>
        {
            s.Summary = "Export a timeline's treaty actions as CSV";
            s.Description = "Every action of the timeline's treaties — signatures, ratifications, entries into force (an empty `party` is the "
                + "treaty as a whole), suspensions, withdrawals — treaty by treaty in the order they took effect, retracted ones included and "
                + "marked, with their sources' URLs (`; `-separated), as RFC 4180 CSV (UTF-8, header row). Parties' names are in the language "
                + "asked for (`lang`, else `Accept-Language`) where translated. "
                + "Text cells that a spreadsheet would run as a formula are prefixed with an apostrophe.";
        });
    }

    public override async Task HandleAsync(ExportTreatyActionsCsvRequest req, CancellationToken ct)
    {
        var slug = req.Slug;
        if (await TimelineDocuments.FindTimelineAsync(db, slug, ct) is not { } timeline)
        {
            await Send.ResultAsync(Problems.NotFound("timeline", slug));
            return;
        }

        var treaties = await ReaderData.TreatiesAsync(db, slug, ct);
        // Treaties' own texts have no translations; their parties' names do, read with them.
        var stored = ContentTexts.For(HttpContext.Request, timeline.Language);
        var csv = CsvExport.Write(Header, treaties.SelectMany(t => new TreatyRecord(t.Actions.Select(TreatyRecord.EntryOf)).Entries
            .Select(e => t.Actions.Single(a => a.Id == e.Id))
            .Select(a => new[]
            {
                t.Slug,
                t.Title,
                a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                a.Party?.Slug,
                a.Party is { } party ? stored.Choose("name", party.Name, party.Language, party.Translations).Text : null,
                Kebab.ToValue(a.Kind),
                a.DateText,
                ReaderMarkup.IsoDay(a.DateStart),
                ReaderMarkup.IsoDay(a.DateEnd),
                a.Body,
                a.Event?.Slug,
                a.Note,
                string.Join("; ", a.Sources.OrderBy(s => s.Url, StringComparer.Ordinal).Select(s => s.Url)),
                a.RecordedBy,
                a.RecordedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                a.RetractedAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                a.RetractionReason,
            })));
        stored.Announce(HttpContext.Response);
        await Send.BytesAsync(csv, $"{slug}-treaty-actions.csv", CsvExport.ContentType, cancellation: ct);
    }
}
