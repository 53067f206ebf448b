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
    public required IReadOnlyList<string> Timelines { get; init; }
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
        var quote = await QuoteDetails.LoadAsync(db, req.Slug, ct);
        if (quote is null)
        {
            await Send.ResultAsync(Problems.NotFound("quote", req.Slug));
            return;
        }

        HttpContext.Response.Headers.ETag = ETags.Of(quote);
        await Send.OkAsync(quote, ct);
    }
}

/// <summary>Loads a quote's representation: for GET, and for the ETag writes check.</summary>
public static class QuoteDetails
{
    public static Task<QuoteResponse?> LoadAsync(TimelineDbContext db, string slug, CancellationToken ct) =>
        db.Quotes.AsNoTracking().Where(q => q.Slug == slug).Select(q => new QuoteResponse
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
            Timelines = q.Timelines.OrderBy(t => t.Slug).Select(t => t.Slug).ToList(),
        }).SingleOrDefaultAsync(ct);
}
