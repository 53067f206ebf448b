using System.Text.Json;

namespace Timeline.Api.Infrastructure;

/// <summary>
/// A resource's representation as the API sends it: its JSON (the API's settings) and the ETag of exactly those bytes.
/// GET, PUT, PATCH and the create's 201 all answer through it, so a write's answer and the next read cannot disagree.
/// </summary>
public sealed class Representation : IResult
{
    private Representation(byte[] json, int status, string? location)
    {
        Json = json;
        ETag = ETags.FromBytes(json);
        Status = status;
        Location = location;
    }

    public const string ContentType = "application/json; charset=utf-8";

    public byte[] Json { get; }

    public string ETag { get; }

    public int Status { get; }

    /// <summary>Where the resource lives: sent as <c>Location</c> with a 201.</summary>
    public string? Location { get; }

    public static Representation Of<T>(T body, int status = StatusCodes.Status200OK, string? location = null) =>
        new(JsonSerializer.SerializeToUtf8Bytes(body, TimelineApp.Json), status, location);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = Status;
        response.ContentType = ContentType;
        response.Headers.ETag = ETag;
        if (Location is not null)
            response.Headers.Location = Location;
        return response.Body.WriteAsync(Json, httpContext.RequestAborted).AsTask();
    }
}

/// <summary>A resource loaded with its representation: the entity to change, and the ETag its <c>If-Match</c> must name.</summary>
public sealed class Represented<T>
{
    private readonly Representation? _representation;

    public Represented(T entity, Representation representation)
    {
        Entity = entity;
        _representation = representation;
    }

    /// <summary>A resource about to be created (see <see cref="Represented.New{T}"/>).</summary>
    internal Represented(T entity) => Entity = entity;

    public T Entity { get; }

    public Representation Representation => _representation ?? throw new InvalidOperationException("A new resource has no stored representation.");
}

public static class Represented
{
    /// <summary>A resource about to be created: nothing is stored yet, so there is no representation to check a write against.</summary>
    public static Represented<T> New<T>(T entity) => new(entity);
}
