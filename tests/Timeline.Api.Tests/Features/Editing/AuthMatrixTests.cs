using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using Timeline.Api.Domain;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Tests.Features.Editing;

/// <summary>Every write endpoint the app maps, against every kind of caller.</summary>
public sealed class AuthMatrixTests(TimelineApiFactory factory) : IClassFixture<TimelineApiFactory>
{
    public enum Caller { Anonymous, UnknownKey, RevokedKey, NotBearer, Editor, Admin }

    [Theory]
    [InlineData(Caller.Anonymous)]
    [InlineData(Caller.UnknownKey)]
    [InlineData(Caller.RevokedKey)]
    [InlineData(Caller.NotBearer)]
    [InlineData(Caller.Editor)]
    [InlineData(Caller.Admin)]
    public async Task EveryWriteEndpoint_AnswersTheCallerWithTheRightStatus(Caller caller)
    {
        var writes = WriteEndpoints();
        Assert.True(writes.Count >= 26, $"expected every write endpoint, found {writes.Count}");
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = caller switch
        {
            Caller.UnknownKey => WriteClient.Bearer("tl_unknownid_notasecret"),
            Caller.RevokedKey => WriteClient.Bearer(await RevokedKeyAsync()),
            Caller.NotBearer => new("Basic", "dXNlcjpwYXNz"),
            Caller.Editor => WriteClient.Bearer(await factory.CreateKeyAsync(ApiKeyRole.Editor)),
            Caller.Admin => WriteClient.Bearer(await factory.CreateKeyAsync(ApiKeyRole.Admin)),
            _ => null,
        };

        foreach (var (method, url, roles) in writes)
        {
            // An empty object is enough here: authentication and roles are decided before the body is looked at.
            using var response = await client.SendAsync(method, url, new JsonObject(), ifMatch: "\"x\"",
                mediaType: method == HttpMethod.Patch ? "application/merge-patch+json" : "application/json");
            var status = response.StatusCode;
            var what = $"{caller}: {method} {url} answered {(int)status}";
            switch (caller)
            {
                case Caller.Anonymous or Caller.UnknownKey or Caller.RevokedKey or Caller.NotBearer:
                    Assert.True(status == HttpStatusCode.Unauthorized, what);
                    Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                    break;
                case Caller.Editor when roles.Contains(ApiKeyAuthenticationHandler.Admin) && !roles.Contains(ApiKeyAuthenticationHandler.Editor):
                    Assert.True(status == HttpStatusCode.Forbidden, what);
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                    break;
                default:
                    Assert.True(status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)status < 500, what);
                    break;
            }
        }
    }

    [Fact]
    public async Task Reads_NeedNoKey()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/v1/events/1999-12-08-union-state-treaty", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<string> RevokedKeyAsync()
    {
        var name = $"revoked-{Guid.NewGuid():N}";
        var key = await factory.CreateKeyAsync(ApiKeyRole.Admin, name);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<ApiKeyService>().RevokeAsync(name, CancellationToken.None));
        return key;
    }

    /// <summary>The write endpoints as mapped, with their paths filled in and the roles they require.</summary>
    private List<(HttpMethod Method, string Url, IReadOnlyList<string> Roles)> WriteEndpoints()
    {
        var sources = factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        return [.. sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
                .Where(m => m is "POST" or "PUT" or "PATCH" or "DELETE")
                .Select(m => (
                    new HttpMethod(m),
                    "/" + e.RoutePattern.RawText!.TrimStart('/').Replace("{slug}", "single-currency", StringComparison.Ordinal).Replace("{id}", "1", StringComparison.Ordinal),
                    (IReadOnlyList<string>)[.. e.Metadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().SelectMany(a => (a.Roles ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))])))];
    }
}
