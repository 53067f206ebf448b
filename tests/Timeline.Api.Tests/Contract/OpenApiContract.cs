using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using YamlDotNet.RepresentationModel;

namespace Timeline.Api.Tests.Contract;

/// <summary>One HTTP exchange as the client saw it, bodies buffered.</summary>
public sealed record Exchange(
    HttpMethod Method, Uri Url, HttpRequestHeaders RequestHeaders, MediaTypeHeaderValue? RequestType, byte[]? RequestBody,
    int Status, HttpResponseHeaders ResponseHeaders, HttpContentHeaders? ContentHeaders, byte[] ResponseBody);

/// <summary>
/// The committed openapi.yaml as a contract an exchange can be checked against: the operation is found by method and
/// path template (Microsoft.OpenApi reads the document), its answer's status must be documented, with a documented media
/// type, every header the document marks required, and a body valid by the documented schema (JsonSchema.Net, the
/// document's OpenAPI 3.0 schemas read as JSON Schema 2020-12 with <c>nullable</c> as a <c>null</c> type). A request the
/// server accepted (2xx) must itself be valid by the document: its query parameters and header parameters declared,
/// its body valid by the request schema of its media type. What is not the API's (Swagger UI, the document itself,
/// metrics, static files) is not checked; any other undocumented path may only answer 404 or 405.
/// </summary>
public sealed partial class OpenApiContract
{
    private readonly List<DocumentedOperation> _operations;
    private readonly string _documentJson;
    // Lazy: concurrent requests may ask for the same schema first, and a schema's id may be registered only once.
    private readonly ConcurrentDictionary<string, Lazy<JsonSchema>> _schemas = new(StringComparer.Ordinal);
    private readonly string _schemaBase = $"https://timeline.test/openapi/{Guid.NewGuid():N}/";

    private OpenApiContract(OpenApiDocument document, JsonObject raw)
    {
        _operations = [.. document.Paths.SelectMany(path => (path.Value.Operations ?? [])
            .Select(operation => new DocumentedOperation(path.Key, operation.Key, operation.Value)))];
        ReadNullableAsJsonSchema(raw);
        _documentJson = raw.ToJsonString();
    }

    /// <summary>The repository's openapi.yaml, read once per test run.</summary>
    public static OpenApiContract Committed => CommittedContract.Value;

    private static readonly Lazy<OpenApiContract> CommittedContract = new(() =>
        FromYaml(File.ReadAllText(Path.Combine(Path.GetDirectoryName(TimelineApiFactory.DataFolder)!, "openapi.yaml"))));

