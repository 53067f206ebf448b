using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Features.Common;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Quotes.GetQuote;

public sealed class GetQuoteRequest
{
    public string Slug { get; set; } = "";
}

/// <summary>Words someone said, who said them, when, where they were reported and what they are about.</summary>
public sealed class QuoteResponse
{
    public required string Slug { get; init; }
    public required string Text { get; init; }
    public required ActorRefResponse Speaker { get; init; }
    public DateResponse? Date { get; init; }
    public required SourceResponse Source { get; init; }
    public EventRefResponse? Event { get; init; }
    public CommitmentRefResponse? Commitment { get; init; }
}

public sealed class GetQuoteEndpoint(TimelineDbContext db) : Endpoint<GetQuoteRequest, QuoteResponse>
{
    public override void Configure()
    {
        Get("/quotes/{slug}");
        AllowAnonymous();
        Description(d => d.WithName("getQuote").ProducesProblem(StatusCodes.Status404NotFound));
        Summary(s =>
        {
            s.Summary = "Get a quote";
            s.Description = "A quote with its speaker, date, source and the event or commitment it is about.";
        });
    }

    public override async Task HandleAsync(GetQuoteRequest req, CancellationToken ct)
    {
        var quote = await db.Quotes.AsNoTracking().Where(q => q.Slug == req.Slug).Select(q => new QuoteResponse
        {
            Slug = q.Slug,
            Text = q.Text,
            Speaker = new ActorRefResponse { Slug = q.Speaker!.Slug, Name = q.Speaker.Name },
            Date = DateResponse.FromOptional(q.DateText),
            Source = new SourceResponse
            {
                Url = q.Source!.Url, Title = q.Source.Title, Publisher = q.Source.Publisher,
                Published = q.Source.PublishedText, ArchivedUrl = q.Source.ArchivedUrl,
            },
            Event = q.Event == null ? null : new EventRefResponse
            {
                Slug = q.Event.Slug, Title = q.Event.Title, Date = DateResponse.From(q.Event.DateText), Status = q.Event.Status,
            },
            Commitment = q.Commitment == null ? null : new CommitmentRefResponse { Slug = q.Commitment.Slug, Title = q.Commitment.Title },
        }).SingleOrDefaultAsync(ct);
        if (quote is null)
            await Send.ResultAsync(Problems.NotFound("quote", req.Slug));
        else
            await Send.OkAsync(quote, ct);
    }
}
