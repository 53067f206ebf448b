using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Timeline.Api.Infrastructure;

/// <summary>
/// Every error is an RFC 9457 problem+json body, whatever the client's <c>Accept</c> says: a client that asked for XML
/// and gets a 401 still learns why. ASP.NET Core's own writer only writes when <c>Accept</c> allows JSON and otherwise
/// leaves status code pages to answer in text/plain, or its callers to fail (a 500 for a 401).
/// </summary>
public static class ErrorHandling
{
    public const string ProblemJson = "application/problem+json";

    public static IServiceCollection AddTimelineErrorHandling(this IServiceCollection services)
    {
        // Registered before AddProblemDetails so that it is asked first (writers are tried in registration order).
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        services.AddProblemDetails();
        services.AddExceptionHandler<ClientErrorExceptionHandler>();
        return services;
    }

    /// <summary>Exceptions become problem+json; status codes without a body (404, 405...) get one.</summary>
    public static WebApplication UseTimelineErrorHandling(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>The RFC section a problem's <c>type</c> links to, for the statuses the API answers.</summary>
    public static string? TypeFor(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        405 => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        406 => "https://tools.ietf.org/html/rfc9110#section-15.5.7",
        408 => "https://tools.ietf.org/html/rfc9110#section-15.5.9",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        411 => "https://tools.ietf.org/html/rfc9110#section-15.5.12",
        412 => "https://tools.ietf.org/html/rfc9110#section-15.5.13",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        414 => "https://tools.ietf.org/html/rfc9110#section-15.5.15",
        415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        422 => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        429 => "https://tools.ietf.org/html/rfc6585#section-4",
        431 => "https://tools.ietf.org/html/rfc6585#section-5",
        500 => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        501 => "https://tools.ietf.org/html/rfc9110#section-15.6.2",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => null,
    };
}

/// <summary>Writes every <c>ProblemDetails</c> as <c>application/problem+json</c>, with the defaults ASP.NET Core's writer adds.</summary>
public sealed class ProblemJsonWriter(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, IOptions<ProblemDetailsOptions> options) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= http.Response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        problem.Type ??= ErrorHandling.TypeFor(problem.Status.Value);
        problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? http.TraceIdentifier);
        options.Value.CustomizeProblemDetails?.Invoke(context);
        http.Response.Headers.CacheControl = "no-store";
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, problem.GetType(), json.Value.SerializerOptions, ErrorHandling.ProblemJson));
    }
}

/// <summary>
/// Errors that are the client's, raised as exceptions by the server (a body over the limit while streaming, a body that
/// ends early, a request too slow): answered with their own status and logged as information, without a stack trace.
/// Everything else stays a 500 that ASP.NET Core logs as an error.
/// </summary>
public sealed partial class ClientErrorExceptionHandler(
    IProblemDetailsService problems, IOptions<LimitsOptions> limits, ILogger<ClientErrorExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away (a closed tab, a load tester stopping): nobody is left to answer, and it is not
            // the server's error. 499 is what the access log shows, as nginx does.
            LogClientGone(logger, httpContext.Request.Method, httpContext.Request.Path);
            if (!httpContext.Response.HasStarted)
                httpContext.Response.StatusCode = 499;
            return true;
        }

        if (DatabaseBusy(exception))
        {
            // SQLite lets one writer in at a time; a write that waited its whole timeout for the lock (a burst of writes on
            // a starved machine) is a moment of overload, not a fault: 503 with Retry-After, and the write changed nothing
            // (its transaction rolled back; an Idempotency-Key claim was released, so the retry may take it).
            LogBusy(logger, httpContext.Request.Method, httpContext.Request.Path);
            httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            httpContext.Response.Headers.RetryAfter = "1";
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = exception,
                ProblemDetails =
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Detail = "The database is busy with other writes; nothing was changed. Try again in a second.",
                },
            });
        }

        if (exception is not BadHttpRequestException bad)
            return false;

        var request = httpContext.Request;
        LogClientError(logger, request.Method, request.Path, bad.StatusCode, bad.Message);
        httpContext.Response.StatusCode = bad.StatusCode;
        var detail = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? $"Request bodies are limited to {limits.Value.MaxRequestBodyBytes} bytes."
            : bad.Message;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = bad.StatusCode, Detail = detail },
        });
    }

    /// <summary>SQLITE_BUSY or SQLITE_LOCKED anywhere in the chain (EF Core wraps it in a DbUpdateException on save).</summary>
    private static bool DatabaseBusy(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 })
                return true;
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: the database stayed locked by other writes for the whole timeout")]
    private static partial void LogBusy(ILogger logger, string method, PathString path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path}: the client closed the connection before the answer")]
    private static partial void LogClientGone(ILogger logger, string method, PathString path);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} answered {Status}: {Reason}")]
    private static partial void LogClientError(ILogger logger, string method, PathString path, int status, string reason);
}

