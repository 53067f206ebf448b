using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Data.Queries;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Actors.ListActors;

public sealed class ListActorsRequest : IPagedRequest
{
    /// <summary>Part of a name or of any alias, accent- and case-insensitive: "lukashenko" finds Alyaksandr Lukashenka.</summary>
    [QueryParam]
    public string? Q { get; set; }

    /// <summary>Only actors of this kind: person, state, organisation, media.</summary>
    [QueryParam]
    public ActorKind? Kind { get; set; }

    /// <summary>Items per page, 1–200 (default 50).</summary>

    [QueryParam]
    public int? Limit { get; set; }

    /// <summary>The <c>nextCursor</c> of the previous page, to fetch the next one.</summary>

    [QueryParam]
    public string? Cursor { get; set; }

    /// <summary>The language of names and descriptions (BCP 47); without it, <c>Accept-Language</c> decides. Texts not available in it fall back (see <c>fallbacks</c>).</summary>
    [QueryParam]
    public string? Lang { get; set; }
}

public sealed record ActorCursor(string Slug);

public sealed class ListActorsValidator : Validator<ListActorsRequest>
{
    public ListActorsValidator()
    {
        Include(new PagingValidator<ActorCursor>());
        RuleFor(r => r.Q).MaximumLength(200);
        RuleFor(r => r.Lang).MustBeLanguageTag();
    }
}

public sealed class ListActorsEndpoint(TimelineDbContext db) : Endpoint<ListActorsRequest, PageResponse<ActorResponse>>
{
    public override void Configure()
    {
        Get("/actors");
        AllowAnonymous();
        Description(d => d.WithName("listActors").ProducesProblem(StatusCodes.Status400BadRequest));
        Summary(s =>
        {
            s.Summary = "List actors";
            s.Description = "People, states and organisations by slug; `q` matches names and every alias spelling, ignoring accents and case.";
        });
    }

    public override async Task HandleAsync(ListActorsRequest req, CancellationToken ct)
    {
        var query = db.Actors.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(req.Q))
        {
            var folded = TextFolding.Fold(req.Q.Trim());
            query = query.Where(a => a.FoldedName.Contains(folded) || a.Aliases.Any(al => al.FoldedName.Contains(folded)));
        }

        if (req.Kind is { } kind)
            query = query.Where(a => a.Kind == kind);

#pragma warning disable CA1309 // string.Compare runs in SQL (binary collation); the ordinal overload does not translate
        if (Paging.TryDecode<ActorCursor>(req.Cursor, out var after))
            query = query.Where(a => string.Compare(a.Slug, after.Slug) > 0);
#pragma warning restore CA1309

        var limit = Paging.LimitOf(req);
        var rows = await query.OrderBy(a => a.Slug).TakeWrittenIn(limit + 1).Select(ActorResponse.Rows).ToListAsync(ct);
        var page = Paging.ToPage(HttpContext, rows, limit, a => new ActorCursor(a.Slug));
        var texts = TextChooser.For(HttpContext.Request);
        var items = page.Items.Select((row, i) => ActorResponse.From(row, texts, $"/items/{i}")).ToList();
        texts.Announce(HttpContext.Response);
        await Send.OkAsync(new PageResponse<ActorResponse> { Items = items, NextCursor = page.NextCursor, Fallbacks = texts.Fallbacks }, ct);
    }
}
