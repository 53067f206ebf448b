using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Features.Quotes.GetQuote;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Features.Quotes.CreateQuote;

public sealed class CreateQuoteEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : Endpoint<QuoteWriteRequest, QuoteResponse>
{
    public override void Configure()
    {
        Post("/quotes");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<QuoteResponse>(WriteKind.Create, "createQuote"));
        Summary(s =>
        {
            s.Summary = "Create a quote";
            s.Description = WriteDescriptions.Explain(WriteKind.Create, "Adds words said by an actor, with their source and what they are about.");
        });
    }

    public override async Task HandleAsync(QuoteWriteRequest req, CancellationToken ct) => await Send.ResultAsync(await CreateAsync(req, ct));

    private async Task<IResult> CreateAsync(QuoteWriteRequest req, CancellationToken ct)
    {
        if (await QuoteEditor.SlugTakenAsync(db, req.Slug, ct))
            return Problems.KeyTaken(QuoteEditor.ResourceType, req.Slug);
        var created = new Quote { Slug = req.Slug, Text = req.Text };
        if (await QuoteEditor.ApplyAsync(db, created, req, ct) is { Count: > 0 } failures)
            return EditSession.Invalid(failures);
        db.Quotes.Add(created);
        edit.Log(ChangeOperation.Create, created, QuoteEditor.ResourceType, created.Slug, QuoteEditor.TimelinesOf(created), null, QuoteEditor.ToWrite(created));
        return await edit.SaveAsync(ct, keepCopies: t => QuoteEditor.KeepCopiesAsync(db, search, created, t))
            ?? await edit.CommitAsync(Representation.Of(QuoteEditor.Represent(created), StatusCodes.Status201Created, QuoteEditor.PathOf(created.Slug)), ct);
    }
}
