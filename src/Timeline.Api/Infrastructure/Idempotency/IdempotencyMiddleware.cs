using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Timeline.Api.Data;

namespace Timeline.Api.Infrastructure.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on POST. The first request claims the key (a row in the database, so every replica sees it)
/// for a lease; its outcome is stored and replayed to every retry with the same key and body, and the same key with
/// another body is refused with 422. A write stores its outcome in its own transaction (<see cref="IdempotencyClaim"/>),
/// so a crash leaves either the committed outcome or a claim whose lease runs out, after which a retry does the work
/// afresh. A retry while the lease runs is told to wait (409, <c>Retry-After</c>). On SQLite, whose file one server
/// process owns, a claim taken before this process started is abandoned and taken at once. A record past its retention
/// is gone, as if purged already.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IOptions<IdempotencyOptions> options, TimeProvider startClock)
{
    private readonly DateTimeOffset _started = startClock.GetUtcNow();

    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 200;

    public async Task InvokeAsync(HttpContext context, TimelineDbContext db, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = context.Request.Headers[Header].ToString();
        var caller = context.User.Identity?.Name;
        if (!(HttpMethods.IsPost(context.Request.Method) || TakesKey(context)) || key.Length == 0 || caller is null)
        {
            await next(context);
            return;
        }

        if (key.Length > MaxKeyLength)
        {
            await WriteProblemAsync(context, StatusCodes.Status400BadRequest, "Bad Request", $"{Header} must be at most {MaxKeyLength} characters.");
            return;
        }

        var hash = await HashAsync(context.Request);
        var claim = await ClaimAsync(context, db, clock, caller, key, hash);
        if (claim is null)
            return; // answered from the record, or told to wait

        context.Features.Set(claim);
        var original = context.Response.Body;
        await using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await next(context);
        }
        catch
        {
            db.ChangeTracker.Clear();
            await claim.ReleaseAsync(db);
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }

        if (!claim.Completed)
            await KeepAnswerAsync(context, db, claim, captured.ToArray());

        captured.Position = 0;
        await captured.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>Besides every POST, the PUTs that say they take a key (a translation's: see <see cref="Features.Editing.WriteKind.Translate"/>).</summary>
    private static bool TakesKey(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<Features.Editing.WriteContract>()?.Kind == Features.Editing.WriteKind.Translate;

    /// <summary>
    /// Takes the key for this request: a new claim, or one whose lease ran out without an outcome. Null when the request
    /// has been answered instead: the stored outcome, a 422 for another body, a 409 while another claim's lease runs.
    /// </summary>
    private async Task<IdempotencyClaim?> ClaimAsync(HttpContext context, TimelineDbContext db, TimeProvider clock, string caller, string key, string hash)
    {
        var lease = options.Value.Lease;
        // Each turn either takes the key or sees who has it; a lost race (two retries at once) looks again, once more.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = clock.GetUtcNow();
            var record = await db.IdempotencyRecords.AsNoTracking()
                .SingleOrDefaultAsync(r => r.KeyName == caller && r.IdempotencyKey == key, context.RequestAborted);
            if (record is null)
            {
                var claim = new IdempotencyRecord { KeyName = caller, IdempotencyKey = key, RequestHash = hash, StatusCode = IdempotencyRecord.Pending, CreatedAt = now };
                db.IdempotencyRecords.Add(claim);
                try
                {
                    await db.SaveChangesAsync(context.RequestAborted);
                    return new IdempotencyClaim(claim.Id, now);
                }
                catch (DbUpdateException)
                {
                    db.ChangeTracker.Clear(); // the unique index let another request claim it first
                    continue;
                }
                finally
                {
                    db.ChangeTracker.Clear();
                }
            }

            if (record.CreatedAt + options.Value.Retention <= now)
            {
                // Expired: the key is free again (the purge would have deleted it by now or soon).
                await db.IdempotencyRecords.Where(r => r.Id == record.Id && r.CreatedAt == record.CreatedAt).ExecuteDeleteAsync(context.RequestAborted);
                continue;
            }

            if (record.StatusCode != IdempotencyRecord.Pending)
            {
                if (record.RequestHash == hash)
                    await ReplayAsync(context, record);
                else
                    await WriteProblemAsync(context, StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                        $"The {Header} '{key}' was already used for a different request; use a new key for a new request.");
                return null;
            }

            var expires = record.CreatedAt + lease;
            var abandoned = record.CreatedAt < _started && !db.Database.IsNpgsql();
            if (expires > now && !abandoned)
            {
                context.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling((expires - now).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await WriteProblemAsync(context, StatusCodes.Status409Conflict, "Request in progress",
                    $"A request with the {Header} '{key}' is still being processed; retry after the time in Retry-After to get its answer.");
                return null;
            }

            // The lease ran out (or its process is gone) and nothing was committed under it: the request is this one's to do now.
            var takenOver = await db.IdempotencyRecords
                .Where(r => r.Id == record.Id && r.StatusCode == IdempotencyRecord.Pending && r.CreatedAt == record.CreatedAt)
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.CreatedAt, now).SetProperty(x => x.RequestHash, hash), context.RequestAborted);
            if (takenOver == 1)
                return new IdempotencyClaim(record.Id, now);
        }

        context.Response.Headers.RetryAfter = "1";
        await WriteProblemAsync(context, StatusCodes.Status409Conflict, "Request in progress",
            $"Other requests with the {Header} '{key}' are being processed; retry in a moment to get the answer.");
        return null;
    }

    /// <summary>
    /// Keeps the answer of a request that wrote nothing (a 4xx): a retry gets it again. After a 5xx or a 429 the key is
    /// given up instead, so that a retry can succeed.
    /// </summary>
    private static async Task KeepAnswerAsync(HttpContext context, TimelineDbContext db, IdempotencyClaim claim, byte[] body)
    {
        db.ChangeTracker.Clear();
        var response = context.Response;
        if (response.StatusCode >= 500 || response.StatusCode == StatusCodes.Status429TooManyRequests)
        {
            await claim.ReleaseAsync(db);
            return;
        }

        await claim.CompleteAsync(db, response.StatusCode, response.ContentType, response.Headers.Location, response.Headers.ETag, body, CancellationToken.None);
    }

    private static async Task<string> HashAsync(HttpRequest request)
    {
        var body = await StrictJson.ReadAsync(request, request.HttpContext.RequestAborted);
        return Convert.ToHexStringLower(SHA256.HashData(
            [.. System.Text.Encoding.UTF8.GetBytes($"{request.Path}\n{request.ContentType}\n"), .. body.Span]));
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
