using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Timeline.Api.Domain;

namespace Timeline.Api.Infrastructure.Auth;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c> authentication. Reads need no key; writes answer 401 with
/// <c>WWW-Authenticate</c> for a missing, unknown or revoked key and 403 for a key without the role.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Editor = "editor";
    public const string Admin = "admin";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
            return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.Fail("Use Authorization: Bearer <key>.");

        // The key service (and its DbContext) only for requests that carry a key: every anonymous read,
        // a cached one included, passes through here.
        var keys = Context.RequestServices.GetRequiredService<ApiKeyService>();
        var caller = await keys.VerifyAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (caller is null)
            return AuthenticateResult.Fail("The API key is unknown or revoked.");

        // An admin can do everything an editor can.
        Claim[] claims = caller.Role == ApiKeyRole.Admin
            ? [new(ClaimTypes.Name, caller.Name), new(ClaimTypes.Role, Admin), new(ClaimTypes.Role, Editor)]
            : [new(ClaimTypes.Name, caller.Name), new(ClaimTypes.Role, Editor)];
        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = failure is null
            ? "Bearer realm=\"timeline\""
            : "Bearer realm=\"timeline\", error=\"invalid_token\"";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized",
            failure?.Message ?? "Writes need an API key: send Authorization: Bearer <key>.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", "This API key's role may not do this.");
    }

    private async Task WriteProblemAsync(int status, string title, string detail) =>
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
}
