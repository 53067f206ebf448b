using NJsonSchema;
using NSwag;

namespace Timeline.Api.Infrastructure;

/// <summary>
/// What the document says once for every operation, because the pipeline does it for every request rather than each
/// endpoint: the 429 of the global rate limiter (<see cref="RateLimits"/>), and for a GET the <c>ETag</c> and
/// <c>Cache-Control</c> every 200 carries and the 304 that <c>If-None-Match</c> gets (<see cref="ConditionalGetMiddleware"/>);
/// the <c>Link</c> of a paginated list; and the problem+json body every error has, with its <c>errors</c> list.
/// </summary>
internal static class SharedResponses
{
    public static void PostProcess(OpenApiDocument document)
    {
        var problem = DescribeProblem(document);
        foreach (var description in document.Operations)
        {
            var operation = description.Operation;
            if (!operation.Responses.TryGetValue("429", out var tooMany))
            {
                operation.Responses["429"] = tooMany = new OpenApiResponse
                {
                    Description = "Too many requests from this client (reads) or key (writes) in the current minute.",
                    Content = { [ErrorHandling.ProblemJson] = new OpenApiMediaType { Schema = new JsonSchema { Reference = problem } } },
                };
            }

            tooMany.Headers["Retry-After"] = new OpenApiHeader
            {
                Description = "Seconds until the window resets.",
                IsRequired = true,
                Schema = new JsonSchema { Type = JsonObjectType.Integer },
            };

            // Whole documents waiting for a turn (WholeDocumentGate) and writes finding the database busy both say when to retry,
            // in a problem+json; readiness's 503 is its health report, for load balancers, and names no time.
            if (operation.Responses.TryGetValue("503", out var unavailable) && unavailable.Content.ContainsKey(ErrorHandling.ProblemJson))
            {
                unavailable.Headers["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before trying again.",
                    IsRequired = true,
                    Schema = new JsonSchema { Type = JsonObjectType.Integer },
                };
            }

            if (!string.Equals(description.Method, OpenApiOperationMethod.Get, StringComparison.OrdinalIgnoreCase))
                continue;
            if (operation.Responses.TryGetValue("200", out var ok))
            {
                ok.Headers.TryAdd("ETag", Header("The validator of this answer: send it back as `If-None-Match` to get 304 while it is unchanged.", required: true));
                ok.Headers["Cache-Control"] = Header("How long shared caches and browsers may keep the answer.", required: true);
                if (operation.Parameters.Any(p => p is { Kind: OpenApiParameterKind.Query, Name: "cursor" }))
                    ok.Headers["Link"] = Header("`<…>; rel=\"next\"` while there is a next page (the same URL as `nextCursor` gives).", required: false);
            }

            operation.Responses["304"] = new OpenApiResponse
            {
                Description = "Not Modified: `If-None-Match` named the current ETag; no body.",
                Headers = { ["ETag"] = Header("The current validator (the one sent).", required: true) },
            };
        }
    }

    private static OpenApiHeader Header(string description, bool required) => new()
    {
        Description = description,
        IsRequired = required,
        Schema = new JsonSchema { Type = JsonObjectType.String },
    };

    /// <summary>RFC 9457 as this API writes it (<see cref="ProblemJsonWriter"/>, FastEndpoints' validation errors): extensions allowed.</summary>
    private static JsonSchema DescribeProblem(OpenApiDocument document)
    {
        var error = new JsonSchema
        {
            Type = JsonObjectType.Object,
            Description = "One refused input: which member (`name`, as in the request) and why.",
            RequiredProperties = { "name", "reason" },
            Properties =
            {
                ["name"] = new JsonSchemaProperty { Type = JsonObjectType.String, Description = "The member, query parameter or header refused." },
                ["reason"] = new JsonSchemaProperty { Type = JsonObjectType.String, Description = "Why, in words for the person writing the request." },
                ["code"] = new JsonSchemaProperty { Type = JsonObjectType.String, IsNullableRaw = true },
                ["severity"] = new JsonSchemaProperty { Type = JsonObjectType.String, IsNullableRaw = true },
            },
        };
        document.Components.Schemas["ProblemError"] = error;
        document.Components.Schemas.TryGetValue("ProblemDetails", out var generated);
        var problem = new JsonSchema
        {
            Type = JsonObjectType.Object,
            Description = "An RFC 9457 problem: what went wrong, for people (`title`, `detail`) and programs (`status`, `type`, `errors`).",
            AllowAdditionalProperties = true,
            RequiredProperties = { "status", "title" },
            Properties =
            {
                ["type"] = new JsonSchemaProperty { Type = JsonObjectType.String, Description = "The RFC section of the status." },
                ["title"] = new JsonSchemaProperty { Type = JsonObjectType.String },
                ["status"] = new JsonSchemaProperty { Type = JsonObjectType.Integer, Format = "int32" },
                ["detail"] = new JsonSchemaProperty { Type = JsonObjectType.String, IsNullableRaw = true },
                ["instance"] = new JsonSchemaProperty { Type = JsonObjectType.String, IsNullableRaw = true },
                ["traceId"] = new JsonSchemaProperty { Type = JsonObjectType.String, Description = "Quote it when reporting a problem: it is in the server's logs and traces." },
                ["errors"] = new JsonSchemaProperty
                {
                    Type = JsonObjectType.Array,
                    Description = "On 400: every refused input, each by name.",
                    Item = new JsonSchema { Reference = error },
                },
            },
        };
        document.Components.Schemas["ProblemDetails"] = problem;
        // The responses that pointed at the generated schema (ASP.NET Core's ProblemDetails type) point at this one.
        foreach (var response in document.Operations.SelectMany(o => o.Operation.Responses.Values))
        {
            foreach (var media in response.Content.Values.Where(m => generated is not null && ReferenceEquals(m.Schema?.ActualSchema, generated)))
                media.Schema = new JsonSchema { Reference = problem };
        }

        return problem;
    }
}
