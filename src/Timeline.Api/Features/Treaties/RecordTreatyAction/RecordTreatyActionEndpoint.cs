using FastEndpoints;
using FluentValidation;
using FluentValidation.Results;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Features.Treaties.RecordTreatyAction;

/// <summary>A new entry in a treaty's record: what a party (or the treaty as a whole) did, when. The record is append-only.</summary>
public sealed class RecordTreatyActionRequest
{
    public string Slug { get; set; } = "";

    /// <summary>Slug of the acting party, one of the treaty's parties; leave out for the treaty as a whole (entry-into-force, provisional-application).</summary>
    public string? Party { get; set; }

    /// <summary>signature, ratification, acceptance, approval, accession, entry-into-force, provisional-application, reservation, declaration, suspension, withdrawal or denunciation.</summary>
    public string Kind { get; set; } = "";

    /// <summary>When it happened (EDTF); an interval when only bounds are known.</summary>
    public string Date { get; set; } = "";

    /// <summary>The body that acted: State Duma, Federation Council, President...</summary>
    public string? Body { get; set; }

    /// <summary>Slug of the event at which it happened, if any.</summary>
    public string? Event { get; set; }
    public string? Note { get; set; }

    /// <summary>At least one source.</summary>
    public List<SourceInput> Sources { get; set; } = [];
}

public sealed class RecordTreatyActionValidator : Validator<RecordTreatyActionRequest>
{
    public RecordTreatyActionValidator()
    {
        RuleFor(a => a.Party!).MustBeSlug().When(a => a.Party is not null);
        RuleFor(a => (string?)a.Kind).NotEmpty().MustBeValue<RecordTreatyActionRequest, TreatyActionKind>().OverridePropertyName("kind");
        RuleFor(a => a.Date).NotEmpty();
        RuleFor(a => (string?)a.Date).MustBeEdtf().OverridePropertyName("date");
        RuleFor(a => a.Body).MaximumLength(200);
        RuleFor(a => a.Event!).MustBeSlug().When(a => a.Event is not null);
        RuleFor(a => a.Note).MaximumLength(2000);
        RuleFor(a => a.Sources).NotEmpty().WithMessage("Every action needs at least one source.");
        RuleForEach(a => a.Sources).NotNull().SetValidator(new SourceInputValidator());
    }
}

public sealed class RecordTreatyActionEndpoint(TimelineDbContext db, EditSession edit) : Endpoint<RecordTreatyActionRequest, TreatyActionResponse>
{
    // The id the rules give the action before it is saved: no saved action has it.
    private const long NewAction = -1;

    public override void Configure()
    {
        Post("/treaties/{slug}/actions");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<TreatyActionResponse>(WriteKind.Append, "recordTreatyAction", StatusCodes.Status201Created));
        Summary(s =>
        {
            s.Summary = "Record a treaty action";
            s.Description = WriteDescriptions.Explain(WriteKind.Append,
                "Appends a dated, sourced action (a signature, ratification, entry into force, suspension, withdrawal...) to the treaty's record. "
                + "An action that contradicts the record — a ratification dated before that party's signature, an entry into force before the last "
                + "ratification it needs — is a 400 naming the field. Answers 201 with the action, and `Location`: the treaty's actions.");
        });
    }

    public override async Task HandleAsync(RecordTreatyActionRequest req, CancellationToken ct) => await Send.ResultAsync(await RecordAsync(req, ct));

    private async Task<IResult> RecordAsync(RecordTreatyActionRequest req, CancellationToken ct)
    {
        var record = TreatyEditor.Record(db);
        var (treaty, refused) = await edit.OwnerAsync(record, req.Slug, ct);
        if (treaty is null)
            return refused!;
        var kind = Kebab.Parse<TreatyActionKind>(req.Kind);
        var date = EdtfDate.Parse(req.Date);
        var party = req.Party is null ? null : treaty.Parties.SingleOrDefault(p => p.Slug == req.Party);
        if (req.Party is not null && party is null)
            return EditSession.Invalid([new ValidationFailure("party", $"'{req.Party}' is not one of the treaty's parties.")]);
        if (treaty.Actions.Any(a => a.RetractedAt is null && a.PartyId == party?.Id && a.Kind == kind && a.DateText == date.Text))
            return Problems.Conflict($"This {req.Kind} dated {date.Text} is already in the record; retract it to correct it.");

        // The rules of the record decide: any contradiction this action would add is refused, on the field that causes it.
        var parties = treaty.Parties.Select(p => p.Id).ToList();
        var entries = treaty.Actions.Select(TreatyRecord.EntryOf).ToList();
        var before = TreatyRecord.Check(entries, parties, treaty.SignedStart).Select(p => (p.Action.Id, p.Field)).ToHashSet();
        var added = TreatyRecord.Check([.. entries, new TreatyActionEntry(NewAction, party?.Id, kind, date.Start, date.End)], parties, treaty.SignedStart)
            .Where(p => !before.Contains((p.Action.Id, p.Field)))
            .ToList();
        if (added.Count > 0)
        {
            return EditSession.Invalid([.. added.Select(p => new ValidationFailure(p.Action.Id == NewAction ? p.Field : "date",
                p.Action.Id == NewAction ? p.Message : $"It would contradict action {p.Action.Id}: {p.Message}"))]);
        }

        var references = new ReferenceResolver(db);
        var @event = await references.OneAsync<Event>(req.Event, null, references.EventsAsync, "event", ct);
        var sources = await references.SourcesAsync(req.Sources, [], ct);
        if (references.Failures.Count > 0)
            return EditSession.Invalid(references.Failures);

        var action = new TreatyAction
        {
            TreatyId = treaty.Id,
            Party = party,
            PartyId = party?.Id,
            Kind = kind,
            Body = req.Body,
            Event = @event,
            Note = req.Note,
            RecordedBy = edit.Caller,
            RecordedAt = edit.Now,
            Sources = sources,
        };
        action.SetDate(date);
        return await edit.AppendAsync(record, treaty, action, req.Slug, ChangeOperation.Record, req, ct);
    }
}