    public static OpenApiContract FromYaml(string yaml)
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(yaml));
        var read = OpenApiDocument.Load(stream, "yaml", settings);
        var document = read.Document ?? throw new InvalidOperationException("openapi.yaml could not be read as OpenAPI.");
        if (read.Diagnostic?.Errors is { Count: > 0 } errors)
            throw new InvalidOperationException("openapi.yaml is not valid OpenAPI: " + string.Join("; ", errors.Select(e => $"{e.Pointer}: {e.Message}")));
        return new OpenApiContract(document, YamlToJson(yaml));
    }

    /// <summary>What in the exchange the document does not say; empty when it agrees.</summary>
    public IReadOnlyList<string> Check(Exchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var path = exchange.Url.AbsolutePath;
        if (NotTheApi().IsMatch(path))
            return [];
        var method = exchange.Method == HttpMethod.Head ? HttpMethod.Get : exchange.Method;
        var onPath = _operations.Where(o => o.Matches(path)).ToList();
        var operation = onPath.Where(o => o.Method == method).MaxBy(o => o.LiteralLength);
        var where = $"{exchange.Method} {exchange.Url.PathAndQuery} → {exchange.Status}";
        if (operation is null)
        {
            return exchange.Status is 404 or 405 || (onPath.Count > 0 && exchange.Method == HttpMethod.Options)
                ? []
                : [$"{where}: no operation in openapi.yaml for {exchange.Method} {path}"];
        }

        var problems = new List<string>();
        CheckResponse(operation, exchange, exchange.Method == HttpMethod.Head, problems);
        if (exchange.Status is >= 200 and < 300)
            CheckRequest(operation, exchange, problems);
        return [.. problems.Select(p => $"{where} ({operation.Id}): {p}")];
    }

    private void CheckResponse(DocumentedOperation operation, Exchange exchange, bool head, List<string> problems)
    {
        var status = exchange.Status.ToString(CultureInfo.InvariantCulture);
        var responses = operation.Operation.Responses ?? [];
        var key = responses.ContainsKey(status) ? status
            : responses.ContainsKey($"{status[0]}XX") ? $"{status[0]}XX"
            : responses.ContainsKey("default") ? "default" : null;
        if (key is null)
        {
            problems.Add($"status {status} is not documented (documented: {string.Join(", ", responses.Keys)})");
            return;
        }

        var response = responses[key];
        foreach (var (name, header) in response.Headers ?? new Dictionary<string, IOpenApiHeader>())
        {
            // TryGetValues, not Contains: asked for a header of the other kind (ETag of content headers), Contains throws.
            if (header.Required && !exchange.ResponseHeaders.TryGetValues(name, out _) && exchange.ContentHeaders?.TryGetValues(name, out _) != true)
                problems.Add($"the required response header {name} is missing");
        }

        if (head || exchange.ResponseBody.Length == 0)
            return;
        var mediaType = exchange.ContentHeaders?.ContentType?.MediaType;
        var content = response.Content ?? new Dictionary<string, IOpenApiMediaType>();
        if (mediaType is null || FindMedia(content.Keys, mediaType) is not { } documented)
        {
            problems.Add($"the response's media type {mediaType ?? "(none)"} is not documented for {status} (documented: {string.Join(", ", content.Keys)})");
            return;
        }

        if (content[documented].Schema is not null && IsJson(mediaType))
        {
            var pointer = Pointer("paths", operation.Path, operation.MethodKey, "responses", key, "content", documented, "schema");
            problems.AddRange(Validate(pointer, Decoded(exchange), "response body"));
        }
    }

    private void CheckRequest(DocumentedOperation operation, Exchange exchange, List<string> problems)
    {
        var parameters = operation.Operation.Parameters ?? [];
        var query = System.Web.HttpUtility.ParseQueryString(exchange.Url.Query);
        // A test that needs a URL no other test has read (to fill the output cache itself) adds `test-cache=<guid>`: the
        // API ignores query parameters it does not know, and no client generated from the document would send one.
        foreach (var name in query.AllKeys.Where(k => !string.IsNullOrEmpty(k) && k != "test-cache"))
        {
            if (!parameters.Any(p => p.In == ParameterLocation.Query && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
                problems.Add($"the query parameter '{name}' was accepted but is not documented");
        }

        foreach (var name in ApiRequestHeaders.Where(exchange.RequestHeaders.Contains))
        {
            if (!parameters.Any(p => p.In == ParameterLocation.Header && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
                problems.Add($"the request header {name} was accepted but is not documented");
        }

        foreach (var required in parameters.Where(p => p.Required && p.In == ParameterLocation.Header))
        {
            if (!exchange.RequestHeaders.Contains(required.Name!))
                problems.Add($"the required request header {required.Name} was not sent, yet the request was accepted");
        }

        if (exchange.RequestBody is not { Length: > 0 } body)
            return;
        var content = operation.Operation.RequestBody?.Content ?? new Dictionary<string, IOpenApiMediaType>();
        var mediaType = exchange.RequestType?.MediaType;
        if (mediaType is null || FindMedia(content.Keys, mediaType) is not { } documented)
        {
            problems.Add($"a request body of {mediaType ?? "(no type)"} was accepted but is not documented (documented: {string.Join(", ", content.Keys)})");
            return;
        }

        if (content[documented].Schema is not null && IsJson(mediaType))
        {
            var pointer = Pointer("paths", operation.Path, operation.MethodKey, "requestBody", "content", documented, "schema");
            problems.AddRange(Validate(pointer, body, "request body"));
        }
    }

    /// <summary>The headers of this API's own contract that a request may carry, each one to be documented where it is accepted.</summary>
    private static readonly string[] ApiRequestHeaders = ["If-Match", "Idempotency-Key"];

    private IEnumerable<string> Validate(string pointer, byte[] body, string what)
    {
        JsonElement instance;
        try
        {
            using var parsed = JsonDocument.Parse(body);
            instance = parsed.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return [$"the {what} is not JSON: {e.Message}"];
        }

        var schema = _schemas.GetOrAdd(pointer, p => new Lazy<JsonSchema>(() => BuildSchema(p))).Value;
        var result = schema.Evaluate(instance, ListAll);
        if (result.IsValid)
            return [];
        return (result.Details ?? [])
            .Where(d => !d.IsValid && d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"the {what} at '{d.InstanceLocation}' breaks {d.EvaluationPath} ({e.Key}: {e.Value})"))
            .DefaultIfEmpty($"the {what} does not match {pointer}")
            .Take(5);
    }

    /// <summary>The whole document with its root pointed at one schema in it, so that every <c>$ref</c> resolves as in the document.</summary>
    private JsonSchema BuildSchema(string pointer)
    {
        var root = JsonNode.Parse(_documentJson)!.AsObject();
        root["$id"] = _schemaBase + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(pointer)))[..16];
        root["$ref"] = pointer;
        return JsonSchema.FromText(root.ToJsonString(), OpenApiDialect);
    }

    /// <summary>JSON Schema 2020-12 that lets OpenAPI's own keywords (<c>example</c>, <c>x-*</c>, the document's members) through as annotations.</summary>
    private static readonly BuildOptions OpenApiDialect = new()
    {
        Dialect = Dialect.Draft202012.With([], new Uri("https://timeline.test/openapi-3.0-as-2020-12"), refIgnoresSiblingKeywords: null, allowUnknownKeywords: true),
    };

    private static readonly EvaluationOptions ListAll = new() { OutputFormat = OutputFormat.List };

    private static string Pointer(params string[] segments) =>
        "#/" + string.Join('/', segments.Select(s => Uri.EscapeDataString(s.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal))));

    private static string? FindMedia(IEnumerable<string> documented, string mediaType) =>
        documented.FirstOrDefault(d => string.Equals(d, mediaType, StringComparison.OrdinalIgnoreCase))
        ?? documented.FirstOrDefault(d => d == "*/*" || (d.EndsWith("/*", StringComparison.Ordinal)
            && mediaType.StartsWith(d[..^1], StringComparison.OrdinalIgnoreCase)));

    private static bool IsJson(string mediaType) =>
        mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);

    /// <summary>The body as sent by the API before compression (the test client does not decompress).</summary>
    private static byte[] Decoded(Exchange exchange)
    {
        var encoding = exchange.ContentHeaders?.ContentEncoding.LastOrDefault();
        if (encoding is null)
            return exchange.ResponseBody;
        using var input = new MemoryStream(exchange.ResponseBody);
        using Stream decoder = encoding switch
        {
            "br" => new System.IO.Compression.BrotliStream(input, System.IO.Compression.CompressionMode.Decompress),
            "gzip" => new System.IO.Compression.GZipStream(input, System.IO.Compression.CompressionMode.Decompress),
            _ => throw new InvalidOperationException($"Content-Encoding {encoding} is not one the API uses."),
        };
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>
    /// OpenAPI 3.0's <c>nullable: true</c> is not JSON Schema: a typed schema gets <c>null</c> among its types (and its
    /// values, for an enum); one without a type (a <c>oneOf</c> of a reference, as NSwag writes a nullable object) becomes
    /// "that, or null".
    /// </summary>
    private static void ReadNullableAsJsonSchema(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                    ReadNullableAsJsonSchema(item);
                break;
            case JsonObject obj:
                foreach (var (_, value) in obj.ToList())
                    ReadNullableAsJsonSchema(value);
                if (obj["nullable"] is JsonValue nullable && nullable.GetValueKind() == JsonValueKind.True)
                {
                    obj.Remove("nullable");
                    if (obj["type"] is JsonValue type)
                    {
                        obj["type"] = new JsonArray(type.GetValue<string>(), "null");
                        if (obj["enum"] is JsonArray values)
                            values.Add(null);
                    }
                    else
                    {
                        var alternative = new JsonObject();
                        foreach (var (name, value) in obj.ToList())
                        {
                            obj.Remove(name);
                            alternative[name] = value;
                        }

                        obj["anyOf"] = new JsonArray(alternative, new JsonObject { ["type"] = "null" });
                    }
                }

                break;
        }
    }

    /// <summary>YAML to JSON with YAML 1.2's core types for plain scalars (quoted ones stay strings, as <c>'200'</c>).</summary>
    private static JsonObject YamlToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (JsonObject)Convert(stream.Documents[0].RootNode)!;

        static JsonNode? Convert(YamlNode node) => node switch
        {
            YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, Convert(c.Value)))),
            YamlSequenceNode list => new JsonArray([.. list.Children.Select(Convert)]),
            YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar => Plain(scalar.Value ?? ""),
            YamlScalarNode scalar => JsonValue.Create(scalar.Value),
            _ => throw new InvalidOperationException($"Unexpected YAML node {node.NodeType}"),
        };

        static JsonNode? Plain(string value) => value switch
        {
            "null" or "~" or "" => null,
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
            _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            _ => JsonValue.Create(value),
        };
    }

    /// <summary>Served by the app but not part of the API's contract.</summary>
    [GeneratedRegex(@"^/(swagger(/|$)|openapi/|metrics$|favicon|robots\.txt$|embed/assets/)", RegexOptions.IgnoreCase)]
    private static partial Regex NotTheApi();

    private sealed partial class DocumentedOperation(string path, HttpMethod method, OpenApiOperation operation)
    {
        private readonly Regex _template = new(
            "^" + TemplateParameter().Replace(Regex.Escape(path).Replace(@"\{", "{", StringComparison.Ordinal), "[^/]+") + "$",
            RegexOptions.CultureInvariant);

        public string Path => path;
        public HttpMethod Method => method;
        public OpenApiOperation Operation => operation;
        public string MethodKey => method.Method.ToLowerInvariant();
        public string Id => operation.OperationId ?? $"{method} {path}";

        /// <summary>How much of the template is fixed text: the most specific template wins.</summary>
        public int LiteralLength { get; } = TemplateParameter().Replace(path, "").Length;

        public bool Matches(string requestPath) => _template.IsMatch(requestPath);

        [GeneratedRegex(@"\{[^}/]+\}")]
        private static partial Regex TemplateParameter();
    }
}
