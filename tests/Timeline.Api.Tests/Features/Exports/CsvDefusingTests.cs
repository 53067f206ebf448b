using System.Net;
using System.Text.Json.Nodes;
using Timeline.Api.Domain;
using Timeline.Api.Features.Exports;
using Timeline.Api.Tests.Features.Editing;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Tests.Features.Exports;

/// <summary>No text cell of a CSV export runs as a formula when a spreadsheet opens it.</summary>
public sealed class CsvDefusingTests(TimelineApiFactory factory) : IClassFixture<TimelineApiFactory>
{
    [Theory]
    [InlineData("=1+1")]
    [InlineData("+1")]
    [InlineData("-1+2")]
    [InlineData("@SUM(A1)")]
    [InlineData("\t=1")]
    [InlineData("\r=1")]
    [InlineData("\n=HYPERLINK(\"http://evil.example\")")]
    [InlineData("\nplain text after a line feed")]
    [InlineData("   =1+1")]
    [InlineData("\t\t+cmd")]
    [InlineData(" \u00A0@SUM(A1)")]
    [InlineData("\uFF1D1+1")]
    [InlineData("\uFF0B1")]
    [InlineData("\uFF0D1")]
    [InlineData("\uFF20SUM(A1)")]
    [InlineData("\u3000\uFF1D1")]
    public void Defuse_PrefixesAnythingASpreadsheetWouldRun(string cell) => Assert.Equal("'" + cell, CsvExport.Defuse(cell));

    [Theory]
    [InlineData("Union State treaty")]
    [InlineData("Лукашенко")]
    [InlineData("2019-12-08")]
    [InlineData("a = b")]
    [InlineData(" leading space")]
    [InlineData("")]
    [InlineData(null)]
    public void Defuse_LeavesOrdinaryTextAlone(string? cell) => Assert.Equal(cell, CsvExport.Defuse(cell));

    [Fact]
    public async Task EventsCsv_DefusesFormulasWrittenThroughTheApi()
    {
        using var client = factory.CreateClient(await factory.CreateKeyAsync(ApiKeyRole.Editor));
        var slug = WriteClient.NewSlug("2026-11-21-csv-formula");
        var body = WriteClient.EventBody(slug);
        body["title"] = "  =HYPERLINK(\"http://evil.example\",\"click\")";
        body["summary"] = "\n@SUM(1+1)";
        body["place"] = "\uFF1D1+1";
        body["date"] = "2026-11-21";
        using var created = await client.SendAsync(HttpMethod.Post, "/api/v1/events", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var rows = ExportsTests.ReadCsv(await client.GetByteArrayAsync(new Uri("/api/v1/timelines/union-state/events.csv?from=2026-11-21&to=2026-11-21", UriKind.Relative)));
        var row = Assert.Single(rows, r => r["slug"] == slug);

        Assert.Equal("'" + body["title"]!.GetValue<string>(), row["title"]);
        Assert.Equal("'" + body["summary"]!.GetValue<string>(), row["summary"]);
        Assert.Equal("'\uFF1D1+1", row["place"]);
    }
}
