using System.Globalization;
using System.Text.Json.Nodes;
using FastEndpoints;
using FluentValidation;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Features.Treaties.RetractTreatyAction;

/// <summary>Why an action is withdrawn; the retraction is recorded, nothing is erased.</summary>
public sealed class RetractTreatyActionRequest
{
    public string Slug { get; set; } = "";
    public long Id { get; set; }

    /// <summary>Shown to readers beside the retracted action.</summary>
    public string Reason { get; set; } = "";
}

public sealed class RetractTreatyActionValidator : Validator<RetractTreatyActionRequest>
{
    public RetractTreatyActionValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(2000);
}

public sealed class RetractTreatyActionEndpoint(TimelineDbContext db, EditSession edit) : Endpoint<RetractTreatyActionRequest, TreatyActionResponse>
{
    public override void Configure()
    {
        Post("/treaties/{slug}/actions/{id}/retraction");
        Roles(ApiKeyAuthenticationHandler.Admin);
        Description(d => d.DescribeWrite<TreatyActionResponse>(WriteKind.Append, "retractTreatyAction", StatusCodes.Status200OK));
        Summary(s =>
        {
            s.Summary = "Retract a treaty action (admin)";
            s.Description = WriteDescriptions.Explain(WriteKind.Append,
                "Withdraws an action: it stays in the record, marked retracted with the reason, and no longer counts for statuses or force. "
                + "A second retraction of the same action is a 409.");
        });
    }

    public override async Task HandleAsync(RetractTreatyActionRequest req, CancellationToken ct) => await Send.ResultAsync(await RetractAsync(req, ct));

    private async Task<IResult> RetractAsync(RetractTreatyActionRequest req, CancellationToken ct)
    {
        var current = await TreatyEditor.LoadForChangeAsync(db, req.Slug, ct);
        var action = current?.Entity.Actions.SingleOrDefault(a => a.Id == req.Id);
        if (current is null || action is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found",
                detail: $"The treaty '{req.Slug}' has no action {req.Id}.");
        }

        if (edit.OptionalPrecondition(current.Representation) is { } stale)
            return stale;
        if (action.RetractedAt is not null)
            return Problems.Conflict($"Action {req.Id} was already retracted.");

        var treaty = current.Entity;
        action.RetractedAt = edit.Now;
        action.RetractedBy = edit.Caller;
        action.RetractionReason = req.Reason;
        treaty.Changed(edit.Now);
        edit.Record(ChangeOperation.Retract, TreatyEditor.ActionResourceType, $"{treaty.Slug}/{action.Id.ToString(CultureInfo.InvariantCulture)}",
            TreatyEditor.TimelinesOf(treaty), new JsonObject { ["retracted"] = false }, new JsonObject { ["retracted"] = true, ["reason"] = req.Reason });
        return await edit.SaveAsync(ct) ?? await edit.CommitAsync(Representation.Of(TreatyActionResponse.From(action)), ct);
    }
}
