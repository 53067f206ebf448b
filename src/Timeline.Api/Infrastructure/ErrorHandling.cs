using Microsoft.AspNetCore.Diagnostics;

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
