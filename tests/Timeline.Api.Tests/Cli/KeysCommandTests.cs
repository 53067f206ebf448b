using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Tests.Cli;

[Collection(ConsoleVerbs.Name)]
public sealed class KeysCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("timeline-keys-").FullName;

    private string Database => $"--ConnectionStrings:Timeline=Data Source={Path.Combine(_folder, "keys.db")}";

    [Fact]
    public async Task KeysCreate_PrintsTheKeyAloneOnOneLine_AndListNeverShowsIt()
    {
        var (code, output, _) = await CommandLineTests.RunAsync("keys", "create", "--name", "newsdesk", "--role", "editor", Database);

        Assert.Equal(0, code);
        var key = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches("^tl_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$", key);

        var (listed, list, _) = await CommandLineTests.RunAsync("keys", "list", Database);
        Assert.Equal(0, listed);
        Assert.Contains("newsdesk\teditor", list, StringComparison.Ordinal);
        Assert.DoesNotContain(key[3..], list, StringComparison.Ordinal);
        // The secret is base64url and may itself contain '_' (even start with one), so it is cut by position,
        // not split on '_': "tl_" + 16 hex digits + "_" is 20 characters.
        Assert.DoesNotContain(key[20..], list, StringComparison.Ordinal);

        var (again, _, error) = await CommandLineTests.RunAsync("keys", "create", "--name", "newsdesk", "--role", "admin", Database);
        Assert.Equal(1, again);
        Assert.Contains("already exists", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysRevoke_MakesTheKeyUseless()
    {
        var (_, output, _) = await CommandLineTests.RunAsync("keys", "create", "--name", "intern", "--role", "editor", Database);
        var key = output.Trim();
        Assert.Equal("intern", (await VerifyAsync(key))?.Name);

        var (code, revoked, _) = await CommandLineTests.RunAsync("keys", "revoke", "--name", "intern", Database);
        Assert.Equal(0, code);
        Assert.Null(await VerifyAsync(key));
        Assert.Contains("Revoked 'intern'", revoked, StringComparison.Ordinal);
        var (missing, _, error) = await CommandLineTests.RunAsync("keys", "revoke", "--name", "intern", Database);
        Assert.Equal(1, missing);
        Assert.Contains("no active key", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("keys")]
    [InlineData("keys", "create", "--name", "x")]
    [InlineData("keys", "create", "--name", "x", "--role", "owner")]
    [InlineData("keys", "revoke")]
    public async Task Keys_Misused_PrintsUsageAndExits2(params string[] args)
    {
        var (code, output, error) = await CommandLineTests.RunAsync([.. args, Database]);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("keys create", error, StringComparison.Ordinal);
    }

    private async Task<ApiKeyService.Caller?> VerifyAsync(string key)
    {
        await using var db = new TimelineDbContext(new DbContextOptionsBuilder<TimelineDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_folder, "keys.db")}").Options);
        return await new ApiKeyService(db, TimeProvider.System).VerifyAsync(key, CancellationToken.None);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
