using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Timeline.Api.Infrastructure;

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
