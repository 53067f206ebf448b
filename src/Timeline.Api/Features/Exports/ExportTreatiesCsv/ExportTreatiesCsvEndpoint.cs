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
                + "today or as recorded up to `asOf`, as RFC 4180 CSV (UTF-8, header row). Its actions are in treaty-actions.csv. "
                + "Text cells that a spreadsheet would run as a formula are prefixed with an apostrophe.";
        });
    }

    public override async Task HandleAsync(ExportTreatiesCsvRequest req, CancellationToken ct)
    {
        if (await TimelineDocuments.FindTimelineAsync(db, req.Slug, ct) is null)
        {
            await Send.ResultAsync(Problems.NotFound("timeline", req.Slug));
            return;
        }

        var asOf = DateQuery.AsOf(req.AsOf);
        var treaties = await ReaderData.TreatiesAsync(db, req.Slug, ct);
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
                string.Join("; ", summary.Parties.Select(p => p.Party.Name)),
                string.Join("; ", summary.Parties.Select(p => $"{p.Party.Slug}: {Kebab.ToValue(p.Status)}")),
                string.Join("; ", summary.Timelines),
            };
        }));
        await Send.BytesAsync(csv, $"{req.Slug}-treaties.csv", CsvExport.ContentType, cancellation: ct);
    }
}
