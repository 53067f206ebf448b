using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Treaties.ListTreatyActions;

public sealed class ListTreatyActionsRequest
{
    public string Slug { get; set; } = "";

    /// <summary>Only what had happened by this EDTF date (its last day); without it, the whole record.</summary>
    [QueryParam]
    public EdtfDate? AsOf { get; set; }
}

/// <summary>A treaty's record up to a day, and what it adds up to on that day.</summary>
public sealed class TreatyActionsResponse
{
    public required string Treaty { get; init; }
    public required string Title { get; init; }

    /// <summary>The day asked for (null: everything recorded).</summary>
    public DateOnly? AsOf { get; init; }
    public required bool InForce { get; init; }
    public DateResponse? InForceSince { get; init; }
    public required bool Provisional { get; init; }

    /// <summary>Each party's status on that day.</summary>
    public required IReadOnlyList<PartyStatusResponse> Parties { get; init; }

    /// <summary>The actions that had certainly happened by then (an action dated "2025-02-18/2025-03-03" from 3 March), retracted ones included and marked, in the order they took effect.</summary>
    public required IReadOnlyList<TreatyActionResponse> Actions { get; init; }
}

public sealed class ListTreatyActionsEndpoint(TimelineDbContext db) : Endpoint<ListTreatyActionsRequest, TreatyActionsResponse>
{
    public override void Configure()
    {
        Get("/treaties/{slug}/actions");
        AllowAnonymous();
        Description(d => d.WithName("listTreatyActions")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound));
        Summary(s =>
        {
            s.Summary = "List a treaty's actions";
            s.Description = "Each party's signatures, ratifications, entries into force, suspensions and withdrawals, dated and sourced, as recorded "
                + "up to `asOf`, with the parties' statuses and the treaty's force on that day.";
        });
    }

    public override async Task HandleAsync(ListTreatyActionsRequest req, CancellationToken ct)
    {
        var treaty = await TreatyEditor.Whole(db.Treaties.AsNoTracking()).SingleOrDefaultAsync(t => t.Slug == req.Slug, ct);
        if (treaty is null)
        {
            await Send.ResultAsync(Problems.NotFound(TreatyEditor.ResourceType, req.Slug));
            return;
        }

        var asOf = DateQuery.AsOf(req.AsOf);
        var standing = new TreatyStanding(treaty, asOf);
        await Send.OkAsync(new TreatyActionsResponse
        {
            Treaty = treaty.Slug,
            Title = treaty.Title,
            AsOf = req.AsOf is null ? null : asOf,
            InForce = standing.Force.InForce,
            InForceSince = standing.InForceSince,
            Provisional = standing.Force.Provisional,
            Parties = standing.Parties(),
            Actions = [.. standing.Actions.Where(a => a.DateEnd <= asOf).Select(TreatyActionResponse.From)],
        }, ct);
    }
}
