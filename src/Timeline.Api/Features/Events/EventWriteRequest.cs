using FastEndpoints;
using FluentValidation;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Events;

/// <summary>An event as editors write it: references by slug, sources inline by URL.</summary>
public sealed class EventWriteRequest
{
    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Summary { get; set; }

    /// <summary>EDTF date or interval, e.g. 2019-12-08, 2019-12, 2003-04~, 2000-06-26/2000-06-27.</summary>
    public string Date { get; set; } = "";

    /// <summary>treaty, signing, agreement, meeting, summit, talks, statement, poll, law, ratification, deadline, ...</summary>
    public string Kind { get; set; } = "";

    /// <summary>occurred, planned, cancelled or postponed.</summary>
    public string Status { get; set; } = "";
    public string? Place { get; set; }

    /// <summary>high, medium or low.</summary>
    public string? Confidence { get; set; }
    public string? Note { get; set; }

    /// <summary>Slugs of the timelines the event belongs to (at least one).</summary>
    public List<string> Timelines { get; set; } = [];
    public List<EventActorInput> Actors { get; set; } = [];
    public List<string> Tags { get; set; } = [];
    public List<RelatedEventInput> Related { get; set; } = [];

    /// <summary>At least one source.</summary>
    public List<SourceInput> Sources { get; set; } = [];
}

public sealed class EventActorInput
{
    public string Actor { get; set; } = "";

    /// <summary>signatory, participant, host, speaker, organiser, subject, author or mediator.</summary>
    public string Role { get; set; } = "";
}

public sealed class RelatedEventInput
{
    public string Event { get; set; } = "";

    /// <summary>anniversary-of, follow-up-to, postponed-to, replaced-by, talks-held-instead-of, part-of, response-to, preceded-by.</summary>
    public string Relation { get; set; } = "";
}

public sealed class EventWriteValidator : Validator<EventWriteRequest>
{
    public static readonly EventWriteValidator Instance = new();

    public EventWriteValidator()
    {
        RuleFor(e => e.Slug).MustBeSlug();
        RuleFor(e => e.Title).NotEmpty().MaximumLength(300);
        RuleFor(e => e.Summary).MaximumLength(4000);
        RuleFor(e => e.Date).NotEmpty();
        RuleFor(e => (string?)e.Date).MustBeEdtf().OverridePropertyName("date");
        RuleFor(e => (string?)e.Kind).NotEmpty().MustBeValue<EventWriteRequest, EventKind>().OverridePropertyName("kind");
        RuleFor(e => (string?)e.Status).NotEmpty().MustBeValue<EventWriteRequest, EventStatus>().OverridePropertyName("status");
        RuleFor(e => e.Place).MaximumLength(200);
        RuleFor(e => e.Confidence).MustBeValue<EventWriteRequest, Confidence>();
        RuleFor(e => e.Note).MaximumLength(2000);
        RuleFor(e => e.Timelines).NotEmpty().WithMessage("An event belongs to at least one timeline.");
        RuleFor(e => e.Actors).NotNull();
        RuleFor(e => e.Tags).NotNull();
        RuleFor(e => e.Related).NotNull();
        RuleForEach(e => e.Timelines).MustBeSlug();
        RuleForEach(e => e.Actors).NotNull().ChildRules(actor =>
        {
            actor.RuleFor(a => a.Actor).MustBeSlug();
            actor.RuleFor(a => (string?)a.Role).NotEmpty().MustBeValue<EventActorInput, ActorRole>().OverridePropertyName("role");
        });
        RuleForEach(e => e.Tags).MustBeSlug();
        RuleForEach(e => e.Related).NotNull().ChildRules(related =>
        {
            related.RuleFor(r => r.Event).MustBeSlug();
            related.RuleFor(r => (string?)r.Relation).NotEmpty().MustBeValue<RelatedEventInput, EventRelationKind>().OverridePropertyName("relation");
        });
        RuleFor(e => e.Sources).NotEmpty().WithMessage("Every event needs at least one source.");
        RuleForEach(e => e.Sources).NotNull().SetValidator(new SourceInputValidator());
    }
}
