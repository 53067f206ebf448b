using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Features.Common;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Quotes.GetQuote;

public sealed class GetQuoteRequest
{
    public string Slug { get; set; } = "";

    /// <summary>The language of the texts (BCP 47); without it, <c>Accept-Language</c> decides. Texts not available in it fall back (see <c>fallbacks</c>).</summary>
    [QueryParam]
    public string? Lang { get; set; }
}

public sealed class GetQuoteValidator : Validator<GetQuoteRequest>
{
    public GetQuoteValidator() => RuleFor(r => r.Lang).MustBeLanguageTag();
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

    /// <summary>Present when a language was asked for (<c>lang</c> or <c>Accept-Language</c>): each text of this response not in the first language asked for, with the language it is in (a later preference, the record's original, or English).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TextFallbackResponse>? Fallbacks { get; init; }
}

public sealed class GetQuoteEndpoint(TimelineDbContext db) : Endpoint<GetQuoteRequest, QuoteResponse>
{
    public override void Configure()
    {
        Get("/quotes/{slug}");
        AllowAnonymous();
        Description(d => d.WithName("getQuote").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound));
        Summary(s =>
        {
            s.Summary = "Get a quote";
            s.Description = "A quote with its speaker, date, source and the event or commitment it is about, its texts in the language asked for "
                + "(`lang`, else `Accept-Language`) where translated, else in the record's original language, else in English (`fallbacks` lists those).";
        });
    }

    public override async Task HandleAsync(GetQuoteRequest req, CancellationToken ct)
    {
        var quote = await QuoteEditor.LoadAsync(db.Quotes.AsNoTracking(), req.Slug, ct);
        if (quote is null)
        {
            await Send.ResultAsync(Problems.NotFound("quote", req.Slug));
            return;
        }

        await Send.ResultAsync(TextChooser.Represent(HttpContext, quote, (record, texts) => QuoteEditor.Represent(record, texts)));
    }
}
