using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Commitments.GetCommitment;

public sealed class GetCommitmentRequest
{
    public string Slug { get; set; } = "";

    /// <summary>Report the status as recorded up to this EDTF date; without it, the current status.</summary>
    [QueryParam]
    public EdtfDate? AsOf { get; set; }

    /// <summary>The language of the texts (BCP 47); without it, <c>Accept-Language</c> decides. Texts not available in it fall back (see <c>fallbacks</c>).</summary>
    [QueryParam]
    public string? Lang { get; set; }
}

public sealed class GetCommitmentValidator : Validator<GetCommitmentRequest>
{
    public GetCommitmentValidator()
    {
        RuleFor(r => r.Lang).MustBeLanguageTag();
    }
}

/// <summary>A commitment with its whole status history, oldest first.</summary>
public sealed class CommitmentResponse : CommitmentSummaryResponse
{
    public required IReadOnlyList<AssessmentResponse> History { get; init; }

    /// <summary>The treaties (agreements, charters...) that made or restated it; their records are at /treaties/{slug}.</summary>
    public required IReadOnlyList<TreatyRefResponse> Treaties { get; init; }

    /// <summary>Present when a language was asked for (<c>lang</c> or <c>Accept-Language</c>): each text of this response not in the first language asked for, with the language it is in (a later preference, the record's original, or English).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TextFallbackResponse>? Fallbacks { get; init; }
}

public sealed class GetCommitmentEndpoint(TimelineDbContext db) : Endpoint<GetCommitmentRequest, CommitmentResponse>
{
    public override void Configure()
    {
        Get("/commitments/{slug}");
        AllowAnonymous();
        Description(d => d.WithName("getCommitment")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound));
        Summary(s =>
        {
            s.Summary = "Get a commitment";
            s.Description = "A commitment, its status (today or as of `asOf`) and its full, sourced status history, its texts in the language "
                + "asked for (`lang`, else `Accept-Language`) where they are translated, else in the record's original language, else in English; "
                + "`fallbacks` lists the texts that are not in the language asked for first, and `Content-Language` gives the title's.";
        });
    }

    public override async Task HandleAsync(GetCommitmentRequest req, CancellationToken ct)
    {
        var texts = TextChooser.For(HttpContext.Request);
        var commitment = await CommitmentEditor.LoadAsync(db.Commitments.AsNoTracking(), req.Slug, DateQuery.AsOf(req.AsOf), ct, texts);
        if (commitment is not null)
            texts.Announce(HttpContext.Response);
        await Send.ResultAsync(commitment is null ? Problems.NotFound("commitment", req.Slug) : commitment.Representation);
    }
}
