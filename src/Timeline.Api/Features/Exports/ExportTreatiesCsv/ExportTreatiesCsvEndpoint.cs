using FastEndpoints;
using FluentValidation;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Reader;
using Timeline.Api.Features.Treaties;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Exports.ExportTreatiesCsv;

public sealed class ExportTreatiesCsvRequest
{
    public string Slug { get; set; } = "";

    /// <summary>Report force and party statuses as recorded up to this EDTF date (its last day); without it, today's.</summary>
    [QueryParam]
    public EdtfDate? AsOf { get; set; }

    /// <summary>The language of the parties' names (BCP 47); without it, <c>Accept-Language</c> decides; a name not translated into it is the original's.</summary>
    [QueryParam]
    public string? Lang { get; set; }
}

public sealed class ExportTreatiesCsvValidator : Validator<ExportTreatiesCsvRequest>
{
    public ExportTreatiesCsvValidator() => RuleFor(r => r.Lang).MustBeLanguageTag();
}

public sealed class ExportTreatiesCsvEndpoint(TimelineDbContext db) : Endpoint<ExportTreatiesCsvRequest>
{
    public static readonly string[] Header =
    [
        "slug", "title", "short_title", "kind", "signed_on", "place", "text_url", "in_force", "in_force_since", "provisional", "parties", "party_statuses", "timelines",
    ];

    public override void Configure()
    {
        Get("/timelines/{slug}/treaties.csv");
        AllowAnonymous();
        Description(d => d.WithName("exportTimelineTreatiesCsv").WithMetadata(WholeDocument.Marker).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .Produces<string>(StatusCodes.Status200OK, OutputMediaTypes.Csv)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound));
        Summary(s =>
        {
            s.Summary = "Export a timeline's treaties as CSV";
            s.Description = "Every treaty of the timeline, in the order they were recorded, with its force and each party's status (`party: status`) "
                + "today or as recorded up to `asOf`, as RFC 4180 CSV (UTF-8, header row). Its actions are in treaty-actions.csv. Parties' names are in "
                + "the language asked for (`lang`, else `Accept-Language`) where translated. "
                + "Text cells that a spreadsheet would run as a formula are prefixed with an apostrophe.";
        });
    }

    public override async Task HandleAsync(ExportTreatiesCsvRequest req, CancellationToken ct)
    {
        if (await TimelineDocuments.FindTimelineAsync(db, req.Slug, ct) is not { } timeline)
        {
            await Send.ResultAsync(Problems.NotFound("timeline", req.Slug));
            return;
        }

        var asOf = DateQuery.AsOf(req.AsOf);
        var treaties = await ReaderData.TreatiesAsync(db, req.Slug, ct);
        // Treaties' own texts have no translations; their parties' names do, read with them.
        var stored = ContentTexts.For(HttpContext.Request, timeline.Language);
        var csv = CsvExport.Write(Header, treaties.Select(t =>
        {
            var summary = new TreatyStanding(t, asOf).Summary();
            return new[]
            {
                t.Slug,
                t.Title,
                t.ShortTitle,
                Kebab.ToValue(t.Kind),
                t.SignedText,
                t.Place,
                t.TextUrl,
                summary.InForce ? "true" : "false",
                summary.InForceSince?.Edtf,
                summary.Provisional ? "true" : "false",
                string.Join("; ", summary.Parties.Select(p => t.Parties.FirstOrDefault(x => x.Slug == p.Party.Slug) is { } party
                    ? stored.Choose("name", party.Name, party.Language, party.Translations).Text
                    : p.Party.Name)),
                string.Join("; ", summary.Parties.Select(p => $"{p.Party.Slug}: {Kebab.ToValue(p.Status)}")),
                string.Join("; ", summary.Timelines),
            };
        }));
        stored.Announce(HttpContext.Response);
        await Send.BytesAsync(csv, $"{req.Slug}-treaties.csv", CsvExport.ContentType, cancellation: ct);
    }
}
