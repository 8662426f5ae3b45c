// Issue 9's benchmark. End-to-end harness (default) or BenchmarkDotNet micro-benchmarks (--micro).
//   dotnet run -c Release --project bench/PlanLink.Bench -- --data DIR [--persons N] [--db CONN] [--out bench/RESULTS.md]
//   dotnet run -c Release --project bench/PlanLink.Bench -- --micro [--filter '*'] [--job short]
// (--cold-read DIR is the harness's own child: one read + validate in a fresh process, its seconds on stdout.)
using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using PlanLink.Bench;
using PlanLink.Ingest.Csv;

const string ColdRead = "--cold-read";
if (args.Length > 0 && args[0] == "--micro")
{
    BenchmarkSwitcher.FromAssembly(typeof(FieldParserBenchmarks).Assembly).Run(args[1..]);
    return 0;
}
if (args.Length == 2 && args[0] == ColdRead)
{
    var clock = Stopwatch.StartNew();
    ContractReader.ReadFolders([args[1]]);
    Console.WriteLine(clock.Elapsed.TotalSeconds.ToString("R", CultureInfo.InvariantCulture));
    return 0;
}
BenchOptions options;
try { options = BenchOptions.Parse(args); }
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
var sqlDir = Path.Combine(AppContext.BaseDirectory, "sql");
return BenchCli.Run(options, () => new DuckDbSide(sqlDir), Console.Out, ReadInProcessOfItsOwn);

// This program started again with --cold-read: the same runtime settings, nothing read or compiled before.
static TimeSpan ReadInProcessOfItsOwn(string data)
{
    var self = typeof(DuckDbSide).Assembly.Location;
    var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
    var result = ChildProcess.Run(dotnet, [self, ColdRead, data], TimeSpan.FromMinutes(10));
    var last = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
    if (result.ExitCode != 0 || !double.TryParse(last, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        throw new InvalidOperationException($"the cold read in a process of its own failed (exit {result.ExitCode}): {result.Output}");
    return TimeSpan.FromSeconds(seconds);
}
