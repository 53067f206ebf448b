using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Features.Common;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Sources.GetSource;

public sealed class GetSourceRequest
{
    public string Id { get; set; } = "";

    /// <summary>The language of the title (BCP 47); without it, <c>Accept-Language</c> decides. A title not available in it falls back (see <c>fallbacks</c>).</summary>
    [QueryParam]
    public string? Lang { get; set; }
}

public sealed class GetSourceValidator : Validator<GetSourceRequest>
{
    public GetSourceValidator() => RuleFor(r => r.Lang).MustBeLanguageTag();
}

public sealed class GetSourceEndpoint(TimelineDbContext db) : Endpoint<GetSourceRequest, SourceDetailResponse>
{
    public override void Configure()
    {
        Get("/sources/{id}");
        AllowAnonymous();
        Description(d => d.WithName("getSource").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound));
        Summary(s =>
        {
            s.Summary = "Get a source";
            s.Description = "A cited publication, by id, its title in the language asked for (`lang`, else `Accept-Language`) where translated, "
                + "else in the original (`fallbacks` says so).";
        });
    }

    public override async Task HandleAsync(GetSourceRequest req, CancellationToken ct)
    {
        var source = await SourceEditor.LoadAsync(db.Sources.AsNoTracking(), req.Id, ct);
        if (source is null)
        {
            await Send.ResultAsync(Problems.NotFound("source", req.Id));
            return;
        }

        await Send.ResultAsync(TextChooser.Represent(HttpContext, source, (record, texts) => SourceEditor.Represent(record, texts)));
    }
}
