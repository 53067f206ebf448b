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

    /// <summary>The status of a claimed key whose request is still running.</summary>
    private const int Pending = 0;

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

        // A retry of an answered request is the common case: answer it from the record, without a failed insert to log.
        if (await db.IdempotencyRecords.AsNoTracking().AnyAsync(r => r.KeyName == caller && r.IdempotencyKey == key, context.RequestAborted))
        {
            await AnswerFromStoredAsync(context, db, caller, key, hash);
            return;
        }

        // Claim the key before doing the work: the unique index lets exactly one of several concurrent
        // retries through; the others see the claim and are told to retry (or get the stored answer).
        var claim = new IdempotencyRecord
        {
            KeyName = caller,
            IdempotencyKey = key,
            RequestHash = hash,
            StatusCode = Pending,
            CreatedAt = clock.GetUtcNow(),
        };
        db.IdempotencyRecords.Add(claim);
        try
        {
            await db.SaveChangesAsync(context.RequestAborted);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            await AnswerFromStoredAsync(context, db, caller, key, hash);
            return;
        }

        var original = context.Response.Body;
        await using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await next(context);
        }
        catch
        {
            await ReleaseAsync(db, claim);
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }

        // Only answers that settle the request are kept: after a 5xx or a 429 the client must be able to retry.
        var status = context.Response.StatusCode;
        if (status >= 500 || status == StatusCodes.Status429TooManyRequests)
        {
            await ReleaseAsync(db, claim);
        }
        else
        {
            db.ChangeTracker.Clear();
            db.Attach(claim);
            claim.StatusCode = status;
            claim.ContentType = context.Response.ContentType;
            claim.Location = context.Response.Headers.Location;
            claim.ETag = context.Response.Headers.ETag;
            claim.Body = captured.ToArray();
            await db.SaveChangesAsync(CancellationToken.None);
        }

        captured.Position = 0;
        await captured.CopyToAsync(original, context.RequestAborted);
    }

    private static async Task AnswerFromStoredAsync(HttpContext context, TimelineDbContext db, string caller, string key, string hash)
    {
        var stored = await db.IdempotencyRecords.AsNoTracking()
            .SingleOrDefaultAsync(r => r.KeyName == caller && r.IdempotencyKey == key, context.RequestAborted);
        if (stored is null || stored.StatusCode == Pending)
        {
            context.Response.Headers.RetryAfter = "1";
            await WriteProblemAsync(context, StatusCodes.Status409Conflict, "Request in progress",
                $"A request with the {Header} '{key}' is still being processed; retry in a moment to get its answer.");
            return;
        }

        if (stored.RequestHash != hash)
        {
            await WriteProblemAsync(context, StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                $"The {Header} '{key}' was already used for a different request; use a new key for a new request.");
            return;
        }

        await ReplayAsync(context, stored);
    }

    private static async Task ReleaseAsync(TimelineDbContext db, IdempotencyRecord claim)
    {
        db.ChangeTracker.Clear();
        await db.IdempotencyRecords.Where(r => r.Id == claim.Id).ExecuteDeleteAsync(CancellationToken.None);
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
