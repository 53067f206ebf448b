using System.Text.Json;
using FastEndpoints;
using FluentValidation;
using FluentValidation.Validators;
using NJsonSchema;
using NSwag;
using NSwag.Generation.AspNetCore;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;
using Timeline.Api.Features.Editing;

namespace Timeline.Api.Infrastructure;

/// <summary>
/// Makes the document say what writes do, from each write endpoint's <see cref="WriteContract"/>: the <c>If-Match</c>
/// and <c>Idempotency-Key</c> header parameters it takes, the <c>ETag</c> and <c>Location</c> headers it answers with,
/// a create's body with its <c>slug</c> (FastEndpoints drops it from the schema a PUT shares, where the path gives it),
/// a PATCH's body as a merge patch with every member optional, and <c>required</c> lists taken from the validators
/// (a property is required when its validator refuses it missing or empty, unconditionally), not from C# nullability.
/// </summary>
internal sealed class WriteContractProcessor : IOperationProcessor
{
    private const string ContractKey = "__writeContract";
    private const string SlugPattern = "^[a-z0-9]+(-[a-z0-9]+)*$";

    public bool Process(OperationProcessorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var metadata = (context as AspNetCoreOperationProcessorContext)?.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata?.OfType<WriteContract>().FirstOrDefault() is not { } contract)
            return true;
        var operation = context.OperationDescription.Operation;
        var requestType = metadata.OfType<EndpointDefinition>().FirstOrDefault()?.ReqDtoType;

        if (contract.Kind is WriteKind.Replace or WriteKind.Patch or WriteKind.Delete or WriteKind.Append or WriteKind.Translate)
        {
            var required = contract.Kind != WriteKind.Append;
            operation.Parameters.Add(Header("If-Match", required, required
                ? "The ETag of the version you are changing (from a GET or the last write). Missing or `*`: 428; another version: 412."
                : "Optional: the commitment's ETag; when it names another version the write is refused with 412."));
        }

        if (contract.Kind is WriteKind.Create or WriteKind.Append or WriteKind.Translate)
        {
            operation.Parameters.Add(Header(IdempotencyHeader, required: false,
                "Makes retries safe: a retry with the same key and body gets the first answer again (`Idempotent-Replayed: true`), "
                + "one while the first still runs gets 409 with `Retry-After`, the same key with another body 422. Kept 24 h."));
        }

