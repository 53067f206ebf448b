namespace Timeline.Api.Infrastructure;

/// <summary>RFC 9457 problem responses for the errors handlers decide themselves (validation errors come from FastEndpoints).</summary>
public static class Problems
{
    public static IResult NotFound(string resource, string slug) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Not Found",
        type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
        detail: $"There is no {resource} with slug '{slug}'.");
}
