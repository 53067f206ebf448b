using Timeline.Api.Domain;
using Timeline.Api.Infrastructure.Writes;
using Source = Timeline.Api.Domain.Source;

namespace Timeline.Api.Features.Sources.ReplaceSource;

public sealed class ReplaceSourceEndpoint(ResourceWrites writes)
    : ReplaceResourceEndpoint<Source, SourceWriteRequest, SourceDetailResponse>(writes, SourceEditor.Instance)
{
    public override void Configure() =>
        ConfigureReplace("/sources/{id}", "replaceSource", "Replace a source", "Replaces every field of the source.");
}
