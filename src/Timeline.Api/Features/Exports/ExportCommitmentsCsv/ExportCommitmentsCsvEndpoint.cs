using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data.Queries;
using Timeline.Api.Data.Search;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Commitments;
using Timeline.Api.Features.Common;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Exports.ExportCommitmentsCsv;

public sealed class ExportCommitmentsCsvRequest : CommitmentFilterRequest
{
    public string Slug { get; set; } = "";
}

public sealed class ExportCommitmentsCsvValidator : CommitmentFilterValidator<ExportCommitmentsCsvRequest>;

public sealed class ExportCommitmentsCsvEndpoint(TimelineDbContext db, IFullTextSearch search) : Endpoint<ExportCommitmentsCsvRequest>
{
    public static readonly string[] Header =
    [
        "slug", "title", "description", "category", "parties", "made_in", "made_in_date", "due", "status", "status_date", "timelines",
    ];

    public override void Configure()
    {
        Get("/timelines/{slug}/commitments.csv");
        AllowAnonymous();
        Description(d => d.WithName("exportTimelineCommitmentsCsv").WithMetadata(WholeDocument.Marker).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .Produces<string>(StatusCodes.Status200OK, OutputMediaTypes.Csv)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound));
        Summary(s =>
        {
            s.Summary = "Export a timeline's commitments as CSV";
            s.Description = "Every matching commitment, in the order they were made, with its status today or as recorded up to `asOf`, "
                + "as RFC 4180 CSV (UTF-8, header row), with the same filters as the JSON list and no paging. "
                + "Text cells that a spreadsheet would run as a formula are prefixed with an apostrophe.";
        });
    }

    public override async Task HandleAsync(ExportCommitmentsCsvRequest req, CancellationToken ct)
    {
        if (await TimelineDocuments.FindTimelineAsync(db, req.Slug, ct) is null)
        {
            await Send.ResultAsync(Problems.NotFound("timeline", req.Slug));
            return;
        }

        var rows = await CommitmentList.Filter(db, search, db.Commitments.InTimeline(req.Slug), req)
            .OrderBy(r => r.Commitment.Id)
            .Select(CommitmentSummaryResponse.Rows)
            .AsSplitQuery()
            .ToListAsync(ct);
        // Cells in the language asked for where translated (a CSV has no room to say which fell back: Content-Language
        // gives the first title's).
        var texts = TextChooser.For(HttpContext.Request);
        var commitments = rows.Select((row, i) => CommitmentSummaryResponse.From(row, texts, $"/{i}")).ToList();
        texts.Announce(HttpContext.Response);
        var csv = CsvExport.Write(Header, commitments.Select(c => new[]
        {
            c.Slug,
            c.Title,
            c.Description,
            Kebab.ToValue(c.Category),
            string.Join("; ", c.Parties.Select(p => p.Name)),
            c.MadeIn?.Slug,
            c.MadeIn?.Date.Edtf,
            c.Due?.Edtf,
            c.Status is { } status ? Kebab.ToValue(status) : null,
            c.StatusDate?.Edtf,
            string.Join("; ", c.Timelines),
        }));
        await Send.BytesAsync(csv, $"{req.Slug}-commitments.csv", CsvExport.ContentType, cancellation: ct);
    }
}
