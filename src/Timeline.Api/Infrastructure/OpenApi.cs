using FastEndpoints.Swagger;
using System.Text.Json;
using NJsonSchema.Generation;
using NSwag;
using NSwag.Generation;

namespace Timeline.Api.Infrastructure;

/// <summary>
/// FastEndpoints.Swagger (NSwag) builds the document, because it understands FastEndpoints' request
/// binding; Swashbuckle's UI serves it at /swagger. The committed openapi.yaml is the same document.
/// </summary>
public static class OpenApi
{
    public const string DocumentName = "v1";
    public const string JsonPath = "/openapi/v1.json";

    public static IServiceCollection AddTimelineOpenApi(this IServiceCollection services) =>
        services.SwaggerDocument(o =>
        {
            o.ShortSchemaNames = true;
            o.EnableJWTBearerAuth = false;
            o.AutoTagPathSegmentIndex = 1; // the first segment after /api/v1: tag operations by area
            o.SerializerSettings = TimelineApp.ConfigureJson; // enum values as on the wire (kebab-case)
            o.TagCase = TagCase.LowerCase;
            o.RemoveEmptyRequestSchema = true;
            o.DocumentSettings = s =>
            {
                s.DocumentName = DocumentName;
                s.SchemaSettings.SchemaProcessors.Add(new KebabEnumSchemaProcessor());
                s.Title = "Timeline API";
                s.Version = "v1";
                s.Description = "Treaties, their dated events and the commitments they make — and whether each commitment materialised. "
                    + "Reads are public and cacheable (ETag, Cache-Control, 304); lists are cursor-paginated (Link: rel=\"next\"); "
                    + "errors are RFC 9457 problem+json.";
                s.PostProcess = document =>
                {
                    document.Info.License = new OpenApiLicense { Name = "MIT", Url = "https://opensource.org/licenses/MIT" };
                    document.Info.Contact = new OpenApiContact { Name = "Timeline maintainers" };
                    document.Servers.Clear();
                };
            };
        });

    public static WebApplication UseTimelineOpenApi(this WebApplication app)
    {
        app.UseOpenApi(o =>
        {
            o.Path = "/openapi/{documentName}.json";
            // Documents served to a browser keep no host-specific servers entry either, like openapi.yaml.
            o.PostProcess = (document, _) => document.Servers.Clear();
        });
        app.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = "swagger";
            ui.DocumentTitle = "Timeline API";
            ui.SwaggerEndpoint(JsonPath, "Timeline API v1");
        });
        return app;
    }

    /// <summary>The OpenAPI document as YAML, generated in-process from the endpoints.</summary>
    public static async Task<string> GenerateYamlAsync(IServiceProvider services)
    {
        var generator = services.GetRequiredService<IOpenApiDocumentGenerator>();
        var document = await generator.GenerateAsync(DocumentName);
        document.Servers.Clear();
        return document.ToYaml().ReplaceLineEndings("\n");
    }
}

/// <summary>Describes enums with their wire values (<c>partially-materialised</c>), which NJsonSchema does not derive from the naming policy.</summary>
internal sealed class KebabEnumSchemaProcessor : ISchemaProcessor
{
    public void Process(SchemaProcessorContext context)
    {
        var type = Nullable.GetUnderlyingType(context.ContextualType.Type) ?? context.ContextualType.Type;
        if (!type.IsEnum)
            return;

        context.Schema.Enumeration.Clear();
        context.Schema.EnumerationNames.Clear();
        foreach (var name in Enum.GetNames(type))
            context.Schema.Enumeration.Add(JsonNamingPolicy.KebabCaseLower.ConvertName(name));
    }
}
