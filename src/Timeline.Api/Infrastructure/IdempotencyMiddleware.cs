using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Timeline.Api.Data;
using Timeline.Api.Domain;

namespace Timeline.Api.Infrastructure;

/// <summary>
/// <c>Idempotency-Key</c> on POST: the first request's answer is stored (in the database, so any replica
/// can replay it) and a retry with the same key and body gets that answer again without a second write.
/// The same key with a different body is refused with 422.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 200;

    public async Task InvokeAsync(HttpContext context, TimelineDbContext db, TimeProvider clock)
    {
        var key = context.Request.Headers[Header].ToString();
        var caller = context.User.Identity?.Name;
        if (!HttpMethods.IsPost(context.Request.Method) || key.Length == 0 || caller is null)
        {
            await next(context);
            return;
        }

        if (key.Length > MaxKeyLength)
        {
            await WriteProblemAsync(context, StatusCodes.Status400BadRequest, "Bad Request", $"{Header} must be at most {MaxKeyLength} characters.");
            return;
        }

        context.Request.EnableBuffering();
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        context.Request.Body.Position = 0;
        var hash = Convert.ToHexStringLower(SHA256.HashData(
            [.. System.Text.Encoding.UTF8.GetBytes($"{context.Request.Path}\n{context.Request.ContentType}\n"), .. body.ToArray()]));

        var stored = await db.IdempotencyRecords.AsNoTracking()
            .SingleOrDefaultAsync(r => r.KeyName == caller && r.IdempotencyKey == key, context.RequestAborted);
        if (stored is not null)
        {
            if (stored.RequestHash != hash)
            {
                await WriteProblemAsync(context, StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                    $"The {Header} '{key}' was already used for a different request; use a new key for a new request.");
                return;
            }

            await ReplayAsync(context, stored);
            return;
        }

        var original = context.Response.Body;
        await using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        // Only answers that settle the request are kept: a 5xx or a 429 must be retryable.
        var status = context.Response.StatusCode;
        if (status < 500 && status != StatusCodes.Status429TooManyRequests)
        {
            db.ChangeTracker.Clear();
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                KeyName = caller,
                IdempotencyKey = key,
                RequestHash = hash,
                StatusCode = status,
                ContentType = context.Response.ContentType,
                Location = context.Response.Headers.Location,
                ETag = context.Response.Headers.ETag,
                Body = captured.ToArray(),
                CreatedAt = clock.GetUtcNow(),
            });
            try
            {
                await db.SaveChangesAsync(context.RequestAborted);
            }
            catch (DbUpdateException)
            {
                // A concurrent retry stored its answer first; both answers describe the same outcome.
            }
        }

        captured.Position = 0;
        await captured.CopyToAsync(original, context.RequestAborted);
    }

    private static async Task ReplayAsync(HttpContext context, IdempotencyRecord stored)
    {
        context.Response.StatusCode = stored.StatusCode;
        if (stored.ContentType is not null)
            context.Response.ContentType = stored.ContentType;
        if (stored.Location is not null)
            context.Response.Headers.Location = stored.Location;
        if (stored.ETag is not null)
            context.Response.Headers.ETag = stored.ETag;
        context.Response.Headers["Idempotent-Replayed"] = "true";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.Body.WriteAsync(stored.Body, context.RequestAborted);
    }

    private static Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.Headers[HeaderNames.CacheControl] = "no-store";
        return Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(context);
    }
}
