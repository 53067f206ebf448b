using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Timeline.Api.Tests.Fuzz;

/// <summary>One request the fuzz sends, and what it got.</summary>
public sealed record FuzzResult(string Operation, string Method, string Url, int Status, string? Violation)
{
    /// <summary>Refused by Kestrel itself as malformed HTTP, before the app saw it.</summary>
    public bool RejectedByServer { get; init; }
}

/// <summary>
/// Requests generated from the committed openapi.yaml (read with Microsoft.OpenApi): every operation, with hostile path
/// values, query values (strings, numbers, cursors, dates, enums), bodies (wrong types, unknown and missing properties,
/// deep nesting, invalid JSON, too large), content types, Accept values, methods and credentials. Each answer must be
/// below 500 (oEmbed's documented 501 for formats other than JSON aside), a problem+json for any 4xx with a body, free
/// of .NET type names, and carry nosniff and no Server header. Seeded, so a failure can be replayed.
/// </summary>
public sealed class OpenApiFuzz
{
    private static readonly string[] HostileStrings =
    [
        "", " ", "a", new string('x', 5000), "\u0000", "%00", "'; DROP TABLE events; --", "\" OR 1=1 --", "<script>alert(1)</script>",
        "../../etc/passwd", "%2e%2e%2f", "..%2F..%2F", "\u202eevil", "💥🙂", "Лукашенко", "Łukašenka", "\uFFFF", "\r\n\r\nX-Injected: 1", "null",
        "true", "[]", "{}", "NaN", "Infinity", "-1", "0", "1e309", "9223372036854775808", "2147483648", "-2147483649", "1.5", "0x10", " 1",
        "+1", "*", "?", "#", "&", "=", "\\", "/", "//", "~", "$(reboot)", "{{7*7}}", "${jndi:ldap://x}", "\t", "\u00A0", "a\u0301",
    ];

    private static readonly string[] HostileDates =
    [
        "2019-13-01", "2019-02-30", "2019-12-08", "2019", "2019-12", "2019-12-08~", "2024?", "2019-12~?", "2019-12-06/2019-12-07",
        "2019-12-07/2019-12-06", "99999-01-01", "0000", "-0001", "2019-12-08T10:00:00Z", "2019-1-1", "20191208", "2019-12-08/..",
        "../2019", "2019-21", "2019-12-XX", "1582-10-10", "9999-12-31", "0001-01-01", "2019-12-08/2019-12-08/2019", "2019--12",
    ];

    private static readonly string[] HostileIntegers = ["1", "50", "200", "201", "0", "-1", "2147483648", "-2147483649", "abc", "1.5", "1e3", "", " 7", "0x1F", "٣"];

    private static readonly string?[] AcceptValues =
    [
        null, "*/*", "application/json", "application/problem+json", "application/xml", "text/html", "text/csv", "text/calendar",
        "application/atom+xml", "image/png", "garbage;;q=x", "application/json;q=0", "*/*;q=0", "text/*", "",
    ];

    private static readonly string?[] ContentTypes =
    [
        "application/json", "application/json", "application/merge-patch+json", null, "text/plain", "application/xml",
        "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/json; charset=latin1",
        "application/json; charset=utf-16", "garbage", "application/*", "application/json; foo=bar",
    ];

