// Issue 9's benchmark. End-to-end harness (default) or BenchmarkDotNet micro-benchmarks (--micro).
//   dotnet run -c Release --project bench/PlanLink.Bench -- --data DIR [--persons N] [--db CONN] [--out bench/RESULTS.md]
//   dotnet run -c Release --project bench/PlanLink.Bench -- --micro [--filter '*'] [--job short]
using BenchmarkDotNet.Running;
using PlanLink.Bench;

if (args.Length > 0 && args[0] == "--micro")
{
    BenchmarkSwitcher.FromAssembly(typeof(FieldParserBenchmarks).Assembly).Run(args[1..]);
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
return BenchCli.Run(options, () => new DuckDbSide(sqlDir), Console.Out);
