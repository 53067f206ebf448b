using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Sources.GetSource;

public sealed class GetSourceRequest
{
    public string Id { get; set; } = "";
}

public sealed class GetSourceEndpoint(TimelineDbContext db) : Endpoint<GetSourceRequest, SourceDetailResponse>
{
    public override void Configure()
    {
        Get("/sources/{id}");
        AllowAnonymous();
        Description(d => d.WithName("getSource").ProducesProblem(StatusCodes.Status404NotFound));
        Summary(s =>
        {
            s.Summary = "Get a source";
            s.Description = "A cited publication, by id.";
        });
    }

    public override async Task HandleAsync(GetSourceRequest req, CancellationToken ct)
    {
        var source = await SourceEditor.LoadAsync(db.Sources.AsNoTracking(), req.Id, ct);
        await Send.ResultAsync(source is null ? Problems.NotFound("source", req.Id) : source.Representation);
    }
}
