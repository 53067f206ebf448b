using Timeline.Api.Domain;
using Timeline.Api.Infrastructure.Writes;
using Source = Timeline.Api.Domain.Source;

namespace Timeline.Api.Features.Sources.PatchSource;

public sealed class PatchSourceEndpoint(ResourceWrites writes)
    : PatchResourceEndpoint<Source, SourceWriteRequest, SourceDetailResponse>(writes, SourceEditor.Instance, SourceWriteValidator.Instance)
{
    public override void Configure() =>
        ConfigurePatch("/sources/{id}", "patchSource", "Change a source", "Changes some fields of the source.");
}