    private static readonly string[] OtherMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "FOO"];

    /// <summary>A real resource for each collection, so that some requests get past the 404 to the code behind it.</summary>
    private static readonly Dictionary<string, string> KnownKeys = new(StringComparer.Ordinal)
    {
        ["timelines"] = "union-state", ["events"] = "1999-12-08-union-state-treaty", ["commitments"] = "single-currency",
        ["actors"] = "dmitry-medvedev", ["quotes"] = "shmatsina-declarative-document", ["sources"] = "1", ["assessments"] = "1",
        ["embed"] = "union-state",
    };

    private readonly Random _random;
    private readonly List<(string Path, HttpMethod Method, OpenApiOperation Operation)> _operations;
    private readonly ConcurrentBag<string> _cursors = [];

    public OpenApiFuzz(string openApiPath, int seed)
    {
        _random = new Random(seed);
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        using var stream = new MemoryStream(File.ReadAllBytes(openApiPath));
        var document = OpenApiDocument.Load(stream, "yaml", settings).Document
            ?? throw new InvalidOperationException($"{openApiPath} could not be read as OpenAPI.");
        _operations = [.. document.Paths.SelectMany(p => (p.Value.Operations ?? []).Select(o => (p.Key, o.Key, o.Value)))];
    }

    public IReadOnlyList<string> Operations => [.. _operations.Select(o => Name(o.Method, o.Path))];

    private static string Name(HttpMethod method, string path) => $"{method.Method} {path}";

    /// <summary>Sends <paramref name="count"/> requests, <paramref name="parallel"/> at a time, spread evenly over the operations.</summary>
    public async Task<IReadOnlyList<FuzzResult>> RunAsync(Uri baseAddress, int count, int parallel, string editorKey, string adminKey)
    {
        var results = new ConcurrentBag<FuzzResult>();
        using var handler = new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = false, UseCookies = false };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        // Drawn a batch at a time (the random source is not thread-safe) and sent in parallel; cursors the API hands
        // out in one batch are replayed, on any list, in the next.
        for (var start = 0; start < count; start += 1000)
        {
            var plans = Enumerable.Range(start, Math.Min(1000, count - start))
                .Select(i => _operations[i % _operations.Count])
                .Select(o => Draw(o.Path, o.Method, o.Operation, editorKey, adminKey))
                .ToList();
            await Parallel.ForEachAsync(plans, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (plan, _) =>
                results.Add(await SendAsync(client, plan)));
        }

        return [.. results];
    }

    private sealed record Plan(string Operation, string Method, string Url, IReadOnlyList<(string Name, string Value)> Headers, byte[]? Body, string? ContentType);

    private Plan Draw(string path, HttpMethod declared, OpenApiOperation operation, string editorKey, string adminKey)
    {
        var method = _random.NextDouble() < 0.12 ? OtherMethods[_random.Next(OtherMethods.Length)] : declared.Method;
        var url = new StringBuilder();
        var segments = path.Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            url.Append('/');
            var segment = segments[i];
            if (segment.StartsWith('{'))
            {
                var value = _random.NextDouble() < 0.45 && KnownKeys.TryGetValue(segments[i - 1], out var known) ? known : Pick(HostileStrings);
                url.Append(value.Length == 0 ? "%20" : Uri.EscapeDataString(value));
            }
            else
            {
                url.Append(segment);
            }
        }

        var query = new List<string>();
        foreach (var parameter in (operation.Parameters ?? []).Where(p => p.In == ParameterLocation.Query))
        {
            if (_random.NextDouble() < 0.5)
                continue;
            query.Add($"{Uri.EscapeDataString(parameter.Name!)}={Uri.EscapeDataString(QueryValue(parameter))}");
            if (_random.NextDouble() < 0.05)
                query.Add($"{Uri.EscapeDataString(parameter.Name!)}={Uri.EscapeDataString(QueryValue(parameter))}"); // repeated
        }

        if (_random.NextDouble() < 0.1)
            query.Add($"{Uri.EscapeDataString(Pick(HostileStrings))}={Uri.EscapeDataString(Pick(HostileStrings))}");
        if (query.Count > 0)
            url.Append('?').AppendJoin('&', query);

        List<(string, string)> headers = [];
        var accept = Pick(AcceptValues);
        if (accept is not null)
            headers.Add(("Accept", accept));
        var auth = _random.Next(6);
        var key = auth switch { 0 or 1 => editorKey, 2 => adminKey, 3 => "Bearer tl_nope_nope", 4 => "Basic dXNlcjpwYXNz", _ => null };
        if (key is not null)
            headers.Add(("Authorization", key.StartsWith("tl_", StringComparison.Ordinal) ? $"Bearer {key}" : key));
        if (_random.NextDouble() < 0.3)
            headers.Add(("If-Match", Pick(["\"0123\"", "*", "W/\"x\"", "garbage", "\"\"", new string('"', 50)])));
        if (_random.NextDouble() < 0.15)
            headers.Add(("If-None-Match", Pick(["*", "\"x\"", "garbage", "W/\"a\", \"b\""])));
        if (_random.NextDouble() < 0.15)
            headers.Add(("Idempotency-Key", Pick(["k1", "", new string('k', 300), "%F0%9F%92%A5", "\"'<>", Guid.NewGuid().ToString()])));
        if (_random.NextDouble() < 0.15)
            headers.Add(("Accept-Language", Pick(["be", "ru;q=0.9, en", "xx-YY", "*", "garbage;;", new string('a', 500)])));
        if (_random.NextDouble() < 0.1)
            headers.Add(("Accept-Encoding", Pick(["br", "gzip", "deflate", "br;q=0, gzip", "garbage"])));

        byte[]? body = null;
        string? contentType = null;
        var schema = operation.RequestBody?.Content?.Values.FirstOrDefault()?.Schema;
        if (method is "POST" or "PUT" or "PATCH" || (schema is not null && _random.NextDouble() < 0.3))
        {
            body = Body(schema);
            contentType = Pick(ContentTypes);
            if (contentType is null && _random.NextDouble() < 0.5)
                contentType = operation.RequestBody?.Content?.Keys.FirstOrDefault();
        }

        return new Plan(Name(declared, path), method, url.ToString(), headers, body, contentType);
    }

    private string QueryValue(IOpenApiParameter parameter)
    {
        var name = parameter.Name!;
        var schema = parameter.Schema;
        if (name == "cursor")
        {
            return _random.Next(4) switch
            {
                0 when !_cursors.IsEmpty => _cursors.ElementAt(_random.Next(_cursors.Count)),
                1 => Convert.ToBase64String(Encoding.UTF8.GetBytes(Pick(["{}", "{\"x\":1}", "[]", "null", "\"s\"", new string('[', 1000) + new string(']', 1000),
                    "{\"date\":\"x\",\"slug\":1}", "{\"Start\":\"9999-99-99\",\"Slug\":null}", "{\"rank\":1e309,\"id\":-1}"]))).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
                2 => Convert.ToBase64String(Enumerable.Range(0, _random.Next(1, 80)).Select(_ => (byte)_random.Next(256)).ToArray()),
                _ => Pick(HostileStrings),
            };
        }

        if (name is "from" or "to" or "asOf" || name.Contains("date", StringComparison.OrdinalIgnoreCase))
            return _random.NextDouble() < 0.8 ? Pick(HostileDates) : Pick(HostileStrings);
        if (schema?.Type is { } type && type.HasFlag(JsonSchemaType.Integer))
            return _random.NextDouble() < 0.8 ? Pick(HostileIntegers) : Pick(HostileStrings);
        if (schema?.Enum is { Count: > 0 } values && _random.NextDouble() < 0.5)
            return values[_random.Next(values.Count)]?.ToString() ?? "";
        return _random.NextDouble() < 0.3 ? Pick(["union-state", "russia", "currency", "lukashenko", "treaty", "date", "-date", "stalled", "legal"]) : Pick(HostileStrings);
    }

    private byte[] Body(IOpenApiSchema? schema)
    {
        switch (_random.Next(12))
        {
            case 0:
                return Encoding.UTF8.GetBytes(Pick(["", "{", "{\"a\":}", "[1,", "\u0000", "nul", "{\"a\":1}}", "'single'", "\uFEFF{}", "{\"a\":\"\\ud800\"}"]));
            case 1:
                return Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000));
            case 2:
                return Encoding.UTF8.GetBytes(Pick(["[]", "\"text\"", "42", "null", "true", "[{}]"]));
            case 3 when _random.NextDouble() < 0.2:
                return Encoding.UTF8.GetBytes($"{{\"title\":\"{new string('x', 1_100_000)}\"}}");
            default:
                var value = Value(schema, depth: 0);
                if (value is JsonObject json && _random.NextDouble() < 0.6)
                    Mutate(json);
                return Encoding.UTF8.GetBytes(value?.ToJsonString() ?? "null");
        }
    }

    private void Mutate(JsonObject body)
    {
        var keys = body.Select(p => p.Key).ToList();
        switch (_random.Next(4))
        {
            case 0 when keys.Count > 0:
                body[keys[_random.Next(keys.Count)]] = HostileJson();
                break;
            case 1 when keys.Count > 0:
                body.Remove(keys[_random.Next(keys.Count)]);
                break;
            case 2:
                body[Pick(["unknown", "id", "deletedAt", "__proto__", "createdAt", "$type"])] = HostileJson();
                break;
            default:
                foreach (var key in keys.Where(_ => _random.NextDouble() < 0.5))
                    body[key] = HostileJson();
                break;
        }
    }

    private JsonNode? HostileJson() => _random.Next(10) switch
    {
        0 => null,
        1 => JsonValue.Create(Pick([0, -1, 1e300, 2147483648.0, 0.5])),
        2 => JsonValue.Create(_random.NextDouble() < 0.5),
        3 => new JsonArray(),
        4 => new JsonArray(null, JsonValue.Create(1), JsonValue.Create("x")),
        5 => new JsonObject { ["x"] = new JsonObject { ["y"] = new JsonArray() } },
        6 => JsonValue.Create(Pick(HostileDates)),
        7 => new JsonArray(new JsonObject { ["url"] = Pick(HostileStrings), ["event"] = null }),
        _ => JsonValue.Create(Pick(HostileStrings)),
    };

    /// <summary>A value of the schema's shape (mostly valid), to reach past the first checks.</summary>
    private JsonNode? Value(IOpenApiSchema? schema, int depth)
    {
        if (schema is null || depth > 4)
            return HostileJson();
        foreach (var alternative in new[] { schema.OneOf, schema.AnyOf, schema.AllOf })
        {
            if (alternative is { Count: > 0 })
                return Value(alternative[_random.Next(alternative.Count)], depth + 1);
        }

        if (schema.Enum is { Count: > 0 } values)
            return values[_random.Next(values.Count)]?.DeepClone();
        var type = schema.Type ?? 0;
        if (type.HasFlag(JsonSchemaType.Object) || schema.Properties is { Count: > 0 })
        {
            var body = new JsonObject();
            foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                if (schema.Required?.Contains(name) == true || _random.NextDouble() < 0.6)
                    body[name] = Value(property, depth + 1);
            }

            return body;
        }

        if (type.HasFlag(JsonSchemaType.Array))
            return new JsonArray([.. Enumerable.Range(0, _random.Next(3)).Select(_ => Value(schema.Items, depth + 1))]);
        if (type.HasFlag(JsonSchemaType.Integer))
            return JsonValue.Create(Pick([1, 0, -1, 5, 200]));
        if (type.HasFlag(JsonSchemaType.Number))
            return JsonValue.Create(Pick([0.5, 1.0, -3.0]));
        if (type.HasFlag(JsonSchemaType.Boolean))
            return JsonValue.Create(_random.NextDouble() < 0.5);
        return JsonValue.Create(_random.Next(5) switch
        {
            0 => $"fuzz-{_random.Next(1_000_000)}",
            1 => Pick(HostileDates),
            2 => "https://example.org/fuzz/" + _random.Next(1000),
            3 => Pick(["union-state", "russia", "single-currency", "1999-12-08-union-state-treaty", "en", "be", "person", "meeting", "occurred", "stalled"]),
            _ => Pick(HostileStrings),
        });
    }

    private async Task<FuzzResult> SendAsync(HttpClient client, Plan plan)
    {
        using var request = new HttpRequestMessage(new HttpMethod(plan.Method), plan.Url);
        foreach (var (name, value) in plan.Headers)
            request.Headers.TryAddWithoutValidation(name, value);
        if (plan.Body is not null)
        {
            // A body over the limit is refused before it is read: ask first, so that the refusal reaches the client.
            request.Headers.ExpectContinue = plan.Body.Length > 64 * 1024;
            request.Content = new ByteArrayContent(plan.Body);
            if (plan.ContentType is not null)
                request.Content.Headers.TryAddWithoutValidation("Content-Type", plan.ContentType);
        }

        try
        {
            using var response = await client.SendAsync(request);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var text = Encoding.UTF8.GetString(bytes);
            if (text.Contains("\"nextCursor\":\"", StringComparison.Ordinal) && _cursors.Count < 200)
            {
                var start = text.IndexOf("\"nextCursor\":\"", StringComparison.Ordinal) + 14;
                _cursors.Add(text[start..text.IndexOf('"', start)]);
            }

            return new FuzzResult(plan.Operation, plan.Method, plan.Url, (int)response.StatusCode, Check(plan, response, text))
            {
                RejectedByServer = RejectedByKestrel(response, bytes),
            };
        }
        catch (HttpRequestException exception)
        {
            return new FuzzResult(plan.Operation, plan.Method, plan.Url, 0, $"no answer: {exception.Message}");
        }
    }

    /// <summary>
    /// Kestrel refuses a malformed request (a NUL in the path: 400, a request line over 8 KiB: 414) before any of the
    /// app runs, with an empty body; those answers are Kestrel's own and are counted apart.
    /// </summary>
    private static bool RejectedByKestrel(HttpResponseMessage response, byte[] body) =>
        (int)response.StatusCode is 400 or 414 or 431 && body.Length == 0 && response.Content.Headers.ContentType is null;

    private static string? Check(Plan plan, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (RejectedByKestrel(response, Encoding.UTF8.GetBytes(body)))
            return null;
        var documented501 = status == 501 && plan.Url.StartsWith("/oembed", StringComparison.Ordinal);
        if (status >= 500 && !documented501)
            return $"{status}: {Truncate(body)}";
        if (!response.Headers.TryGetValues("X-Content-Type-Options", out var nosniff) || nosniff.Single() != "nosniff")
            return $"{status} without X-Content-Type-Options: nosniff ({body.Length} bytes of {response.Content.Headers.ContentType})";
        if (response.Headers.Contains("Server"))
            return $"{status} with a Server header";
        if (HostileRequests.DotNetTypeNames.IsMatch(body))
            return $"a .NET type name: {Truncate(body)}";
        if (status >= 400 && plan.Method != "HEAD" && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return $"{status} as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}: {Truncate(body)}";
        return null;
    }

    private static string Truncate(string text) => text.Length > 300 ? text[..300] + "…" : text;

    private T Pick<T>(T[] values) => values[_random.Next(values.Length)];
}