        int[] successes = contract.Kind == WriteKind.Translate ? [contract.SuccessStatus, StatusCodes.Status201Created] : [contract.SuccessStatus];
        foreach (var status in successes.Where(s => s != StatusCodes.Status204NoContent))
        {
            if (!operation.Responses.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var success))
                continue;
            success.Headers["ETag"] = new OpenApiHeader
            {
                Description = "The validator of the resource as answered; send it as `If-Match` to change it.",
                Schema = new JsonSchema { Type = JsonObjectType.String },
            };
            if (status == StatusCodes.Status201Created)
            {
                success.Headers["Location"] = new OpenApiHeader
                {
                    Description = "Where the new resource is read.",
                    Schema = new JsonSchema { Type = JsonObjectType.String, Format = "uri-reference" },
                };
            }
        }

        operation.ExtensionData ??= new Dictionary<string, object?>();
        operation.ExtensionData[ContractKey] = (contract, contract.PatchOf ?? requestType);
        return true;
    }

    private const string IdempotencyHeader = "Idempotency-Key";

    private static OpenApiParameter Header(string name, bool required, string description) => new()
    {
        Name = name,
        Kind = OpenApiParameterKind.Header,
        IsRequired = required,
        Description = description,
        Schema = new JsonSchema { Type = JsonObjectType.String },
    };

    /// <summary>After every operation is described: the request schemas (see the class summary).</summary>
    public static void PostProcess(OpenApiDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var (name, schema) in document.Components.Schemas)
        {
            if (Validators.TryGetValue(name, out var validated))
                SetRequired(schema, validated.Validator, validated.Type);
        }

        foreach (var operation in document.Operations.Select(o => o.Operation))
        {
            if (operation.ExtensionData?.Remove(ContractKey, out var stored) != true || stored is not (WriteContract contract, Type requestType))
                continue;
            if (operation.RequestBody?.Content is not { Count: > 0 } content
                || !document.Components.Schemas.TryGetValue(requestType.Name, out var write))
                continue;

            if (requestType.GetProperty("Slug") is not null && !write.Properties.ContainsKey("slug") && contract.Kind != WriteKind.Append)
            {
                write.Properties["slug"] = new JsonSchemaProperty
                {
                    Type = JsonObjectType.String,
                    Pattern = SlugPattern,
                    MaxLength = 120,
                    Description = "The key in URLs, chosen on create and never changed; in a PUT it may be left out (the path gives it).",
                };
            }

            switch (contract.Kind)
            {
                case WriteKind.Create when write.Properties.ContainsKey("slug"):
                    var create = new JsonSchema();
                    create.AllOf.Add(new JsonSchema { Reference = write });
                    create.RequiredProperties.Add("slug"); // an inline schema without properties of its own: its list is what is written
                    SetBody(content, create);
                    break;
                case WriteKind.Patch:
                    SetBody(content, PatchOf(document, write, requestType.Name));
                    break;
            }
        }
    }

    /// <summary>The merge patch of a write representation: its members, each optional; the slug cannot change.</summary>
    private static JsonSchema PatchOf(OpenApiDocument document, JsonSchema write, string name)
    {
        var patchName = name.EndsWith("WriteRequest", StringComparison.Ordinal) ? name.Replace("WriteRequest", "Patch", StringComparison.Ordinal) : name + "Patch";
        if (document.Components.Schemas.TryGetValue(patchName, out var existing))
            return new JsonSchema { Reference = existing };
        var patch = new JsonSchema
        {
            Type = JsonObjectType.Object,
            AllowAdditionalProperties = false,
            Description = "A JSON Merge Patch (RFC 7396) of " + name + ": members given replace, `null` removes an optional one (it goes back to its default), members left out stay.",
        };
        foreach (var (property, schema) in write.Properties.Where(p => p.Key != "slug"))
        {
            var member = CopyOf(schema);
            // null removes a member (RFC 7396): an optional one goes back to its default; a required one is refused.
            member.IsNullableRaw = schema.IsNullableRaw == true || !schema.IsRequired;
            // An object member is merged too, so it is a patch of its own (its members optional).
            if (schema.ActualSchema is { Type: JsonObjectType.Object, Properties.Count: > 0 } nested && !ReferenceEquals(nested, schema)
                && document.Components.Schemas.FirstOrDefault(c => ReferenceEquals(c.Value, nested)).Key is { } nestedName)
            {
                member.Reference = null;
                member.OneOf.Clear();
                member.OneOf.Add(PatchOf(document, nested, nestedName));
            }
            patch.Properties[property] = member;
        }
        document.Components.Schemas[patchName] = patch;
        return new JsonSchema { Reference = patch };
    }

    /// <summary>A member's schema for the patch: the same facets (a copy, since a schema belongs to one parent).</summary>
    private static JsonSchemaProperty CopyOf(JsonSchemaProperty member)
    {
        var copy = new JsonSchemaProperty
        {
            Type = member.Type, Format = member.Format, Pattern = member.Pattern, MaxLength = member.MaxLength, MinLength = member.MinLength,
            IsNullableRaw = member.IsNullableRaw, Description = member.Description, Reference = member.Reference,
        };
        foreach (var value in member.Enumeration)
            copy.Enumeration.Add(value);
        if (member.Item is { } item)
            copy.Item = item.HasReference ? new JsonSchema { Reference = item.ActualSchema } : new JsonSchema { Type = item.Type, Pattern = item.Pattern, MaxLength = item.MaxLength };
        return copy;
    }

    private static void SetBody(IDictionary<string, OpenApiMediaType> content, JsonSchema schema)
    {
        foreach (var media in content.Values)
            media.Schema = schema;
    }

    /// <summary>
    /// Required: what the validator refuses null or empty, unconditionally, and what is so when left out (a member with
    /// a default, <c>language</c> say, may be left out even though an empty one is refused).
    /// </summary>
    private static void SetRequired(JsonSchema schema, IValidator validator, Type type)
    {
        var blank = type.GetConstructor(Type.EmptyTypes) is not null ? Activator.CreateInstance(type) : null;
        object? DefaultOf(string member) => blank is null ? null : type.GetProperty(member,
            System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase)?.GetValue(blank);
        var required = validator.CreateDescriptor().Rules
            .Where(rule => rule.PropertyName is not null && !IsForEach(rule))
            .Where(rule => rule.Components.Any(v => !v.HasCondition && !v.HasAsyncCondition && v.Validator switch
            {
                INotNullValidator => DefaultOf(rule.PropertyName) is null,
                INotEmptyValidator => DefaultOf(rule.PropertyName) is null or "" or System.Collections.ICollection { Count: 0 },
                _ => false,
            }))
            .Select(rule => JsonNamingPolicy.CamelCase.ConvertName(rule.PropertyName))
            .Where(name => schema.Properties.ContainsKey(name) && name != "slug")
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (name, property) in schema.Properties)
            property.IsRequired = required.Contains(name);
    }

    /// <summary>A <c>RuleForEach</c>: its rules are about the items, not about the member being there.</summary>
    private static bool IsForEach(IValidationRule rule) =>
        rule.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollectionRule<,>));

    /// <summary>Every validator of the app, by the name of the type it validates (the document's short schema names).</summary>
    private static readonly Dictionary<string, (IValidator Validator, Type Type)> Validators = typeof(WriteContractProcessor).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && typeof(IValidator).IsAssignableFrom(t)
            && t.GetConstructor(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic, Type.EmptyTypes) is not null)
        .Select(t => (IValidator)Activator.CreateInstance(t, nonPublic: true)!)
        .Select(v => (Validator: v, Type: v.GetType().BaseType?.GetGenericArguments().FirstOrDefault()))
        .Where(v => v.Type is not null)
        .GroupBy(v => v.Type!.Name, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => (g.First().Validator, g.First().Type!), StringComparer.Ordinal);
}
