using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Timeline.Api.Data;

namespace Timeline.Api.Tests.Data;

/// <summary>
/// Reads outside a transaction run on the compiled-statement connections of <see cref="SqliteCompiledReads"/>: a
/// statement is compiled once per connection and then reused, a read inside a transaction stays on the transaction's
/// connection (it sees its own uncommitted writes, others do not), and every connection goes back after its read.
/// </summary>
public sealed class SqliteCompiledReadsTests : IDisposable
{
    private readonly TimelineApiFactory _factory = new() { ForceSqlite = true };

    private SqliteCompiledReads Reads => _factory.Services.GetRequiredService<SqliteCompiledReads>();

    [Fact]
    public async Task PagesReadAgain_RunTheStatementCompiledTheFirstTime()
    {
        using var client = _factory.CreateClient();
        await GetOkAsync(client, "/api/v1/events?limit=5&test-cache=page-0");
        var (compiled, reused) = (Reads.CompiledCount, Reads.ReusedCount);

        // Each URL is new to the output cache, so each request reads the database, with the same statement text.
        for (var i = 1; i <= 10; i++)
            await GetOkAsync(client, $"/api/v1/events?limit=5&test-cache=page-{i}");

        // At most one compilation per connection (a background job may have had the first one busy), the rest reused.
        Assert.InRange(Reads.CompiledCount - compiled, 0, Reads.OpenConnections - 1);
        Assert.True(Reads.ReusedCount - reused >= 10 - (Reads.CompiledCount - compiled), $"reused {Reads.ReusedCount - reused}");
    }

    [Fact]
    public async Task AReadInATransaction_SeesItsOwnWrite_WhileReadsOutsideSeeOnlyWhatIsCommitted()
    {
        const string Slug = "union-state";
        var before = await TitleAsync(Slug);
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE \"Timelines\" SET \"Title\" = 'Renamed in a transaction' WHERE \"Slug\" = {0}", Slug);
            Assert.Equal("Renamed in a transaction", await db.Timelines.Where(t => t.Slug == Slug).Select(t => t.Title).SingleAsync());
            Assert.Equal(before, await TitleAsync(Slug));
            await transaction.CommitAsync();
        }

        Assert.Equal("Renamed in a transaction", await TitleAsync(Slug));
        Assert.Equal("Renamed in a transaction", await db.Timelines.Where(t => t.Slug == Slug).Select(t => t.Title).SingleAsync());
    }

    [Fact]
    public async Task ReadsAtOnce_AndAFailedRead_GiveEveryConnectionBack()
    {
        using var client = _factory.CreateClient();
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => GetOkAsync(client, $"/api/v1/events?limit=3&test-cache=many-{i}")));

        var failure = await Assert.ThrowsAsync<SqliteException>(() =>
            _factory.WithDbAsync(db => db.Database.SqlQueryRaw<long>("SELECT \"Value\" FROM \"NoSuchTable\"").ToListAsync()));
        Assert.Contains("no such table", failure.Message, StringComparison.Ordinal);

        Assert.Equal(0, Reads.OpenReaders);
        Assert.InRange(Reads.OpenConnections, 1, SqliteCompiledReads.IdleConnections);
        // And they still read.
        await GetOkAsync(client, "/api/v1/events?limit=3&test-cache=after");
        Assert.Equal(0, Reads.OpenReaders);
    }

    private Task<string> TitleAsync(string slug) =>
        _factory.WithDbAsync(db => db.Timelines.Where(t => t.Slug == slug).Select(t => t.Title).SingleAsync());

    private static async Task GetOkAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}
