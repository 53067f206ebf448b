using System.Text;
using System.Text.Json;
using FluentValidation.Results;
using Microsoft.Net.Http.Headers;

namespace Timeline.Api.Infrastructure;

/// <summary>
/// The rules every JSON body of a write meets before anything binds it: UTF-8 only (RFC 8259 section 8.1; another
/// charset is a 415), well-formed, every string valid Unicode (no lone surrogate, escaped or not, and no invalid
/// UTF-8), and every object free of repeated names, exactly or in another case (<c>slug</c> and <c>Slug</c>: names
/// are case-sensitive, and two spellings of one field would leave it to the parser which one wins). A body that breaks
/// one gets a 400 naming where, and changes nothing.
/// </summary>
/// <remarks>
/// One pass of <see cref="Utf8JsonReader"/> over the buffered body (see <see cref="RequestBodyMiddleware"/>), before
/// binding: System.Text.Json would otherwise let the last duplicate win on POST and PUT, throw an exception that is no
/// <see cref="JsonException"/> on a lone surrogate (a 500), and fail on an unknown charset while reading.
/// </remarks>
public sealed class StrictJsonMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!(HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method))
            || !MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) || !StrictJson.IsJson(contentType))
        {
            await next(context);
            return;
        }

        if (contentType.Charset is { Length: > 0 } charset)
        {
            if (!StrictJson.IsUtf8(charset.Value))
            {
                await Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                    detail: $"JSON bodies are UTF-8 (RFC 8259); send Content-Type: {contentType.MediaType}; charset=utf-8, or no charset.")
                    .ExecuteAsync(context);
                return;
            }

            // One spelling for the readers after this one ("UTF-8", quoted or not, is utf-8).
            request.ContentType = $"{contentType.MediaType}; charset=utf-8";
        }

        var body = await StrictJson.ReadAsync(request, context.RequestAborted);
        if (body.Length > 0 && StrictJson.Check(body) is { } failure)
        {
            await StrictJson.RefuseAsync(context, failure);
            return;
        }

        await next(context);
    }
}

/// <summary>The checks of <see cref="StrictJsonMiddleware"/>, also used where a body is parsed by hand (a merge patch).</summary>
public static class StrictJson
{
    /// <summary><c>application/json</c> and the structured <c>+json</c> types (<c>application/merge-patch+json</c>).</summary>
    public static bool IsJson(MediaTypeHeaderValue contentType)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        var type = contentType.MediaType.Value ?? "";
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    public static bool IsUtf8(string? charset) =>
        charset?.Trim('"') is { } name && (name.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || name.Equals("utf8", StringComparison.OrdinalIgnoreCase));

    /// <summary>A 400 problem+json naming the field, in the shape of every validation error of the API.</summary>
    public static Task RefuseAsync(HttpContext context, ValidationFailure failure) => RefuseAsync(context, [failure]);

    /// <inheritdoc cref="RefuseAsync(HttpContext, ValidationFailure)"/>
    public static Task RefuseAsync(HttpContext context, List<ValidationFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = new FastEndpoints.ProblemDetails(failures, context.Request.Path, context.TraceIdentifier, StatusCodes.Status400BadRequest);
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(problem, TimelineApp.Json, ErrorHandling.ProblemJson, context.RequestAborted);
    }

    /// <summary>The whole body; it is already buffered, and is left rewound for the next reader.</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Body is MemoryStream buffered && buffered.TryGetBuffer(out var segment))
            return segment.AsMemory(0, (int)buffered.Length);

        var copy = new MemoryStream();
        request.HttpContext.Response.RegisterForDisposeAsync(copy);
        await request.Body.CopyToAsync(copy, cancellationToken);
        copy.Position = 0;
        request.Body = copy;
        return copy.GetBuffer().AsMemory(0, (int)copy.Length);
    }

    /// <summary>The first thing wrong with a JSON text, as a failure on the field (JSON path) where it is; null when none is.</summary>
    public static ValidationFailure? Check(ReadOnlyMemory<byte> json)
    {
        var bytes = json.Span;
        if (bytes.StartsWith(Encoding.UTF8.Preamble))
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 64 });
        var scopes = new Stack<Scope>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        scopes.Push(new Scope(Path(scopes), isArray: false));
                        break;
                    case JsonTokenType.StartArray:
                        scopes.Push(new Scope(Path(scopes), isArray: true));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        scopes.Pop();
                        if (scopes.TryPeek(out var parent))
                            parent.Next();
                        break;
                    case JsonTokenType.PropertyName:
                        var scope = scopes.Peek();
                        if (!TryGetString(ref reader, out var name))
                            return new ValidationFailure(Join(scope.Path, "body"), NotUnicode);
                        if (scope.Names.TryGetValue(name, out var seen))
                        {
                            return new ValidationFailure(Join(scope.Path, seen), seen == name
                                ? $"The property '{name}' appears more than once; send each property once."
                                : $"The properties '{seen}' and '{name}' differ only in case; property names are case-sensitive, send '{seen}' once.");
                        }

                        scope.Names[name] = name;
                        scope.Current = name;
                        break;
                    case JsonTokenType.String:
                        if (!TryGetString(ref reader, out _))
                            return new ValidationFailure(Path(scopes) ?? "body", NotUnicode);
                        Advance(scopes);
                        break;
                    default:
                        Advance(scopes);
                        break;
                }
            }
        }
        catch (JsonException exception)
        {
            return new ValidationFailure(Path(scopes) ?? "body", $"The body is not valid JSON: {exception.Message}");
        }

        return null;
    }

    private const string NotUnicode = "This text is not valid Unicode (a lone surrogate, or bytes that are not UTF-8).";

    private static bool TryGetString(ref Utf8JsonReader reader, out string value)
    {
        try
        {
            value = reader.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            // Thrown for an escaped lone surrogate ("\ud800") and for invalid UTF-8 inside a string.
            value = "";
            return false;
        }
    }

    /// <summary>A value ended: in an array, the next one has the next index.</summary>
    private static void Advance(Stack<Scope> scopes)
    {
        if (scopes.TryPeek(out var scope))
            scope.Next();
    }

    /// <summary>Where the reader is, in the form validation errors name fields: <c>actors[0].role</c>.</summary>
    private static string? Path(Stack<Scope> scopes) => scopes.TryPeek(out var scope) ? scope.Here : null;

    private static string Join(string? path, string name) => string.IsNullOrEmpty(path) ? name : $"{path}.{name}";

    private sealed class Scope(string? path, bool isArray)
    {
        private int _index;

        public string? Path { get; } = path;

        /// <summary>The names seen in this object, by any case, with the spelling seen first.</summary>
        public Dictionary<string, string> Names { get; } = new(StringComparer.OrdinalIgnoreCase);

        public string? Current { get; set; }

        /// <summary>The path of the value being read in this scope.</summary>
        public string? Here => isArray ? $"{Path}[{_index}]" : Current is null ? Path : Join(Path, Current);

        public void Next()
        {
            if (isArray)
                _index++;
        }
    }
}
