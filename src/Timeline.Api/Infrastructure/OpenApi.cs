using FastEndpoints.Swagger;
using System.Text.Json;
using NJsonSchema.Generation;
using NSwag;
using NSwag.Generation;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Infrastructure;

/// <summary>
/// FastEndpoints.Swagger (NSwag) builds the document, because it understands FastEndpoints' request
/// binding; Swashbuckle's UI serves it at /swagger. The committed openapi.yaml is the same document.
/// </summary>
public static partial class OpenApi
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
                // A change log's before and after are whatever the field holds: any JSON value, not .NET's JsonNode members.
                s.SchemaSettings.TypeMappers.Add(new NJsonSchema.Generation.TypeMappers.PrimitiveTypeMapper(typeof(System.Text.Json.Nodes.JsonNode),
                    schema => schema.Description = "Any JSON value: the field as the resource's write representation has it."));
                // A query parameter bound to an EDTF date is text on the wire (Features/Common/DateQuery, Infrastructure/QueryValues).
                s.SchemaSettings.TypeMappers.Add(new NJsonSchema.Generation.TypeMappers.PrimitiveTypeMapper(typeof(Domain.EdtfDate), schema =>
                {
                    schema.Type = NJsonSchema.JsonObjectType.String;
                    schema.Format = "edtf";
                    schema.Pattern = null;
                }));
                // First, so that it runs before the document processor FastEndpoints has already added.
                s.DocumentProcessors.Insert(0, new RoutesOutsidePrefixProcessor());
                s.OperationProcessors.Add(new WriteContractProcessor());
                // Writes need an API key; Swagger UI's Authorize button takes it, and reads stay anonymous.
                s.AddAuth("ApiKey", new OpenApiSecurityScheme
                {
                    Type = OpenApiSecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "tl_<id>_<secret>",
                    Description = "An API key from `dotnet run --project src/Timeline.Api -- keys create --name <name> --role editor|admin`.",
                });
                s.Title = "Timeline API";
                s.Version = "v1";
                s.Description = "Treaties, their dated events and the commitments they make — and whether each commitment materialised. "
                    + "Reads are public and cacheable (ETag, Cache-Control, 304); lists are cursor-paginated (Link: rel=\"next\"); "
                    + "every GET also answers HEAD; responses are compressed (Brotli, gzip) on Accept-Encoding; "
                    + "errors are RFC 9457 problem+json, whatever Accept says.";
                s.PostProcess = document =>
                {
                    document.Info.License = new OpenApiLicense { Name = "MIT", Url = "https://opensource.org/licenses/MIT" };
                    document.Info.Contact = new OpenApiContact { Name = "Timeline maintainers" };
                    ServeFromAnyHost(document);
                    WriteContractProcessor.PostProcess(document);
                    SharedResponses.PostProcess(document);
                    // Roles are not OAuth scopes: an http bearer requirement lists none (the roles are in each description).
                    foreach (var requirement in document.Operations.SelectMany(o => o.Operation.Security ?? []))
                    {
                        foreach (var scheme in requirement.Keys.ToList())
                            requirement[scheme] = [];
                    }

                    foreach (var (name, description) in Tags)
                        document.Tags.Add(new OpenApiTag { Name = name, Description = description });
                };
            };
        });

    private static readonly (string Name, string Description)[] Tags =
    [
        ("timelines", "Stories of events and commitments, with their scorecards."),
        ("events", "Dated happenings, including those announced that never took place."),
        ("commitments", "Promises made in events, with their append-only, sourced status history."),
        ("actors", "People, states and organisations, found under any spelling of their names."),
        ("treaties", "Treaties and other instruments: their parties, each party's dated actions, and the commitments they made."),
        ("quotes", "Words said by actors, with their source."),
        ("sources", "Cited publications, found by URL when facts cite them."),
        ("search", "Full-text search across everything."),
        ("changes", "The public log of every write: what changed, when, and by which key's name."),
        ("embed", "The embeddable widget and its oEmbed endpoint, outside /api/v1."),
        ("pages", "Public HTML pages for readers, outside /api/v1: a timeline, an event, a commitment, and the status picture."),
        ("health", "Liveness and readiness for process managers and load balancers, outside /api/v1."),
    ];

    /// <summary>One relative server: the document works on whichever host serves the API.</summary>
    private static void ServeFromAnyHost(OpenApiDocument document)
    {
        document.Servers.Clear();
        document.Servers.Add(new OpenApiServer { Url = "/", Description = "The host serving this API" });
    }

    public static WebApplication UseTimelineOpenApi(this WebApplication app)
    {
        app.UseOpenApi(o =>
        {
            o.Path = "/openapi/{documentName}.json";
            // The served document names no host either, exactly like openapi.yaml.
            o.PostProcess = (document, _) => ServeFromAnyHost(document);
        });
        // On in every environment, Production included: trying the API in the browser is one of its main uses.
        if (SwaggerUiEnabled(app.Configuration))
        {
            app.UseSwaggerUI(ui =>
            {
                ui.RoutePrefix = "swagger";
                ui.DocumentTitle = "Timeline API";
                ui.SwaggerEndpoint(JsonPath, "Timeline API v1");
            });
        }

        return app;
    }

    /// <summary><c>SwaggerUi:Enabled</c> (default true) serves Swagger UI at /swagger; the document at /openapi/v1.json stays either way.</summary>
    public static bool SwaggerUiEnabled(IConfiguration configuration) => configuration.GetValue("SwaggerUi:Enabled", defaultValue: true);

    /// <summary>The OpenAPI document as YAML, generated in-process from the endpoints.</summary>
    public static async Task<string> GenerateYamlAsync(IServiceProvider services)
    {
        var generator = services.GetRequiredService<IOpenApiDocumentGenerator>();
        var document = await generator.GenerateAsync(DocumentName);
        ServeFromAnyHost(document);
        return QuoteStatusCodes(document.ToYaml().ReplaceLineEndings("\n"));
    }

    /// <summary>
    /// NSwag writes response codes as bare numbers (<c>200:</c>); OpenAPI requires string keys, which
    /// YAML only gives when they are quoted (<c>'200':</c>).
    /// </summary>
    private static string QuoteStatusCodes(string yaml) => StatusCodeKey().Replace(yaml, "$1'$2':");

    [System.Text.RegularExpressions.GeneratedRegex(@"(?m)^(\s+)([1-5][0-9]{2}|default):$")]
    private static partial System.Text.RegularExpressions.Regex StatusCodeKey();
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

/// <summary>
/// FastEndpoints keeps one operation per method and route with the route prefix removed (for its endpoint versioning), so
/// the page <c>GET /timelines/{slug}</c> and the API's <c>GET /api/v1/timelines/{slug}</c> would count as one and the
/// page would vanish from the document. Routes outside the prefix are keyed by their full path instead.
/// </summary>
internal sealed class RoutesOutsidePrefixProcessor : NSwag.Generation.Processors.IDocumentProcessor
{
    /// <summary>Where FastEndpoints keeps an operation's prefix-less route until its own document processor has used it.</summary>
    private const string RouteKey = "__fastEndpointsRoute";

    /// <summary>Inserted first, so that it runs before the document processor FastEndpoints registers.</summary>
    public void Process(NSwag.Generation.Processors.Contexts.DocumentProcessorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var (path, item) in context.Document.Paths.Where(p => !p.Key.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var (method, operation) in item)
            {
                if (operation.ExtensionData?.ContainsKey(RouteKey) == true)
                    operation.ExtensionData[RouteKey] = $"{method}:outside-prefix{path}";
            }
        }
    }
}