/// <summary>
/// <c>415</c> for a body sent without <c>Content-Type</c> to an endpoint that reads one. FastEndpoints answers that
/// case itself with an empty 415; answering first gives the client a problem+json that says what to send.
/// </summary>
public sealed class MissingContentTypeMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Headers.ContainsKey(HeaderNames.ContentType)
            && context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is { } accepts
            && !accepts.ContentTypes.Contains("*/*"))
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                detail: $"Send the body with a Content-Type header: {string.Join(" or ", accepts.ContentTypes)}.").ExecuteAsync(context);
        }

        return next(context);
    }
}

/// <summary>Binding errors in the API's words: a client sees "'abc' is not a whole number", never a .NET type name.</summary>
public static class BindingMessages
{
    private const int MaxEcho = 100;

    /// <summary>A query, route or header value that does not convert to its property's type.</summary>
    public static string ForValue(Type type, string property, StringValues value)
    {
        ArgumentNullException.ThrowIfNull(type);
        var text = value.ToString();
        var echo = text.Length > MaxEcho ? string.Concat(text.AsSpan(0, MaxEcho), "…") : text;
        return QueryValues.Explain(type, text, echo) ?? $"'{echo}' is not {Describe(type)}.";
    }

    /// <summary>A JSON body that does not deserialize into the request.</summary>
    public static FluentValidation.Results.ValidationFailure ForJson(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var field = exception.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
        return new(field, DescribeJson(exception));
    }

    /// <summary>What is wrong with a JSON body, without the serializer's .NET type names.</summary>
    public static string DescribeJson(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.InnerException?.Message ?? exception.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var name = exception.Path is { } path ? path[(path.LastIndexOf('.') + 1)..] : null;
            return name is { Length: > 0 } && name != "$"
                ? $"'{name}' is not a property of the resource (names are case-sensitive; some are set by the server)."
                : "This property is not part of the resource (or is set by the server).";
        }
        if (message.Contains("could not be converted", StringComparison.Ordinal) || message.Contains("token type", StringComparison.Ordinal)
            || message.Contains("System.", StringComparison.Ordinal) || exception.InnerException is not null)
            return "This value has the wrong type or shape.";
        return $"The body is not valid JSON: {message}";
    }

    private static string Describe(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsEnum)
            return "one of the allowed values";
        if (underlying == typeof(bool))
            return "true or false";
        if (underlying == typeof(int) || underlying == typeof(long) || underlying == typeof(short) || underlying == typeof(byte))
            return "a whole number";
        if (underlying == typeof(double) || underlying == typeof(float) || underlying == typeof(decimal))
            return "a number";
        if (underlying == typeof(DateTime) || underlying == typeof(DateTimeOffset) || underlying == typeof(DateOnly))
            return "a date";
        if (underlying == typeof(Guid))
            return "an identifier";
        return underlying != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(underlying) ? "a list of values" : "a valid value";
    }
}
