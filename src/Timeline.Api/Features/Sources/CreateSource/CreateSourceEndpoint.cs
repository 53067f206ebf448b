using Timeline.Api.Domain;
using Timeline.Api.Infrastructure.Writes;
using Source = Timeline.Api.Domain.Source;

namespace Timeline.Api.Features.Sources.CreateSource;

public sealed class CreateSourceEndpoint(ResourceWrites writes)
    : CreateResourceEndpoint<Source, SourceWriteRequest, SourceDetailResponse>(writes, SourceEditor.Instance)
{
    public override void Configure() =>
        ConfigureCreate("/sources", "createSource", "Create a source", "Adds a source that events, assessments and quotes can cite by URL.");
}
