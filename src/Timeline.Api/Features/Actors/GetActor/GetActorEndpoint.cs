using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using FluentValidation;
using Timeline.Api.Data;
using Timeline.Api.Features.Common;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Actors.GetActor;

public sealed class GetActorRequest
{
    public string Slug { get; set; } = "";

    /// <summary>The language of the texts (BCP 47); without it, <c>Accept-Language</c> decides. Texts not available in it fall back (see <c>fallbacks</c>).</summary>
    [QueryParam]
    public string? Lang { get; set; }
}

public sealed class GetActorValidator : Validator<GetActorRequest>
{
    public GetActorValidator() => RuleFor(r => r.Lang).MustBeLanguageTag();
}

public sealed class GetActorEndpoint(TimelineDbContext db) : Endpoint<GetActorRequest, ActorResponse>
{
    public override void Configure()
    {
        Get("/actors/{slug}");
        AllowAnonymous();
        Description(d => d.WithName("getActor").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound));
        Summary(s =>
        {
            s.Summary = "Get an actor";
            s.Description = "An actor with its aliases, its name and description in the language asked for (`lang`, else `Accept-Language`) "
                + "where translated, else in its original language, else in English (`fallbacks` lists those).";
        });
    }

    public override async Task HandleAsync(GetActorRequest req, CancellationToken ct)
    {
        var actor = await ActorEditor.LoadAsync(db.Actors.AsNoTracking(), req.Slug, ct);
        if (actor is null)
        {
            await Send.ResultAsync(Problems.NotFound("actor", req.Slug));
            return;
        }

        await Send.ResultAsync(TextChooser.Represent(HttpContext, actor, (record, texts) => ActorEditor.Represent(record, texts)));
    }
}
