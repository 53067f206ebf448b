using System.Globalization;
using Timeline.Bench;

// The read benchmark at archive scale. One command generates (or reuses) a database of the chosen size,
// imports it with the API's own import verb, starts the Release build of the API as a server process, and
// loads every scenario with wrk next to a raw Kestrel ceiling measured in the same run:
//   dotnet run -c Release --project bench/Timeline.Bench -- --events 100000 [--provider postgres]
// See bench/README.md.
var options = BenchOptions.Parse(args);
if (options is null)
{
    await Console.Error.WriteLineAsync(BenchOptions.Usage);
    return 2;
}

if (options.GenerateOnly is { } folder)
{
    var files = new DataGenerator(options.Events).WriteFiles(folder);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {files} data files for {options.Events:N0} events into {folder}"));
    return 0;
}

var run = new BenchRun(options);
var results = await run.RunAsync();
var path = results.Save(options.ResultsFolder);
Console.WriteLine();
Console.WriteLine(results.ToMarkdown());
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Written to {path}"));
return results.Failed ? 1 : 0;
