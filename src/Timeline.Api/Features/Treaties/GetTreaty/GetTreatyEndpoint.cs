using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Treaties.GetTreaty;

public sealed class GetTreatyRequest
{
    public string Slug { get; set; } = "";

    /// <summary>Report force and party statuses as recorded up to this EDTF date (its last day); without it, today's.</summary>
    [QueryParam]
    public EdtfDate? AsOf { get; set; }
}

/// <summary>A treaty with its parties table, the commitments it made and its whole record of actions, in the order they took effect.</summary>
public sealed class TreatyResponse : TreatySummaryResponse
{
    public string? Description { get; init; }

    /// <summary>The event at which it was signed.</summary>
    public EventRefResponse? Event { get; init; }

    /// <summary>The commitments it made (follow their status at /commitments/{slug}).</summary>
    public required IReadOnlyList<CommitmentRefResponse> Commitments { get; init; }

    /// <summary>Every action, retracted ones included (marked), in the order they took effect.</summary>
    public required IReadOnlyList<TreatyActionResponse> Actions { get; init; }
}

public sealed class GetTreatyEndpoint(TimelineDbContext db) : Endpoint<GetTreatyRequest, TreatyResponse>
{
    public override void Configure()
    {
        Get("/treaties/{slug}");
        AllowAnonymous();
        Description(d => d.WithName("getTreaty")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound));
        Summary(s =>
        {
            s.Summary = "Get a treaty";
            s.Description = "A treaty (or agreement, charter, programme, declaration): whether it is in force and since when, each party's "
                + "status (today or as of `asOf`), the commitments it made and its full, sourced record of actions.";
        });
    }

    public override async Task HandleAsync(GetTreatyRequest req, CancellationToken ct)
    {
        var treaty = await TreatyEditor.LoadAsync(db.Treaties.AsNoTracking(), req.Slug, DateQuery.AsOf(req.AsOf), ct);
        await Send.ResultAsync(treaty is null ? Problems.NotFound(TreatyEditor.ResourceType, req.Slug) : treaty.Representation);
    }
}
