using Timeline.Api.Domain;
using Timeline.Api.Infrastructure.Writes;
using Source = Timeline.Api.Domain.Source;

namespace Timeline.Api.Features.Sources.DeleteSource;

public sealed class DeleteSourceEndpoint(ResourceWrites writes)
    : DeleteResourceEndpoint<Source, SourceWriteRequest, SourceDetailResponse>(writes, SourceEditor.Instance)
{
    public override void Configure() =>
        ConfigureDelete("/sources/{id}", "deleteSource", "Delete a source", "Deletes the source; refused while events, assessments or quotes cite it.");
}
