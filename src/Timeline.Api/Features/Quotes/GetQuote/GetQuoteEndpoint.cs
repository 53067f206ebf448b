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
        var quote = await QuoteEditor.LoadAsync(db.Quotes.AsNoTracking(), req.Slug, ct);
        await Send.ResultAsync(quote is null ? Problems.NotFound("quote", req.Slug) : quote.Representation);
    }
}
